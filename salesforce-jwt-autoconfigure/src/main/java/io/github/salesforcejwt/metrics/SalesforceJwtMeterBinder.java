package io.github.salesforcejwt.metrics;

import java.util.function.Function;

import io.github.salesforcejwt.SalesforceApiUsage;
import io.github.salesforcejwt.SalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceSessions;
import io.github.salesforcejwt.SalesforceObservationDocumentation;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Binds the Salesforce meters of each configured org, tagged {@code org}:
 * {@code salesforce.jwt.session.renewals}, a counter of the org's token renewals caused by
 * ended sessions (of its default user's session), and {@code salesforce.api.usage.used}
 * and {@code salesforce.api.usage.max}, gauges of the org's daily API allocation as the
 * {@code Sforce-Limit-Info} header last reported it (NaN until a response carried it), and
 * {@code salesforce.jwt.logins.remaining}, a gauge of the logins the default user's
 * session may still make in the current hour (see {@link SalesforceLoginBudget}), as this
 * instance last counted them.
 * Never tagged with a username: per-user figures stay out of metrics. Logins themselves are
 * observed as {@link SalesforceObservationDocumentation#LOGIN}.
 *
 * @author salesforce-jwt
 */
public class SalesforceJwtMeterBinder implements MeterBinder {

	private static final String ORG = "org";

	private final SalesforceSessions sessions;

	private final Function<String, SalesforceApiUsage> apiUsage;

	/**
	 * Create a new binder.
	 * @param sessions the sessions whose configured orgs are measured
	 * @param apiUsage gives the API usage the clients of an org record
	 */
	public SalesforceJwtMeterBinder(SalesforceSessions sessions, Function<String, SalesforceApiUsage> apiUsage) {
		Assert.notNull(sessions, "'sessions' must not be null");
		Assert.notNull(apiUsage, "'apiUsage' must not be null");
		this.sessions = sessions;
		this.apiUsage = apiUsage;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String org : this.sessions.getConfiguredOrgs()) {
			SalesforceTokenManager tokenManager = this.sessions.session(org).getTokenManager();
			FunctionCounter.builder("salesforce.jwt.session.renewals", tokenManager,
					SalesforceTokenManager::getSessionRenewals)
				.description("Token renewals caused by Salesforce ending the session")
				.tag(ORG, org)
				.register(registry);
			SalesforceLoginBudget budget = tokenManager.getLoginBudget();
			if (budget != null) {
				Gauge.builder("salesforce.jwt.logins.remaining", budget, SalesforceLoginBudget::getRemaining)
					.description("Logins the session may still make in the current hour")
					.baseUnit("logins")
					.tag(ORG, org)
					.register(registry);
			}
			SalesforceApiUsage usage = this.apiUsage.apply(org);
			Gauge.builder("salesforce.api.usage.used", usage, (value) -> knownOrNaN(value.getUsed()))
				.description("API requests used in the last 24 hours, as Salesforce last reported")
				.baseUnit("requests")
				.tag(ORG, org)
				.register(registry);
			Gauge.builder("salesforce.api.usage.max", usage, (value) -> knownOrNaN(value.getMax()))
				.description("Daily API request allocation, as Salesforce last reported")
				.baseUnit("requests")
				.tag(ORG, org)
				.register(registry);
		}
	}

	private static double knownOrNaN(long value) {
		return (value < 0) ? Double.NaN : value;
	}

}
