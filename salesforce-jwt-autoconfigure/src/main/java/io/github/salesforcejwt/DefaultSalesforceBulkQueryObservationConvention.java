package io.github.salesforcejwt;

import java.util.Locale;

import io.github.salesforcejwt.SalesforceObservationDocumentation.BulkQueryHighCardinalityKeyNames;
import io.github.salesforcejwt.SalesforceObservationDocumentation.BulkQueryLowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.util.Assert;

/**
 * Default {@link SalesforceBulkQueryObservationConvention}: the name
 * {@code salesforce.bulk.query}, the low-cardinality keys {@code org} and
 * {@code outcome}, and the high-cardinality keys {@code job.id}, {@code pages} and
 * {@code records} (see {@link SalesforceObservationDocumentation}). Extend it to add
 * keys.
 *
 * @author salesforce-jwt
 */
public class DefaultSalesforceBulkQueryObservationConvention implements SalesforceBulkQueryObservationConvention {

	private static final String DEFAULT_NAME = SalesforceObservationDocumentation.BULK_QUERY.getName();

	private static final KeyValue OUTCOME_UNKNOWN = KeyValue.of(BulkQueryLowCardinalityKeyNames.OUTCOME, "unknown");

	private static final KeyValue JOB_ID_NONE = KeyValue.of(BulkQueryHighCardinalityKeyNames.JOB_ID, "none");

	private final String name;

	/**
	 * Create a convention with the default name {@code salesforce.bulk.query}.
	 */
	public DefaultSalesforceBulkQueryObservationConvention() {
		this(DEFAULT_NAME);
	}

	/**
	 * Create a convention with a custom name.
	 * @param name the observation name
	 */
	public DefaultSalesforceBulkQueryObservationConvention(String name) {
		Assert.hasText(name, "'name' must not be empty");
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(SalesforceBulkQueryObservationContext context) {
		return SalesforceObservationDocumentation.BULK_QUERY.getContextualName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SalesforceBulkQueryObservationContext context) {
		return KeyValues.of(org(context), outcome(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SalesforceBulkQueryObservationContext context) {
		String jobId = context.getJobId();
		return KeyValues.of((jobId != null) ? KeyValue.of(BulkQueryHighCardinalityKeyNames.JOB_ID, jobId) : JOB_ID_NONE,
				KeyValue.of(BulkQueryHighCardinalityKeyNames.PAGES, Long.toString(context.getPages())),
				KeyValue.of(BulkQueryHighCardinalityKeyNames.RECORDS, Long.toString(context.getRecords())));
	}

	/**
	 * Return the {@code org} key value.
	 * @param context the context
	 * @return the org name
	 */
	protected KeyValue org(SalesforceBulkQueryObservationContext context) {
		return KeyValue.of(BulkQueryLowCardinalityKeyNames.ORG, context.getOrg());
	}

	/**
	 * Return the {@code outcome} key value.
	 * @param context the context
	 * @return the outcome in lower case, or {@code unknown} while there is none
	 */
	protected KeyValue outcome(SalesforceBulkQueryObservationContext context) {
		SalesforceBulkQueryObservationContext.Outcome outcome = context.getOutcome();
		return (outcome != null)
				? KeyValue.of(BulkQueryLowCardinalityKeyNames.OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
				: OUTCOME_UNKNOWN;
	}

}
