package io.github.salesforcejwt;

import java.util.Locale;

import io.github.salesforcejwt.SalesforceObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.util.Assert;

/**
 * Default {@link SalesforceLoginObservationConvention}: the name
 * {@code salesforce.jwt.login} and the low-cardinality keys {@code outcome},
 * {@code error.code} and {@code org} (see {@link SalesforceObservationDocumentation}).
 * Extend it to add keys.
 *
 * @author salesforce-jwt
 */
public class DefaultSalesforceLoginObservationConvention implements SalesforceLoginObservationConvention {

	private static final String DEFAULT_NAME = SalesforceObservationDocumentation.LOGIN.getName();

	private static final KeyValue OUTCOME_UNKNOWN = KeyValue.of(LowCardinalityKeyNames.OUTCOME, "unknown");

	private static final KeyValue ERROR_CODE_NONE = KeyValue.of(LowCardinalityKeyNames.ERROR_CODE, "none");

	private final String name;

	/**
	 * Create a convention with the default name {@code salesforce.jwt.login}.
	 */
	public DefaultSalesforceLoginObservationConvention() {
		this(DEFAULT_NAME);
	}

	/**
	 * Create a convention with a custom name.
	 * @param name the observation name
	 */
	public DefaultSalesforceLoginObservationConvention(String name) {
		Assert.hasText(name, "'name' must not be empty");
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(SalesforceLoginObservationContext context) {
		return SalesforceObservationDocumentation.LOGIN.getContextualName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SalesforceLoginObservationContext context) {
		return KeyValues.of(outcome(context), errorCode(context), org(context));
	}

	/**
	 * Return the {@code outcome} key value.
	 * @param context the context
	 * @return the outcome in lower case, or {@code unknown} while there is none
	 */
	protected KeyValue outcome(SalesforceLoginObservationContext context) {
		SalesforceLoginObservationContext.Outcome outcome = context.getOutcome();
		return (outcome != null)
				? KeyValue.of(LowCardinalityKeyNames.OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
				: OUTCOME_UNKNOWN;
	}

	/**
	 * Return the {@code error.code} key value.
	 * @param context the context
	 * @return Salesforce's error code, or {@code none}
	 */
	protected KeyValue errorCode(SalesforceLoginObservationContext context) {
		String errorCode = context.getErrorCode();
		return (errorCode != null) ? KeyValue.of(LowCardinalityKeyNames.ERROR_CODE, errorCode) : ERROR_CODE_NONE;
	}

	/**
	 * Return the {@code org} key value.
	 * @param context the context
	 * @return the org name
	 */
	protected KeyValue org(SalesforceLoginObservationContext context) {
		return KeyValue.of(LowCardinalityKeyNames.ORG, context.getOrg());
	}

}
