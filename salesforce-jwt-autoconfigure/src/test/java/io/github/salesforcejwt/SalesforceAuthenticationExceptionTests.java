package io.github.salesforcejwt;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SalesforceAuthenticationException}.
 */
class SalesforceAuthenticationExceptionTests {

	private static final URI TOKEN_URI = URI.create("https://login.salesforce.com/services/oauth2/token");

	@Test
	void countsARefusalAsPermanent() {
		assertThat(SalesforceAuthenticationException.isTransient(refusal())).isFalse();
	}

	@Test
	void countsAServerErrorAsTransient() {
		assertThat(SalesforceAuthenticationException
			.isTransient(SalesforceAuthenticationException.rejected(503, "server_error", "maintenance"))).isTrue();
	}

	@Test
	void countsAnUnknownErrorFromSalesforceAsTransient() {
		assertThat(SalesforceAuthenticationException
			.isTransient(SalesforceAuthenticationException.rejected(400, "unknown_error", "retry your request")))
			.isTrue();
	}

	@Test
	void countsAnyOtherExceptionAsTransient() {
		assertThat(SalesforceAuthenticationException.isTransient(new IOException("connection reset"))).isTrue();
		assertThat(SalesforceAuthenticationException.isTransient(new IllegalStateException("bug"))).isTrue();
	}

	@Test
	void marksARepeatedRefusalAsCoolingDownButNotTheRefusalItself() {
		SalesforceAuthenticationException refusal = refusal();
		SalesforceAuthenticationException repeated = SalesforceAuthenticationException.coolingDown(refusal,
				Duration.ofSeconds(2));
		assertThat(refusal.isCoolingDown()).isFalse();
		assertThat(repeated.isCoolingDown()).isTrue();
		assertThat(repeated.isTransient()).isFalse();
		assertThat(repeated.getError()).isEqualTo("invalid_grant");
		assertThat(repeated.getMessage()).contains("not asked again").contains("2000 ms");
		assertThat(SalesforceAuthenticationException.unreachable(TOKEN_URI, "timed out", new IOException())
			.isCoolingDown()).isFalse();
	}

	@Test
	void givesACallerACopyWithTheSameDetails() {
		SalesforceAuthenticationException repeated = SalesforceAuthenticationException.coolingDown(refusal(),
				Duration.ofSeconds(1));
		SalesforceAuthenticationException copy = repeated.forCaller();
		assertThat(copy).isNotSameAs(repeated).hasCause(repeated).hasMessage(repeated.getMessage());
		assertThat(copy.isCoolingDown()).isTrue();
		assertThat(copy.isTransient()).isFalse();
		assertThat(copy.getStatusCode()).isEqualTo(400);
		assertThat(copy.getFix()).isEqualTo(repeated.getFix());
	}

	private static SalesforceAuthenticationException refusal() {
		return SalesforceAuthenticationException.rejected(400, "invalid_grant", "user hasn't approved this consumer");
	}

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
