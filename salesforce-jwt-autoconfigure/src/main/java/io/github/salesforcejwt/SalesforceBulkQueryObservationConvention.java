package io.github.salesforcejwt;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for {@link SalesforceObservationDocumentation#BULK_QUERY
 * bulk query observations}. Define a bean of this type to replace the
 * {@link DefaultSalesforceBulkQueryObservationConvention}.
 *
 * @author salesforce-jwt
 */
public interface SalesforceBulkQueryObservationConvention
		extends ObservationConvention<SalesforceBulkQueryObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SalesforceBulkQueryObservationContext;
	}

}
