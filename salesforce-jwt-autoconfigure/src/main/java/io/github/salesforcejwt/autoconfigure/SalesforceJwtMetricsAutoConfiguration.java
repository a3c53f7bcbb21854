package io.github.salesforcejwt.autoconfigure;

import io.github.salesforcejwt.SalesforceSessions;
import io.github.salesforcejwt.metrics.SalesforceJwtMeterBinder;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the Salesforce meters, when Micrometer is present.
 *
 * @author salesforce-jwt
 */
@AutoConfiguration(after = SalesforceJwtAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(SalesforceSessions.class)
public final class SalesforceJwtMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SalesforceJwtMeterBinder salesforceJwtMeterBinder(SalesforceSessions sessions, SalesforceApiUsages apiUsages) {
		return new SalesforceJwtMeterBinder(sessions, apiUsages::of);
	}

}
