package io.github.salesforcejwt.metrics;

import io.github.salesforcejwt.SalesforceApiUsage;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Binds the Salesforce meters: {@code salesforce.jwt.session.renewals}, a counter of token
 * renewals caused by ended sessions, and {@code salesforce.api.usage.used} and
 * {@code salesforce.api.usage.max}, gauges of the org's daily API allocation as the
 * {@code Sforce-Limit-Info} header last reported it (NaN until a response carried it).
 * Logins themselves are observed as
 * {@link io.github.salesforcejwt.SalesforceObservationDocumentation#LOGIN
 * salesforce.jwt.login}.
 *
 * @author salesforce-jwt
 */
public class SalesforceJwtMeterBinder implements MeterBinder {

	private final SalesforceTokenManager tokenManager;

	private final SalesforceApiUsage apiUsage;

	/**
	 * Create a new binder.
	 * @param tokenManager the token manager
	 * @param apiUsage the API usage the Salesforce client records
	 */
	public SalesforceJwtMeterBinder(SalesforceTokenManager tokenManager, SalesforceApiUsage apiUsage) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		Assert.notNull(apiUsage, "'apiUsage' must not be null");
		this.tokenManager = tokenManager;
		this.apiUsage = apiUsage;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("salesforce.jwt.session.renewals", this.tokenManager,
				SalesforceTokenManager::getSessionRenewals)
			.description("Token renewals caused by Salesforce ending the session")
			.register(registry);
		Gauge.builder("salesforce.api.usage.used", this.apiUsage, (usage) -> knownOrNaN(usage.getUsed()))
			.description("API requests used in the last 24 hours, as Salesforce last reported")
			.baseUnit("requests")
			.register(registry);
		Gauge.builder("salesforce.api.usage.max", this.apiUsage, (usage) -> knownOrNaN(usage.getMax()))
			.description("Daily API request allocation, as Salesforce last reported")
			.baseUnit("requests")
			.register(registry);
	}

	private static double knownOrNaN(long value) {
		return (value < 0) ? Double.NaN : value;
	}

}
