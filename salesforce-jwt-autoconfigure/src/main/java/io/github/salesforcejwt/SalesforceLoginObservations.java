package io.github.salesforcejwt;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Makes the {@link SalesforceObservationDocumentation#LOGIN login observations} of one
 * org, for the decorators that observe logins.
 *
 * @author salesforce-jwt
 */
final class SalesforceLoginObservations {

	private static final DefaultSalesforceLoginObservationConvention DEFAULT_CONVENTION = new DefaultSalesforceLoginObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable SalesforceLoginObservationConvention customConvention;

	private final String org;

	SalesforceLoginObservations(ObservationRegistry registry,
			@Nullable SalesforceLoginObservationConvention customConvention, String org) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.hasText(org, "'org' must not be empty");
		this.registry = registry;
		this.customConvention = customConvention;
		this.org = org;
	}

	/**
	 * Return a new context for a login of the org.
	 * @return the context
	 */
	SalesforceLoginObservationContext newContext() {
		return new SalesforceLoginObservationContext(this.org);
	}

	/**
	 * Create an observation with the given context, not started yet.
	 * @param context the context
	 * @return the observation
	 */
	Observation create(SalesforceLoginObservationContext context) {
		return SalesforceObservationDocumentation.LOGIN.observation(this.customConvention, DEFAULT_CONVENTION,
				() -> context, this.registry);
	}

	String org() {
		return this.org;
	}

}
