package io.github.salesforcejwt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SalesforceTokenManager}, with a scripted token client.
 */
@ExtendWith(OutputCaptureExtension.class)
class SalesforceTokenManagerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ScriptedTokenClient client = new ScriptedTokenClient();

	private final MutableClock clock = new MutableClock();

	private SalesforceTokenManager manager;

	@BeforeEach
	void createManager() {
		this.manager = new SalesforceTokenManager(this.client);
		this.manager.setClock(this.clock);
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
		SalesforceToken token = ScriptedTokenClient.token("one");
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
		SalesforceToken token = ScriptedTokenClient.token("one");
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
		SalesforceToken token = ScriptedTokenClient.token("one");
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
				return Mono.just(ScriptedTokenClient.token("after"));
			}

		});
		StepVerifier.create(manager.getToken())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SalesforceAuthenticationException.class)
				.hasRootCauseInstanceOf(NoClassDefFoundError.class))
			.verify(TIMEOUT);
		assertThat(manager.getToken().block(TIMEOUT).getAccessToken()).isEqualTo("00D!after");
	}

	@Test
	void givesEachWaitingCallerItsOwnException() {
		Sinks.One<SalesforceToken> response = Sinks.one();
		this.client.next(response.asMono());
		Mono<Throwable> first = this.manager.getToken().map(Throwable.class::cast).onErrorResume(Mono::just).cache();
		Mono<Throwable> second = this.manager.getToken().map(Throwable.class::cast).onErrorResume(Mono::just).cache();
		first.subscribe();
		second.subscribe();
		response.tryEmitError(ScriptedTokenClient.refusal());
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
		SalesforceToken renewed = ScriptedTokenClient.token("two");
		response.tryEmitValue(renewed);
		assertThat(all.block(TIMEOUT)).hasSize(100).allSatisfy((token) -> assertThat(token).isSameAs(renewed));
		assertThat(this.client.requests).hasValue(2);
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

	@Test
	void remembersTheLastFailureUntilALoginSucceeds() {
		SalesforceAuthenticationException refusal = ScriptedTokenClient.refusal();
		this.client.next(Mono.error(refusal));
		assertThatExceptionOfType(SalesforceAuthenticationException.class)
			.isThrownBy(() -> this.manager.getToken().block(TIMEOUT));
		assertThat(this.manager.getLastFailure()).isSameAs(refusal);
		this.manager.getToken().block(TIMEOUT);
		assertThat(this.manager.getLastFailure()).isNull();
	}

	@Test
	void keepsTheRefusalAsTheLastFailureAndDoesNotLogTheRequestsRefusedDuringItsCoolDown(CapturedOutput output) {
		SalesforceAuthenticationException refusal = ScriptedTokenClient.refusal();
		this.client.next(Mono.error(refusal));
		for (int i = 0; i < 20; i++) {
			this.client.next(Mono.error(SalesforceAuthenticationException.coolingDown(refusal, Duration.ofSeconds(1))));
		}
		for (int i = 0; i < 21; i++) {
			assertThatExceptionOfType(SalesforceAuthenticationException.class)
				.isThrownBy(() -> this.manager.getToken().block(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_grant"));
		}
		assertThat(this.manager.getLastFailure()).isSameAs(refusal);
		assertThat(output.getAll().split("Salesforce refused the login", -1)).hasSize(2);
		assertThat(output).doesNotContain("not asked again");
	}

	@Test
	void logsLoginsAndFailuresWithTheSessionsDescription(CapturedOutput output) {
		SalesforceTokenManager manager = new SalesforceTokenManager(this.client, "org 'acme'");
		this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		this.client.next(Mono.error(ScriptedTokenClient.refusal()));
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(SalesforceAuthenticationException.class)
				.isThrownBy(() -> manager.getToken().block(TIMEOUT));
		}
		SalesforceToken token = manager.getToken().block(TIMEOUT);
		assertThat(output).contains("Salesforce login failed (org 'acme'): Salesforce token endpoint")
			.contains("Salesforce refused the login (org 'acme'): Salesforce refused the JWT bearer login: HTTP 400")
			.contains("Logged in to Salesforce (org 'acme'): instance https://acme.my.salesforce.com, "
					+ "user 005000000000001AAA, organization 00D000000000001AAA")
			.doesNotContain(token.getAccessToken());
	}

	@Test
	void logsWithoutADescriptionWhenThereIsNone(CapturedOutput output) {
		this.manager.getToken().block(TIMEOUT);
		assertThat(output).contains("Logged in to Salesforce: instance https://acme.my.salesforce.com");
	}

}
