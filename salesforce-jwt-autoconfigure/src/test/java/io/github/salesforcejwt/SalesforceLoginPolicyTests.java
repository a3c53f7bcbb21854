package io.github.salesforcejwt;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SalesforceLoginPolicy}.
 */
class SalesforceLoginPolicyTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	@Test
	void hasTheDefaultsOfTheLoginProperties() {
		assertThat(SalesforceLoginPolicy.defaults()).isEqualTo(new SalesforceLoginPolicy(Duration.ofSeconds(10), 3,
				Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1)));
	}

	@Test
	void allowsNoCoolDown() {
		assertThat(new SalesforceLoginPolicy(SECOND, 1, SECOND, SECOND, Duration.ZERO, Duration.ZERO).coolDown())
			.isZero();
	}

	@Test
	void refusesValuesThatCannotWork() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SalesforceLoginPolicy(Duration.ZERO, 3, SECOND, SECOND, SECOND, SECOND))
			.withMessage("'timeout' must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SalesforceLoginPolicy(SECOND, 0, SECOND, SECOND, SECOND, SECOND))
			.withMessage("'maxAttempts' must be at least 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SalesforceLoginPolicy(SECOND, 3, Duration.ZERO, SECOND, SECOND, SECOND))
			.withMessage("'initialBackoff' must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SalesforceLoginPolicy(SECOND, 3, SECOND, Duration.ofMillis(999), SECOND, SECOND))
			.withMessage("'maxBackoff' must not be less than 'initialBackoff'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SalesforceLoginPolicy(SECOND, 3, SECOND, SECOND, SECOND.negated(), SECOND))
			.withMessage("'coolDown' must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SalesforceLoginPolicy(SECOND, 3, SECOND, SECOND, SECOND, Duration.ofMillis(999)))
			.withMessage("'maxCoolDown' must not be less than 'coolDown'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SalesforceLoginPolicy(null, 3, SECOND, SECOND, SECOND, SECOND))
			.withMessage("'timeout' must not be null");
	}

}
