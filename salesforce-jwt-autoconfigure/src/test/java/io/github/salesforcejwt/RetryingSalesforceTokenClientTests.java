package io.github.salesforcejwt;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RetryingSalesforceTokenClient}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetryingSalesforceTokenClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ScriptedTokenClient client = new ScriptedTokenClient();

	@Test
	void retriesTransientFailuresAndSucceeds() {
		this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		this.client.next(Mono.error(new IllegalStateException("connection reset")));
		StepVerifier.create(retrying(3).requestToken()).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(this.client.requests).hasValue(3);
	}

	@Test
	void givesUpAfterTheMaximumNumberOfAttemptsWithTheLastFailure() {
		SalesforceAuthenticationException last = ScriptedTokenClient.transientFailure();
		this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		this.client.next(Mono.error(last));
		this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		StepVerifier.create(retrying(3).requestToken())
			.expectErrorSatisfies((ex) -> assertThat(ex).isSameAs(last))
			.verify(TIMEOUT);
		assertThat(this.client.requests).hasValue(3);
	}

	@Test
	void passesARefusalOnWithoutTryingAgain() {
		SalesforceAuthenticationException refusal = ScriptedTokenClient.refusal();
		this.client.next(Mono.error(refusal));
		StepVerifier.create(retrying(3).requestToken())
			.expectErrorSatisfies((ex) -> assertThat(ex).isSameAs(refusal))
			.verify(TIMEOUT);
		assertThat(this.client.requests).hasValue(1);
	}

	@Test
	void makesOneAttemptOnlyWhenTheMaximumIsOne() {
		this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		StepVerifier.create(retrying(1).requestToken())
			.expectError(SalesforceAuthenticationException.class)
			.verify(TIMEOUT);
		assertThat(this.client.requests).hasValue(1);
	}

	@Test
	void waitsTheBackoffBeforeTryingAgain() {
		this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		StepVerifier
			.withVirtualTime(() -> new RetryingSalesforceTokenClient(this.client, 2, Duration.ofSeconds(10),
					Duration.ofSeconds(10))
				.requestToken())
			.expectSubscription()
			.then(() -> assertThat(this.client.requests).hasValue(1))
			.expectNoEvent(Duration.ofMillis(9999))
			.then(() -> assertThat(this.client.requests).hasValue(1))
			.thenAwait(Duration.ofMillis(1))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.client.requests).hasValue(2);
	}

	@Test
	void neverWaitsLongerThanTheMaximumBackoff() {
		for (int i = 0; i < 4; i++) {
			this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		}
		StepVerifier
			.withVirtualTime(() -> new RetryingSalesforceTokenClient(this.client, 4, Duration.ofSeconds(1),
					Duration.ofSeconds(1))
				.requestToken())
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(3))
			.expectError(SalesforceAuthenticationException.class)
			.verify(TIMEOUT);
		assertThat(this.client.requests).hasValue(4);
	}

	@Test
	void logsAWarningBeforeEachRetry(CapturedOutput output) {
		this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		retrying(3).requestToken().block(TIMEOUT);
		assertThat(output).contains("Salesforce login attempt 1 of 3 failed, trying again: "
				+ "Salesforce token endpoint https://login.salesforce.com answered HTTP 503")
			.contains("Salesforce login attempt 2 of 3 failed, trying again")
			.doesNotContain("attempt 3 of 3");
	}

	@Test
	void refusesAMaximumBackoffBelowTheInitialOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryingSalesforceTokenClient(this.client, 3, Duration.ofSeconds(2),
					Duration.ofSeconds(1)))
			.withMessage("'maxBackoff' must not be less than 'initialBackoff'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryingSalesforceTokenClient(this.client, 0, Duration.ofSeconds(1),
					Duration.ofSeconds(1)))
			.withMessage("'maxAttempts' must be at least 1");
	}

	private RetryingSalesforceTokenClient retrying(int maxAttempts) {
		return new RetryingSalesforceTokenClient(this.client, maxAttempts, Duration.ofMillis(1), Duration.ofMillis(5));
	}

}
