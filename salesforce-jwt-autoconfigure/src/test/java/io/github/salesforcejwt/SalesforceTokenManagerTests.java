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


	@Test
	void asksTheStoreOnlyWhenThereIsNoTokenToUseAndTellsItWhichTokenIsReplaced() {
		RecordingStore store = new RecordingStore();
		this.manager.setTokenStore(store);
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		for (int i = 0; i < 10; i++) {
			this.manager.getToken().block(TIMEOUT);
		}
		assertThat(store.replaced).containsExactly((SalesforceToken) null);
		SalesforceToken second = this.manager.renewToken(first).block(TIMEOUT);
		assertThat(store.replaced).containsExactly(null, first);
		assertThat(second).isNotSameAs(first);
		assertThat(this.client.requests).hasValue(2);
	}

	@Test
	void usesTheTokenTheStoreAnswersWithoutLoggingIn(CapturedOutput output) {
		SalesforceToken stored = ScriptedTokenClient.token("stored");
		this.manager.setTokenStore((replaced, login) -> Mono.just(stored));
		assertThat(this.manager.getToken().block(TIMEOUT)).isSameAs(stored);
		assertThat(this.client.requests).hasValue(0);
		assertThat(output).contains("Took the Salesforce session another instance logged in from the token store")
			.doesNotContain("Logged in to Salesforce");
	}

	@Test
	void tellsTheStoreWhichTokenIsOlderThanTheTimeToLive() {
		RecordingStore store = new RecordingStore();
		this.manager.setTokenStore(store);
		this.manager.setTokenTimeToLive(Duration.ofMinutes(30));
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		this.clock.advance(Duration.ofMinutes(31));
		this.manager.getToken().block(TIMEOUT);
		assertThat(store.replaced).containsExactly(null, first);
	}

	@Test
	void failsAtOnceWithoutATokenRequestWhenTheLoginBudgetIsUsedUpAndWarnsOnce(CapturedOutput output) {
		this.manager.setLoginBudget(
				new InMemorySalesforceLoginBudget(2, "org 'acme'", "salesforce.jwt.login.max-per-hour", this.clock));
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		SalesforceToken second = this.manager.renewToken(first).block(TIMEOUT);
		assertThatExceptionOfType(SalesforceLoginBudgetExceededException.class)
			.isThrownBy(() -> this.manager.renewToken(second).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("salesforce.jwt.login.max-per-hour is 2")
				.contains("2 logins in the last hour")
				.contains("logins resume at"));
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(SalesforceLoginBudgetExceededException.class)
				.isThrownBy(() -> this.manager.getToken().block(TIMEOUT));
		}
		assertThat(this.client.requests).hasValue(2);
		assertThat(this.manager.getLastFailure()).isInstanceOf(SalesforceLoginBudgetExceededException.class);
		assertThat(output.getAll().lines().filter((line) -> line.contains("No Salesforce login"))).hasSize(1);
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.manager.getToken().block(TIMEOUT)).isNotNull();
		assertThat(this.client.requests).hasValue(3);
	}

	@Test
	void pausesRenewalsWhenTheApiRefusesTheTokenOfItsOwnNewLogin(CapturedOutput output) {
		this.manager = new SalesforceTokenManager(this.client, "org 'acme'");
		this.manager.setClock(this.clock);
		this.manager.setRefusedSessionPause(Duration.ofSeconds(10), Duration.ofSeconds(30));
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		SalesforceToken second = this.manager.renewToken(first).block(TIMEOUT);
		assertThatExceptionOfType(SalesforceSessionRefusedException.class)
			.isThrownBy(() -> this.manager.renewAfterRetryRefused(second, "This session is not valid for use with the "
					+ "REST API").block(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).startsWith("Salesforce org 'acme': the login works but the API refuses")
					.contains("renewals of this session wait 10000 ms");
				assertThat(ex.getErrorDescription()).isEqualTo("This session is not valid for use with the REST API");
				assertThat(ex.getFix()).contains("API Enabled").contains("'api' scope").contains("IP");
			});
		assertThat(output.getAll().lines().filter((line) -> line.contains("the API refuses the session"))).hasSize(1);
		// While the pause lasts, every renewal of that token fails at once, without a login
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(SalesforceSessionRefusedException.class)
				.isThrownBy(() -> this.manager.renewToken(second).block(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.isCoolingDown()).isTrue());
		}
		assertThat(this.client.requests).hasValue(2);
		this.clock.advance(Duration.ofSeconds(11));
		SalesforceToken third = this.manager.renewToken(second).block(TIMEOUT);
		assertThat(this.client.requests).hasValue(3);
		// Refused once more: the pause doubles
		assertThatExceptionOfType(SalesforceSessionRefusedException.class)
			.isThrownBy(() -> this.manager.renewAfterRetryRefused(third, null).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("renewals of this session wait 20000 ms"));
		this.clock.advance(Duration.ofSeconds(11));
		assertThatExceptionOfType(SalesforceSessionRefusedException.class)
			.isThrownBy(() -> this.manager.renewToken(third).block(TIMEOUT));
	}

	@Test
	void aRequestThatSucceedsEndsThePauseOfRenewals() {
		this.manager.setRefusedSessionPause(Duration.ofMinutes(1), Duration.ofMinutes(5));
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		SalesforceToken second = this.manager.renewToken(first).block(TIMEOUT);
		assertThatExceptionOfType(SalesforceSessionRefusedException.class)
			.isThrownBy(() -> this.manager.renewAfterRetryRefused(second, null).block(TIMEOUT));
		this.manager.reportAccepted(second);
		assertThat(this.manager.renewToken(second).block(TIMEOUT)).isNotSameAs(second);
		assertThat(this.client.requests).hasValue(3);
	}

	@Test
	void logsInOnceMoreWhenTheRefusedTokenCameFromTheStore() {
		SalesforceToken stored = ScriptedTokenClient.token("stored");
		RecordingStore store = new RecordingStore();
		store.answer = stored;
		this.manager.setTokenStore(store);
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		assertThat(first).isSameAs(stored);
		store.answer = null;
		SalesforceToken renewed = this.manager.renewAfterRetryRefused(stored, null).block(TIMEOUT);
		assertThat(renewed).isNotSameAs(stored);
		assertThat(this.client.requests).hasValue(1);
		assertThat(store.replaced).containsExactly(null, stored);
	}

	@Test
	void handsTheAnswerOnWhenTheRefusedTokenIsNoLongerTheCurrentOne() {
		SalesforceToken first = this.manager.getToken().block(TIMEOUT);
		this.manager.renewToken(first).block(TIMEOUT);
		StepVerifier.create(this.manager.renewAfterRetryRefused(first, null)).expectComplete().verify(TIMEOUT);
		assertThat(this.client.requests).hasValue(2);
	}

	/**
	 * Records which token each login replaces; answers its own token, or logs in.
	 */
	static final class RecordingStore implements SalesforceTokenStore {

		final List<SalesforceToken> replaced = new ArrayList<>();

		volatile SalesforceToken answer;

		@Override
		public synchronized Mono<SalesforceToken> obtainToken(SalesforceToken replaced, Mono<SalesforceToken> login) {
			this.replaced.add(replaced);
			SalesforceToken answer = this.answer;
			return (answer != null) ? Mono.just(answer) : login;
		}

	}

}
