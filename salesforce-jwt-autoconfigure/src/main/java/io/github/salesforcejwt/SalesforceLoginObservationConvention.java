package io.github.salesforcejwt;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for {@link SalesforceObservationDocumentation#LOGIN login
 * observations}. Define a bean of this type to replace the
 * {@link DefaultSalesforceLoginObservationConvention}.
 *
 * @author salesforce-jwt
 */
public interface SalesforceLoginObservationConvention extends ObservationConvention<SalesforceLoginObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SalesforceLoginObservationContext;
	}

}
