package io.github.salesforcejwt;

import io.github.salesforcejwt.SalesforceLoginObservationContext.Outcome;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultSalesforceLoginObservationConvention}.
 */
class DefaultSalesforceLoginObservationConventionTests {

	private final DefaultSalesforceLoginObservationConvention convention = new DefaultSalesforceLoginObservationConvention();

	private final SalesforceLoginObservationContext context = new SalesforceLoginObservationContext("acme");

	@Test
	void namesTheObservationAsDocumented() {
		assertThat(this.convention.getName()).isEqualTo("salesforce.jwt.login")
			.isEqualTo(SalesforceObservationDocumentation.LOGIN.getName());
		assertThat(this.convention.getContextualName(this.context)).isEqualTo("salesforce jwt login");
		assertThat(new DefaultSalesforceLoginObservationConvention("acme.login").getName()).isEqualTo("acme.login");
	}

	@Test
	void supportsOnlyLoginContexts() {
		assertThat(this.convention.supportsContext(this.context)).isTrue();
		assertThat(this.convention.supportsContext(new Observation.Context())).isFalse();
	}

	@Test
	void hasAnUnknownOutcomeAndNoErrorCodeBeforeTheRequestEnds() {
		assertThat(this.convention.getLowCardinalityKeyValues(this.context)).containsExactlyInAnyOrder(
				KeyValue.of("outcome", "unknown"), KeyValue.of("error.code", "none"), KeyValue.of("org", "acme"));
	}

	@ParameterizedTest
	@CsvSource({ "SUCCESS, success", "TRANSIENT_FAILURE, transient_failure", "REJECTED, rejected",
			"COOL_DOWN, cool_down" })
	void namesEachOutcomeInLowerCase(Outcome outcome, String value) {
		this.context.setOutcome(outcome);
		assertThat(this.convention.getLowCardinalityKeyValues(this.context)).contains(KeyValue.of("outcome", value));
	}

	@Test
	void takesTheErrorCodeFromSalesforcesAnswer() {
		this.context.setOutcome(Outcome.REJECTED);
		this.context.setFailure(SalesforceAuthenticationException.rejected(400, "invalid_grant", "invalid assertion"));
		assertThat(this.convention.getLowCardinalityKeyValues(this.context)).containsExactlyInAnyOrder(
				KeyValue.of("outcome", "rejected"), KeyValue.of("error.code", "invalid_grant"),
				KeyValue.of("org", "acme"));
	}

	@Test
	void hasNoErrorCodeForAFailureWithoutOne() {
		this.context.setOutcome(Outcome.TRANSIENT_FAILURE);
		this.context.setFailure(new IllegalStateException("connection reset"));
		assertThat(this.convention.getLowCardinalityKeyValues(this.context))
			.contains(KeyValue.of("error.code", "none"));
	}

	@Test
	void documentsEveryKeyItSets() {
		assertThat(SalesforceObservationDocumentation.LOGIN.getLowCardinalityKeyNames())
			.extracting((key) -> key.asString())
			.containsExactlyInAnyOrderElementsOf(this.convention.getLowCardinalityKeyValues(this.context)
				.stream()
				.map(KeyValue::getKey)
				.toList());
		assertThat(SalesforceObservationDocumentation.LOGIN.getDefaultConvention())
			.isEqualTo(DefaultSalesforceLoginObservationConvention.class);
	}

}
