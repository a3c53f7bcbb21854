package io.github.salesforcejwt;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SalesforceAuthenticationException}.
 */
class SalesforceAuthenticationExceptionTests {

	@Test
	void namesWhichWayTheClockIsOffInTheFixAndTheMessageOfAnExpiredAssertion() {
		SalesforceAuthenticationException ex = SalesforceAuthenticationException.rejected(400, "invalid_grant",
				"expired authorization code", Duration.ofSeconds(-185));
		assertThat(ex.getFix()).startsWith("This machine's clock is 185 s behind Salesforce's");
		assertThat(ex.getMessage()).contains("HTTP 400 invalid_grant (expired authorization code)")
			.contains("Fix: This machine's clock is 185 s behind Salesforce's");
		assertThat(ex.isTransient()).isFalse();
	}

	@Test
	void givesTheNeutralFixWithoutAClockOffset() {
		SalesforceAuthenticationException ex = SalesforceAuthenticationException.rejected(400, "invalid_grant",
				"expired authorization code");
		assertThat(ex.getFix()).isEqualTo(SalesforceLoginError.EXPIRED_ASSERTION.getFix());
		assertThat(ex.getMessage()).doesNotContain("behind").doesNotContain("ahead");
	}

}
