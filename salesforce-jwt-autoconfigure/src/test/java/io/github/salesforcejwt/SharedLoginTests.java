package io.github.salesforcejwt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SharedLogin}.
 */
class SharedLoginTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ScriptedTokenClient client = new ScriptedTokenClient();

	private final SessionLogins logins = new SessionLogins(this.client, " (org 'acme')");

	private final AtomicBoolean fresh = new AtomicBoolean(true);

	private final SharedLogin login = new SharedLogin(this.logins, "org 'acme'", Instant::now,
			(obtainedAt) -> this.fresh.get());

	@Test
	void recordsTheOutcomeBeforeItReleasesTheWaitingCallers() {
		Sinks.One<SalesforceToken> failing = Sinks.one();
		this.client.next(failing.asMono());
		AtomicReference<Object> lastFailureSeenByCaller = new AtomicReference<>();
		Mono<SalesforceToken> caller = this.login.token()
			.doOnError((ex) -> lastFailureSeenByCaller.set(this.logins.getLastFailure()))
			.onErrorResume((ex) -> Mono.empty());
		caller.subscribe();
		SalesforceAuthenticationException refusal = ScriptedTokenClient.refusal();
		failing.tryEmitError(refusal);
		assertThat(lastFailureSeenByCaller).hasValue(refusal);
		Sinks.One<SalesforceToken> succeeding = Sinks.one();
		this.client.next(succeeding.asMono());
		AtomicReference<Object> freshTokenSeenByCaller = new AtomicReference<>();
		this.login.token().subscribe((token) -> freshTokenSeenByCaller.set(this.login.freshToken()));
		SalesforceToken token = ScriptedTokenClient.token("one");
		succeeding.tryEmitValue(token);
		assertThat(freshTokenSeenByCaller).hasValue(token);
		assertThat(this.logins.getLastFailure()).isNull();
	}

	@Test
	void replacesOnlyTheCurrentTokenAndTellsTheStoreWhichOneItWas() {
		List<SalesforceToken> replacedTokens = recordReplacedTokens();
		SalesforceToken first = this.login.token().block(TIMEOUT);
		assertThat(this.login.replace(ScriptedTokenClient.token("other"))).isFalse();
		assertThat(this.login.currentToken()).isSameAs(first);
		assertThat(this.login.replace(first)).isTrue();
		assertThat(this.login.currentToken()).isNull();
		assertThat(this.login.replace(first)).isFalse();
		SalesforceToken second = this.login.token().block(TIMEOUT);
		assertThat(second).isNotSameAs(first);
		assertThat(replacedTokens).containsExactly(null, first);
	}

	@Test
	void logsInAgainWhenTheTokenIsNoLongerFreshAndTellsTheStoreItIsReplaced() {
		List<SalesforceToken> replacedTokens = recordReplacedTokens();
		SalesforceToken first = this.login.token().block(TIMEOUT);
		assertThat(this.login.token().block(TIMEOUT)).isSameAs(first);
		this.fresh.set(false);
		assertThat(this.login.freshToken()).isNull();
		assertThat(this.login.currentToken()).isSameAs(first);
		SalesforceToken second = this.login.token().block(TIMEOUT);
		assertThat(second).isNotSameAs(first);
		assertThat(replacedTokens).containsExactly(null, first);
		assertThat(this.client.requests).hasValue(2);
	}

	private List<SalesforceToken> recordReplacedTokens() {
		List<SalesforceToken> replacedTokens = new ArrayList<>();
		this.logins.setTokenStore((replaced, login) -> {
			replacedTokens.add(replaced);
			return login;
		});
		return replacedTokens;
	}

}
