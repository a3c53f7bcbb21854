package io.github.salesforcejwt;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SalesforceTokenClients}.
 */
class SalesforceTokenClientsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final SalesforceLoginPolicy POLICY = new SalesforceLoginPolicy(Duration.ofSeconds(30), 3,
			Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5));

	private final ScriptedTokenClient http = new ScriptedTokenClient();

	private final MutableClock clock = new MutableClock();

	private final RecordedObservations observations = new RecordedObservations();

	private final SalesforceTokenClient resilient = SalesforceTokenClients.resilient(this.http, POLICY,
			this.observations.registry, null, "acme", this.clock);

	@Test
	void timesOutEachAttemptObservesItAndTriesAgain() {
		this.http.next(Mono.never());
		StepVerifier.withVirtualTime(this.resilient::requestToken)
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(30))
			.thenAwait(Duration.ofSeconds(1))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.http.requests).hasValue(2);
		assertThat(this.observations.keyValues()).containsExactly("error.code=none org=acme outcome=transient_failure",
				"error.code=none org=acme outcome=success");
		assertThat(this.observations.stopped().get(0).getError()).hasMessageContaining("salesforce.jwt.login.timeout");
	}

	@Test
	void observesEachRetriedAttempt() {
		for (int i = 0; i < 5; i++) {
			this.http.next(Mono.error(ScriptedTokenClient.transientFailure()));
		}
		StepVerifier.withVirtualTime(this.resilient::requestToken)
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(2))
			.expectError(SalesforceAuthenticationException.class)
			.verify(TIMEOUT);
		assertThat(this.http.requests).hasValue(3);
		assertThat(this.observations.outcomes()).containsExactly("transient_failure", "transient_failure",
				"transient_failure");
	}

	@Test
	void doesNotRetryARefusalAndObservesTheRequestsRefusedDuringTheCoolDown() {
		this.http.next(Mono.error(ScriptedTokenClient.refusal()));
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(SalesforceAuthenticationException.class)
				.isThrownBy(() -> this.resilient.requestToken().block(TIMEOUT));
		}
		assertThat(this.http.requests).hasValue(1);
		assertThat(this.observations.keyValues()).containsExactly("error.code=invalid_grant org=acme outcome=rejected",
				"error.code=invalid_grant org=acme outcome=cool_down");
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.resilient.requestToken().block(TIMEOUT)).isNotNull();
		assertThat(this.observations.outcomes()).containsExactly("rejected", "cool_down", "success");
	}

	@Test
	void usesTheConventionForAttemptsAndRefusalsAlike() {
		SalesforceTokenClient resilient = SalesforceTokenClients.resilient(this.http, POLICY,
				this.observations.registry, new DefaultSalesforceLoginObservationConvention("acme.salesforce.login"),
				"acme", this.clock);
		this.http.next(Mono.error(ScriptedTokenClient.refusal()));
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(SalesforceAuthenticationException.class)
				.isThrownBy(() -> resilient.requestToken().block(TIMEOUT));
		}
		assertThat(this.observations.stopped()).hasSize(2)
			.allSatisfy((context) -> assertThat(context.getName()).isEqualTo("acme.salesforce.login"));
	}

}
