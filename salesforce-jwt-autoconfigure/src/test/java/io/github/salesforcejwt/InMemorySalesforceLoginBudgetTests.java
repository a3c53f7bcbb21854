package io.github.salesforcejwt;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InMemorySalesforceLoginBudget}.
 */
class InMemorySalesforceLoginBudgetTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock();

	private final InMemorySalesforceLoginBudget budget = new InMemorySalesforceLoginBudget(3, "org 'acme'",
			"salesforce.jwt.orgs.acme.login.max-per-hour", this.clock);

	@Test
	void allowsTheMaximumInAnHourThenRefusesNamingThePropertyTheCountAndWhenLoginsResume() {
		Instant first = this.clock.instant();
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(this.budget.acquire()).expectComplete().verify(TIMEOUT);
			this.clock.advance(Duration.ofMinutes(10));
		}
		assertThat(this.budget.getLoginsInLastHour()).isEqualTo(3);
		assertThat(this.budget.getRemaining()).isZero();
		StepVerifier.create(this.budget.acquire()).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(SalesforceLoginBudgetExceededException.class);
			SalesforceLoginBudgetExceededException exceeded = (SalesforceLoginBudgetExceededException) ex;
			assertThat(exceeded.getResumesAt()).isEqualTo(first.plus(Duration.ofHours(1)));
			assertThat(exceeded.getLoginsInLastHour()).isEqualTo(3);
			assertThat(exceeded.getMaxPerHour()).isEqualTo(3);
			assertThat(exceeded.isTransient()).isFalse();
			assertThat(exceeded.getMessage()).startsWith("Salesforce org 'acme': login budget used up")
				.contains("salesforce.jwt.orgs.acme.login.max-per-hour is 3")
				.contains("logins resume at " + first.plus(Duration.ofHours(1)) + " (in 30 min 0 s)")
				.contains("Salesforce was not asked");
		}).verify(TIMEOUT);
	}

	@Test
	void slidesTheHour() {
		for (int i = 0; i < 3; i++) {
			this.budget.acquire().block(TIMEOUT);
			this.clock.advance(Duration.ofMinutes(20));
		}
		// The first login left the hour just now
		assertThat(this.budget.getLoginsInLastHour()).isEqualTo(2);
		StepVerifier.create(this.budget.acquire()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.budget.acquire())
			.expectError(SalesforceLoginBudgetExceededException.class)
			.verify(TIMEOUT);
	}

	@Test
	void aRefusedLoginIsNotCounted() {
		for (int i = 0; i < 3; i++) {
			this.budget.acquire().block(TIMEOUT);
		}
		for (int i = 0; i < 10; i++) {
			StepVerifier.create(this.budget.acquire())
				.expectError(SalesforceLoginBudgetExceededException.class)
				.verify(TIMEOUT);
		}
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.budget.getLoginsInLastHour()).isZero();
		assertThat(this.budget.getRemaining()).isEqualTo(3);
	}

}
