package io.github.salesforcejwt;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TimeoutSalesforceTokenClient}.
 */
class TimeoutSalesforceTokenClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ScriptedTokenClient client = new ScriptedTokenClient();

	@Test
	void failsATokenRequestThatTakesTooLongAsATransientFailureAndCancelsIt() {
		AtomicInteger cancelled = new AtomicInteger();
		this.client.next(Mono.<SalesforceToken>never().doOnCancel(cancelled::incrementAndGet));
		StepVerifier
			.withVirtualTime(() -> new TimeoutSalesforceTokenClient(this.client, Duration.ofSeconds(30)).requestToken())
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(29))
			.thenAwait(Duration.ofSeconds(1))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(SalesforceAuthenticationException.class)
					.hasMessage("Salesforce token endpoint did not answer within 30000 ms "
							+ "(salesforce.jwt.login.timeout)")
					.hasCauseInstanceOf(TimeoutException.class);
				assertThat(SalesforceAuthenticationException.isTransient(ex)).isTrue();
			})
			.verify(TIMEOUT);
		assertThat(cancelled).hasValue(1);
	}

	@Test
	void passesATimelyTokenOn() {
		SalesforceToken token = ScriptedTokenClient.token("one");
		this.client.next(Mono.just(token));
		StepVerifier.create(new TimeoutSalesforceTokenClient(this.client, TIMEOUT).requestToken())
			.expectNext(token)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void passesOtherFailuresOnAsTheyAre() {
		SalesforceAuthenticationException refusal = ScriptedTokenClient.refusal();
		this.client.next(Mono.error(refusal));
		StepVerifier.create(new TimeoutSalesforceTokenClient(this.client, TIMEOUT).requestToken())
			.expectErrorSatisfies((ex) -> assertThat(ex).isSameAs(refusal))
			.verify(TIMEOUT);
	}

	@Test
	void makesOneTokenRequestPerSubscription() {
		Mono<SalesforceToken> request = new TimeoutSalesforceTokenClient(this.client, TIMEOUT).requestToken();
		assertThat(this.client.requests).hasValue(0);
		request.block(TIMEOUT);
		request.block(TIMEOUT);
		assertThat(this.client.requests).hasValue(2);
	}

	@Test
	void refusesATimeoutThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TimeoutSalesforceTokenClient(this.client, Duration.ZERO))
			.withMessage("'timeout' must be positive");
	}

}
