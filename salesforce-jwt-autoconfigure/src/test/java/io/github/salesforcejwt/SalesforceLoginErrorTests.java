package io.github.salesforcejwt;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SalesforceLoginError}.
 */
class SalesforceLoginErrorTests {

	@Test
	void knowsAnExpiredAssertion() {
		assertThat(SalesforceLoginError.of("invalid_grant", "expired authorization code"))
			.isSameAs(SalesforceLoginError.EXPIRED_ASSERTION);
	}

	@Test
	void blamesNoDirectionForAnExpiredAssertionWhenTheClockOffsetIsUnknown() {
		String fix = SalesforceLoginError.EXPIRED_ASSERTION.getFix(null);
		assertThat(fix).isEqualTo(SalesforceLoginError.EXPIRED_ASSERTION.getFix())
			.contains("this machine's clock and Salesforce's disagree")
			.doesNotContain("behind")
			.doesNotContain("ahead");
	}

	@Test
	void blamesNoDirectionForAnOffsetBelowTheDateHeadersResolution() {
		assertThat(SalesforceLoginError.EXPIRED_ASSERTION.getFix(Duration.ofMillis(-1900)))
			.isEqualTo(SalesforceLoginError.EXPIRED_ASSERTION.getFix());
		assertThat(SalesforceLoginError.EXPIRED_ASSERTION.getFix(Duration.ofMillis(1900)))
			.isEqualTo(SalesforceLoginError.EXPIRED_ASSERTION.getFix());
	}

	@Test
	void saysThisMachinesClockIsBehindWhenItIs() {
		assertThat(SalesforceLoginError.EXPIRED_ASSERTION.getFix(Duration.ofSeconds(-200)))
			.startsWith("This machine's clock is 200 s behind Salesforce's")
			.endsWith(SalesforceLoginError.EXPIRED_ASSERTION.getFix());
	}

	@Test
	void saysThisMachinesClockIsAheadWhenItIs() {
		assertThat(SalesforceLoginError.EXPIRED_ASSERTION.getFix(Duration.ofMillis(42_400)))
			.startsWith("This machine's clock is 42 s ahead of Salesforce's")
			.endsWith(SalesforceLoginError.EXPIRED_ASSERTION.getFix());
	}

	@ParameterizedTest
	@EnumSource(value = SalesforceLoginError.class, names = "EXPIRED_ASSERTION", mode = EnumSource.Mode.EXCLUDE)
	void leavesOtherFixesAsTheyAre(SalesforceLoginError error) {
		assertThat(error.getFix(Duration.ofSeconds(-200))).isEqualTo(error.getFix());
	}

}
