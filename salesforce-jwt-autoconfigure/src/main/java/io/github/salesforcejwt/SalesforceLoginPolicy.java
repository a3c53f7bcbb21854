package io.github.salesforcejwt;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How a login copes with a slow or failing token endpoint: the timeout of one token
 * request, the retries of transient failures and the cool-down after refusals (see
 * {@link SalesforceTokenClients#resilient}).
 *
 * @param timeout how long one token request may take before it counts as a transient
 * failure
 * @param maxAttempts how many token requests one login makes at most when they fail
 * transiently, at least 1
 * @param initialBackoff the wait before the first retry, doubled for each further one,
 * with jitter
 * @param maxBackoff the longest wait between retries
 * @param coolDown how long requests fail at once after a first refusal
 * ({@link Duration#ZERO} for no cool-down)
 * @param maxCoolDown the longest cool-down, reached by doubling with each consecutive
 * refusal
 * @author salesforce-jwt
 */
public record SalesforceLoginPolicy(Duration timeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
		Duration coolDown, Duration maxCoolDown) {

	private static final SalesforceLoginPolicy DEFAULTS = new SalesforceLoginPolicy(Duration.ofSeconds(10), 3,
			Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1));

	/**
	 * Create a new policy.
	 * @param timeout how long one token request may take
	 * @param maxAttempts how many token requests one login makes at most
	 * @param initialBackoff the wait before the first retry
	 * @param maxBackoff the longest wait between retries
	 * @param coolDown the cool-down after a first refusal
	 * @param maxCoolDown the longest cool-down
	 */
	public SalesforceLoginPolicy {
		Assert.notNull(timeout, "'timeout' must not be null");
		Assert.notNull(initialBackoff, "'initialBackoff' must not be null");
		Assert.notNull(maxBackoff, "'maxBackoff' must not be null");
		Assert.notNull(coolDown, "'coolDown' must not be null");
		Assert.notNull(maxCoolDown, "'maxCoolDown' must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
		Assert.isTrue(!initialBackoff.isNegative() && !initialBackoff.isZero(), "'initialBackoff' must be positive");
		Assert.isTrue(maxBackoff.compareTo(initialBackoff) >= 0, "'maxBackoff' must not be less than 'initialBackoff'");
		Assert.isTrue(!coolDown.isNegative(), "'coolDown' must not be negative");
		Assert.isTrue(maxCoolDown.compareTo(coolDown) >= 0, "'maxCoolDown' must not be less than 'coolDown'");
	}

	/**
	 * Return the defaults, the same as those of the {@code salesforce.jwt.login.*}
	 * properties: a timeout of 10 s, 3 attempts with a backoff from 500 ms to 5 s, and a
	 * cool-down from 1 s to 1 min.
	 * @return the default policy
	 */
	public static SalesforceLoginPolicy defaults() {
		return DEFAULTS;
	}

}
