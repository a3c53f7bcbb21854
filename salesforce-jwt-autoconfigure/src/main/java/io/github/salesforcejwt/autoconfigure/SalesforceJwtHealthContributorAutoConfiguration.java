package io.github.salesforcejwt.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.salesforcejwt.SalesforceSessions;
import io.github.salesforcejwt.health.SalesforceHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code salesforce} health contributor, when Spring Boot's
 * health support (Actuator) is present: a composite with one child per configured org
 * ({@code /actuator/health/salesforce/default}, {@code /actuator/health/salesforce/acme}).
 * Switched off with {@code management.health.salesforce.enabled=false}.
 *
 * @author salesforce-jwt
 */
@AutoConfiguration(after = SalesforceJwtAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBean(SalesforceSessions.class)
@ConditionalOnEnabledHealthIndicator("salesforce")
public final class SalesforceJwtHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "salesforceHealthContributor")
	ReactiveHealthContributor salesforceHealthContributor(SalesforceSessions clients,
			SalesforceJwtProperties properties) {
		Map<String, SalesforceHealthIndicator> indicators = new LinkedHashMap<>();
		for (String org : clients.getConfiguredOrgs()) {
			indicators.put(org, new SalesforceHealthIndicator(clients.session(org).getTokenManager(),
					properties.getHealth().getLoginInterval(), Clock.systemUTC()));
		}
		return CompositeReactiveHealthContributor.fromMap(indicators);
	}

}
