package io.github.salesforcejwt.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceTokenStore;
import io.github.salesforcejwt.autoconfigure.InvalidSalesforceJwtPropertiesException.Problem;
import io.github.salesforcejwt.autoconfigure.SalesforceJwtProperties.TokenStore;
import io.github.salesforcejwt.redis.SalesforceRedis;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * A fleet that shares sessions through the application's Redis. Loaded only when the token
 * store is Redis, so that Spring Data Redis stays optional.
 *
 * @author salesforce-jwt
 */
final class RedisFleet implements SessionSharing.Fleet {

	private final SalesforceRedis redis;

	private RedisFleet(SalesforceRedis redis) {
		this.redis = redis;
	}

	static RedisFleet create(BeanFactory beanFactory, TokenStore settings, Clock clock) {
		ReactiveRedisConnectionFactory connectionFactory = beanFactory
			.getBeanProvider(ReactiveRedisConnectionFactory.class)
			.getIfAvailable();
		if (connectionFactory == null) {
			throw new InvalidSalesforceJwtPropertiesException(List.of(new Problem(SessionSharing.PREFIX + "type",
					"is redis, but the application has no reactive Redis connection (ReactiveRedisConnectionFactory)",
					"Add spring-boot-starter-data-redis, whose default client, Lettuce, Spring Boot configures from "
							+ "spring.data.redis.* (Jedis has no reactive API), or set it to memory.")));
		}
		String secret = settings.getSecret();
		return new RedisFleet(new SalesforceRedis(new ReactiveStringRedisTemplate(connectionFactory),
				settings.getKeyPrefix(), (secret != null && !secret.isEmpty()) ? secret : null, settings.isEncrypt(),
				settings.getTimeout(), clock));
	}

	@Override
	public SalesforceTokenStore tokenStore(String org, @Nullable SalesforceConnectionDetails connectionDetails,
			String description, Duration loginTimeout) {
		return this.redis.tokenStore(org, connectionDetails, description, loginTimeout);
	}

	@Override
	public SalesforceLoginBudget loginBudget(String org, @Nullable SalesforceConnectionDetails connectionDetails,
			int maxPerHour, String description, String property) {
		return this.redis.loginBudget(org, connectionDetails, maxPerHour, description, property);
	}

}
