package io.github.salesforcejwt;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.util.Assert;

/**
 * {@link SalesforceTokenClient} that tries a token request of its delegate again when it
 * fails transiently (see {@link SalesforceAuthenticationException#isTransient(Throwable)}),
 * with exponential backoff and jitter, up to a number of attempts; a refusal is passed on
 * at once. Each retry is logged at WARN. When the attempts are spent, the request fails
 * with the last failure.
 *
 * @author salesforce-jwt
 * @see SalesforceTokenClients#resilient
 */
public final class RetryingSalesforceTokenClient implements SalesforceTokenClient {

	private static final Log logger = LogFactory.getLog(RetryingSalesforceTokenClient.class);

	private final SalesforceTokenClient delegate;

	private final int maxAttempts;

	private final Retry retry;

	/**
	 * Create a new client.
	 * @param delegate the client that makes the token requests
	 * @param maxAttempts how many token requests one request makes at most, at least 1
	 * (1 never retries)
	 * @param initialBackoff the wait before the first retry, doubled for each further one
	 * @param maxBackoff the longest wait
	 */
	public RetryingSalesforceTokenClient(SalesforceTokenClient delegate, int maxAttempts, Duration initialBackoff,
			Duration maxBackoff) {
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
		Assert.notNull(initialBackoff, "'initialBackoff' must not be null");
		Assert.notNull(maxBackoff, "'maxBackoff' must not be null");
		Assert.isTrue(!initialBackoff.isNegative() && !initialBackoff.isZero(), "'initialBackoff' must be positive");
		Assert.isTrue(maxBackoff.compareTo(initialBackoff) >= 0, "'maxBackoff' must not be less than 'initialBackoff'");
		this.delegate = delegate;
		this.maxAttempts = maxAttempts;
		this.retry = Retry.backoff(maxAttempts - 1L, initialBackoff)
			.maxBackoff(maxBackoff)
			.jitter(0.5)
			.filter(SalesforceAuthenticationException::isTransient)
			.doBeforeRetry((signal) -> logger.warn("Salesforce login attempt " + (signal.totalRetries() + 1) + " of "
					+ maxAttempts + " failed, trying again: " + signal.failure().getMessage()))
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	@Override
	public Mono<SalesforceToken> requestToken() {
		return Mono.defer(this.delegate::requestToken).retryWhen(this.retry);
	}

	@Override
	public String toString() {
		return "RetryingSalesforceTokenClient[maxAttempts=" + this.maxAttempts + ", delegate=" + this.delegate + "]";
	}

}
