package io.github.salesforcejwt;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SalesforceTokenManager}, with a scripted token client.
 */
class SalesforceTokenManagerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ScriptedTokenClient client = new ScriptedTokenClient();

	private final MutableClock clock = new MutableClock();

	private SalesforceTokenManager manager;

	@BeforeEach
	void createManager() {
		this.manager = new SalesforceTokenManager(this.client);
		this.manager.setClock(this.clock);
		this.manager.setLoginBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
	}

	@Test
	void logsInOnFirstUseAndReusesTheToken() {
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		SalesforceToken second = this.manager.getToken().block(TIMEOUT);
		assertThat(second).isSameAs(first);
		assertThat(this.manager.getCurrentToken()).isSameAs(first);
		assertThat(this.client.requests).hasValue(1);
	}

	@Test
	void sharesOneLoginBetweenAllConcurrentCallers() {
		Sinks.One<SalesforceToken> response = Sinks.one();
		this.client.next(response.asMono());
		List<Mono<SalesforceToken>> callers = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			callers.add(this.manager.getToken());
		}
		Mono<List<SalesforceToken>> all = Flux.merge(callers).collectList().cache();
		all.subscribe();
		assertThat(this.client.requests).hasValue(1);
		SalesforceToken token = token("one");
		response.tryEmitValue(token);
		assertThat(all.block(TIMEOUT)).hasSize(500).allSatisfy((received) -> assertThat(received).isSameAs(token));
		assertThat(this.client.requests).hasValue(1);
	}

	@Test
	void aCallerThatCancelsDoesNotCancelTheLoginOthersWaitOn() {
		Sinks.One<SalesforceToken> response = Sinks.one();
		AtomicInteger cancelled = new AtomicInteger();
		this.client.next(response.asMono().doOnCancel(cancelled::incrementAndGet));
		Disposable impatient = this.manager.getToken().subscribe();
		Mono<SalesforceToken> patient = this.manager.getToken().cache();
		patient.subscribe();
		impatient.dispose();
		SalesforceToken token = token("one");
		response.tryEmitValue(token);
		assertThat(patient.block(TIMEOUT)).isSameAs(token);
		assertThat(cancelled).hasValue(0);
		assertThat(this.client.requests).hasValue(1);
	}

	@Test
	void keepsTheTokenOfALoginWhoseCallersAllCancelled() {
		Sinks.One<SalesforceToken> response = Sinks.one();
		this.client.next(response.asMono());
		this.manager.getToken().subscribe().dispose();
		this.manager.getToken().subscribe().dispose();
		SalesforceToken token = token("one");
		response.tryEmitValue(token);
		assertThat(this.manager.getCurrentToken()).isSameAs(token);
		assertThat(this.manager.getToken().block(TIMEOUT)).isSameAs(token);
		assertThat(this.client.requests).hasValue(1);
	}

	@Test
	void failsInsteadOfHangingWhenTheTokenClientCompletesWithoutAToken() {
		this.client.next(Mono.empty());
		StepVerifier.create(this.manager.getToken())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SalesforceAuthenticationException.class)
				.hasMessageContaining("completed without a token"))
			.verify(TIMEOUT);
	}

	@Test
	void failsTheWaitingCallersAndLogsInAgainAfterAFatalErrorInTheTokenClient() {
		SalesforceTokenManager manager = new SalesforceTokenManager(new SalesforceTokenClient() {

			private final AtomicInteger calls = new AtomicInteger();

			@Override
			public Mono<SalesforceToken> requestToken() {
				if (this.calls.incrementAndGet() == 1) {
					throw new NoClassDefFoundError("com/nimbusds/jose/JWSSigner");
				}
				return Mono.just(token("after"));
			}

		});
		manager.setCoolDown(Duration.ZERO, Duration.ZERO);
		StepVerifier.create(manager.getToken())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SalesforceAuthenticationException.class)
				.hasRootCauseInstanceOf(NoClassDefFoundError.class))
			.verify(TIMEOUT);
		assertThat(manager.getToken().block(TIMEOUT).getAccessToken()).isEqualTo("00D!after");
	}

	@Test
	void givesEachWaitingCallerItsOwnException() {
		this.manager.setCoolDown(Duration.ofMinutes(1), Duration.ofMinutes(1));
		Sinks.One<SalesforceToken> response = Sinks.one();
		this.client.next(response.asMono());
		Mono<Throwable> first = this.manager.getToken().map(Throwable.class::cast).onErrorResume(Mono::just).cache();
		Mono<Throwable> second = this.manager.getToken().map(Throwable.class::cast).onErrorResume(Mono::just).cache();
		first.subscribe();
		second.subscribe();
		response.tryEmitError(refusal());
		assertThat(first.block(TIMEOUT)).isNotSameAs(second.block(TIMEOUT));
		assertThat(first.block(TIMEOUT)).isInstanceOf(SalesforceAuthenticationException.class)
			.hasMessageContaining("user hasn't approved this consumer");
		assertThat(this.client.requests).hasValue(1);
	}

	@Test
	void renewsOnlyWhenTheReportedTokenIsStillTheCurrentOne() {
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		SalesforceToken second = this.manager.renewToken(first).block(TIMEOUT);
		assertThat(second).isNotSameAs(first);
		assertThat(this.client.requests).hasValue(2);
		SalesforceToken late = this.manager.renewToken(first).block(TIMEOUT);
		assertThat(late).isSameAs(second);
		assertThat(this.client.requests).hasValue(2);
	}

	@Test
	void callersReportingTheSameTokenDuringARenewalShareTheNewLogin() {
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		Sinks.One<SalesforceToken> response = Sinks.one();
		this.client.next(response.asMono());
		List<Mono<SalesforceToken>> callers = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			callers.add(this.manager.renewToken(first));
		}
		Mono<List<SalesforceToken>> all = Flux.merge(callers).collectList().cache();
		all.subscribe();
		SalesforceToken renewed = token("two");
		response.tryEmitValue(renewed);
		assertThat(all.block(TIMEOUT)).hasSize(100).allSatisfy((token) -> assertThat(token).isSameAs(renewed));
		assertThat(this.client.requests).hasValue(2);
	}

	@Test
	void retriesTransientFailuresAndSucceeds() {
		this.client.next(Mono.error(transientFailure()));
		this.client.next(Mono.error(new IllegalStateException("connection reset")));
		StepVerifier.create(this.manager.getToken()).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(this.client.requests).hasValue(3);
	}

	@Test
	void givesUpAfterTheMaximumNumberOfAttemptsWithTheLastFailure() {
		this.manager.setMaxLoginAttempts(3);
		for (int i = 0; i < 5; i++) {
			this.client.next(Mono.error(transientFailure()));
		}
		StepVerifier.create(this.manager.getToken())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SalesforceAuthenticationException.class)
				.hasMessageContaining("HTTP 503"))
			.verify(TIMEOUT);
		assertThat(this.client.requests).hasValue(3);
		assertThat(this.manager.getLastFailure()).isNotNull();
	}

	@Test
	void countsATokenRequestThatTakesTooLongAsTransient() {
		this.manager.setLoginTimeout(Duration.ofMillis(50));
		this.client.next(Mono.never());
		StepVerifier.create(this.manager.getToken()).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(this.client.requests).hasValue(2);
	}

	@Test
	void doesNotRetryARefusalAndFailsAtOnceDuringTheCoolDown() {
		this.manager.setCoolDown(Duration.ofSeconds(1), Duration.ofMinutes(1));
		this.client.next(Mono.error(refusal()));
		assertThatExceptionOfType(SalesforceAuthenticationException.class)
			.isThrownBy(() -> this.manager.getToken().block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getFix()).contains("Admin approved users are pre-authorized"));
		assertThat(this.client.requests).hasValue(1);
		for (int i = 0; i < 50; i++) {
			assertThatExceptionOfType(SalesforceAuthenticationException.class)
				.isThrownBy(() -> this.manager.getToken().block(TIMEOUT))
				.satisfies((ex) -> {
					assertThat(ex.getError()).isEqualTo("invalid_grant");
					assertThat(ex.getFix()).contains("Admin approved users are pre-authorized");
					assertThat(ex.getMessage()).contains("not asked again");
				});
		}
		assertThat(this.client.requests).hasValue(1);
		this.clock.advance(Duration.ofMillis(1001));
		this.manager.getToken().block(TIMEOUT);
		assertThat(this.client.requests).hasValue(2);
	}

	@Test
	void doublesTheCoolDownForEachConsecutiveRefusalUpToTheMaximumAndResetsItOnSuccess() {
		this.manager.setCoolDown(Duration.ofSeconds(1), Duration.ofSeconds(3));
		for (int i = 0; i < 4; i++) {
			this.client.next(Mono.error(refusal()));
		}
		failLogin();
		this.clock.advance(Duration.ofMillis(1001));
		failLogin(); // second refusal: 2 s
		this.clock.advance(Duration.ofMillis(1500));
		assertThat(coolingDown()).isTrue();
		this.clock.advance(Duration.ofMillis(501));
		failLogin(); // third refusal: 4 s capped to 3 s
		this.clock.advance(Duration.ofMillis(2900));
		assertThat(coolingDown()).isTrue();
		this.clock.advance(Duration.ofMillis(101));
		failLogin(); // fourth refusal: 3 s
		this.clock.advance(Duration.ofMillis(3001));
		this.manager.getToken().block(TIMEOUT);
		SalesforceToken token = this.manager.getCurrentToken();
		this.client.next(Mono.error(refusal()));
		this.manager.renewToken(token).onErrorResume((ex) -> Mono.empty()).block(TIMEOUT);
		this.clock.advance(Duration.ofMillis(1001)); // back to 1 s after the success
		assertThat(coolingDown()).isFalse(); // and that login succeeds
		assertThat(this.client.requests).hasValue(7);
	}

	@Test
	void renewsATokenOlderThanTheTimeToLiveBeforeUse() {
		this.manager.setTokenTimeToLive(Duration.ofMinutes(30));
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		this.clock.advance(Duration.ofMinutes(29));
		assertThat(this.manager.getToken().block(TIMEOUT)).isSameAs(first);
		this.clock.advance(Duration.ofMinutes(2));
		SalesforceToken second = this.manager.getToken().block(TIMEOUT);
		assertThat(second).isNotSameAs(first);
		assertThat(this.client.requests).hasValue(2);
	}

	@Test
	void keepsTokensWithoutATimeToLive() {
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		this.clock.advance(Duration.ofDays(3));
		assertThat(this.manager.getToken().block(TIMEOUT)).isSameAs(first);
		assertThat(this.client.requests).hasValue(1);
	}

	private void failLogin() {
		assertThatExceptionOfType(SalesforceAuthenticationException.class)
			.isThrownBy(() -> this.manager.getToken().block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("not asked again"));
	}

	private boolean coolingDown() {
		int before = this.client.requests.get();
		try {
			this.manager.getToken().block(TIMEOUT);
			return false;
		}
		catch (SalesforceAuthenticationException ex) {
			return this.client.requests.get() == before && ex.getMessage().contains("not asked again");
		}
	}

	private static SalesforceAuthenticationException refusal() {
		return SalesforceAuthenticationException.rejected(400, "invalid_grant", "user hasn't approved this consumer");
	}

	private static SalesforceAuthenticationException transientFailure() {
		return SalesforceAuthenticationException.unexpectedResponse(URI.create("https://login.salesforce.com"), 503,
				"a body that is not JSON", true, null);
	}

	static SalesforceToken token(String name) {
		return new SalesforceToken("00D!" + name, URI.create("https://acme.my.salesforce.com"),
				URI.create("https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA"), "api", "Bearer",
				Instant.now());
	}

	/**
	 * Answers each token request with the next scripted answer, or a new token.
	 */
	static final class ScriptedTokenClient implements SalesforceTokenClient {

		final AtomicInteger requests = new AtomicInteger();

		private final List<Mono<SalesforceToken>> script = new ArrayList<>();

		synchronized void next(Mono<SalesforceToken> answer) {
			this.script.add(answer);
		}

		@Override
		public Mono<SalesforceToken> requestToken() {
			return Mono.defer(() -> {
				int request = this.requests.incrementAndGet();
				synchronized (this) {
					if (!this.script.isEmpty()) {
						return this.script.remove(0);
					}
				}
				return Mono.just(token("token-" + request));
			});
		}

	}

	static final class MutableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-11-30T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
