package io.github.salesforcejwt.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.salesforcejwt.InMemorySalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceSession;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.SalesforceTokenStore;
import io.github.salesforcejwt.autoconfigure.InvalidSalesforceJwtPropertiesException.Problem;
import io.github.salesforcejwt.autoconfigure.SalesforceJwtProperties.TokenStore;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Gives each session's token manager what limits and shares its logins: the token store
 * ({@code salesforce.jwt.token-store.*}), the login budget
 * ({@code salesforce.jwt.login.max-per-hour}, counted across the fleet with Redis), and
 * the pause of renewals after the API refused a new login's session (the org's
 * {@code login.cool-down} and {@code login.max-cool-down}).
 *
 * @author salesforce-jwt
 */
final class SessionSharing {

	static final String PREFIX = SalesforceJwtSettings.PREFIX + "token-store.";

	static final int MINIMUM_SECRET_LENGTH = 16;

	private static final String REDIS_CLASS = "org.springframework.data.redis.core.ReactiveStringRedisTemplate";

	private static final String CRYPTO_CLASS = "org.springframework.security.crypto.encrypt.Encryptors";

	private final SalesforceOrgs orgs;

	private final @Nullable Fleet fleet;

	private final Clock clock;

	SessionSharing(SalesforceOrgs orgs, @Nullable Fleet fleet, Clock clock) {
		this.orgs = orgs;
		this.fleet = fleet;
		this.clock = clock;
	}

	/**
	 * Return the sharing the properties ask for.
	 * @throws InvalidSalesforceJwtPropertiesException when the Redis store cannot be used
	 * as configured, naming the property at fault
	 */
	static SessionSharing of(SalesforceOrgs orgs, BeanFactory beanFactory, @Nullable ClassLoader classLoader) {
		Clock clock = Clock.systemUTC();
		TokenStore settings = orgs.properties(SalesforceClients.DEFAULT_ORG).getTokenStore();
		if (settings.getType() != TokenStore.Type.REDIS) {
			return new SessionSharing(orgs, null, clock);
		}
		List<Problem> problems = new ArrayList<>();
		if (!ClassUtils.isPresent(REDIS_CLASS, classLoader)) {
			problems.add(new Problem(PREFIX + "type", "is redis, but Spring Data Redis is not on the class path",
					"Add spring-boot-starter-data-redis, or set it to memory."));
		}
		if (settings.isEncrypt()) {
			checkSecret(problems, settings.getSecret());
			if (!ClassUtils.isPresent(CRYPTO_CLASS, classLoader)) {
				problems.add(new Problem(PREFIX + "encrypt", "is true, but Spring Security Crypto is not on the "
						+ "class path", "Add org.springframework.security:spring-security-crypto."));
			}
		}
		Duration timeout = settings.getTimeout();
		if (timeout.isNegative() || timeout.isZero()) {
			problems.add(new Problem(PREFIX + "timeout", "is " + timeout + ", not a positive duration",
					"Set a duration above zero, such as 500ms."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidSalesforceJwtPropertiesException(problems);
		}
		return new SessionSharing(orgs, RedisFleet.create(beanFactory, settings, clock), clock);
	}

	private static void checkSecret(List<Problem> problems, @Nullable String secret) {
		if (!StringUtils.hasText(secret)) {
			problems.add(new Problem(PREFIX + "secret", "is not set, and the tokens in Redis are encrypted with a key "
					+ "derived from it", "Set it to a passphrase of " + MINIMUM_SECRET_LENGTH + " characters or more, "
							+ "the same on every instance (from your secret store, such as the environment "
							+ "variable SALESFORCE_JWT_TOKENSTORE_SECRET), or set " + PREFIX
							+ "encrypt=false to keep the access tokens in Redis in clear."));
		}
		else if (secret.length() < MINIMUM_SECRET_LENGTH) {
			problems.add(new Problem(PREFIX + "secret", "has " + secret.length() + " characters, too few to derive an "
					+ "encryption key from", "Use a passphrase of " + MINIMUM_SECRET_LENGTH + " characters or more."));
		}
	}

	/**
	 * Give a session's token manager its store, budget and pause of renewals.
	 * @param tokenManager the session's token manager
	 * @param org the org's name
	 * @param perUser whether the session is a per-user one
	 * @param connectionDetails the connection as the session's user, or {@code null} when
	 * the application logs in with a token client of its own
	 */
	void apply(SalesforceTokenManager tokenManager, String org, boolean perUser,
			@Nullable SalesforceConnectionDetails connectionDetails) {
		SalesforceJwtProperties.Login login = this.orgs.properties(org).getLogin();
		String description = SalesforceSession.describe(org, perUser);
		String property = this.orgs.property(org, "login.max-per-hour");
		Fleet fleet = this.fleet;
		if (fleet != null) {
			tokenManager.setTokenStore(fleet.tokenStore(org, connectionDetails, description, login.getTimeout()));
			tokenManager.setLoginBudget(
					fleet.loginBudget(org, connectionDetails, login.getMaxPerHour(), description, property));
		}
		else {
			tokenManager.setLoginBudget(
					new InMemorySalesforceLoginBudget(login.getMaxPerHour(), description, property, this.clock));
		}
		tokenManager.setRefusedSessionPause(login.getCoolDown(), login.getMaxCoolDown());
	}

	/**
	 * What the instances of a fleet share, per session.
	 */
	interface Fleet {

		SalesforceTokenStore tokenStore(String org, @Nullable SalesforceConnectionDetails connectionDetails,
				String description, Duration loginTimeout);

		SalesforceLoginBudget loginBudget(String org, @Nullable SalesforceConnectionDetails connectionDetails,
				int maxPerHour, String description, String property);

	}

}
