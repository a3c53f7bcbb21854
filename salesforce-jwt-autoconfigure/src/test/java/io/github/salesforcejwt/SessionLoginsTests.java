package io.github.salesforcejwt;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionLogins}.
 */
class SessionLoginsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ScriptedTokenClient client = new ScriptedTokenClient();

	private final InMemorySalesforceLoginBudget budget = new InMemorySalesforceLoginBudget(5, "org 'acme'",
			"salesforce.jwt.login.max-per-hour", new MutableClock());

	private final SessionLogins logins = new SessionLogins(this.client, " (org 'acme')");

	@Test
	void countsOnlyTheLoginsTheStoreSubscribesToInTheBudget() {
		this.logins.setLoginBudget(this.budget);
		SalesforceToken stored = ScriptedTokenClient.token("stored");
		this.logins.setTokenStore((replaced, login) -> Mono.just(stored));
		assertThat(this.logins.obtainToken(null).block(TIMEOUT)).isSameAs(stored);
		assertThat(this.budget.getLoginsInLastHour()).isZero();
		assertThat(this.client.requests).hasValue(0);
		assertThat(this.logins.isOwnLogin(stored)).isFalse();
		this.logins.setTokenStore(SalesforceTokenStore.none());
		SalesforceToken own = this.logins.obtainToken(stored).block(TIMEOUT);
		assertThat(this.budget.getLoginsInLastHour()).isOne();
		assertThat(this.client.requests).hasValue(1);
		assertThat(this.logins.isOwnLogin(own)).isTrue();
		assertThat(this.logins.isOwnLogin(stored)).isFalse();
	}

	@Test
	void handsOnAnAuthenticationFailureAsItIsAndWrapsAnyOtherErrorAsATransientFailure() {
		SalesforceAuthenticationException refusal = ScriptedTokenClient.refusal();
		assertThat(SessionLogins.failureOf(refusal)).isSameAs(refusal);
		IllegalStateException error = new IllegalStateException("no signer");
		SalesforceAuthenticationException failure = SessionLogins.failureOf(error);
		assertThat(failure).hasMessage("Salesforce login failed: IllegalStateException").hasCause(error);
		assertThat(failure.isTransient()).isTrue();
	}

	@Test
	void keepsTheFailureThatStartedACoolDownAsTheLastFailure() {
		SalesforceAuthenticationException refusal = ScriptedTokenClient.refusal();
		assertThat(this.logins.recordFailure(refusal)).isNull();
		SalesforceAuthenticationException coolingDown = SalesforceAuthenticationException.coolingDown(refusal,
				Duration.ofSeconds(30));
		assertThat(this.logins.recordFailure(coolingDown)).isSameAs(refusal);
		assertThat(this.logins.getLastFailure()).isSameAs(refusal);
		this.logins.recordSuccess();
		assertThat(this.logins.getLastFailure()).isNull();
	}

}
