package io.github.salesforcejwt.autoconfigure;

import java.time.Clock;

import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.health.SalesforceHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code salesforce} health contributor, when Spring Boot's
 * health support (Actuator) is present.
 *
 * @author salesforce-jwt
 */
@AutoConfiguration(after = SalesforceJwtAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBean(SalesforceTokenManager.class)
@ConditionalOnEnabledHealthIndicator("salesforce")
public final class SalesforceJwtHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "salesforceHealthIndicator")
	SalesforceHealthIndicator salesforceHealthIndicator(SalesforceTokenManager tokenManager,
			SalesforceJwtProperties properties) {
		return new SalesforceHealthIndicator(tokenManager, properties.getHealth().getLoginInterval(),
				Clock.systemUTC());
	}

}
