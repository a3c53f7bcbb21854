package io.github.salesforcejwt;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * {@link SalesforceTokenClient} that gives each token request of its delegate a time
 * limit: a request that takes longer is cancelled and fails with a transient
 * {@link SalesforceAuthenticationException}, which a {@link RetryingSalesforceTokenClient}
 * around it tries again.
 *
 * @author salesforce-jwt
 * @see SalesforceTokenClients#resilient
 */
public final class TimeoutSalesforceTokenClient implements SalesforceTokenClient {

	private final SalesforceTokenClient delegate;

	private final Duration timeout;

	/**
	 * Create a new client.
	 * @param delegate the client that makes the token requests
	 * @param timeout how long one token request may take
	 */
	public TimeoutSalesforceTokenClient(SalesforceTokenClient delegate, Duration timeout) {
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.notNull(timeout, "'timeout' must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.delegate = delegate;
		this.timeout = timeout;
	}

	@Override
	public Mono<SalesforceToken> requestToken() {
		return Mono.defer(this.delegate::requestToken)
			.timeout(this.timeout)
			.onErrorMap(TimeoutException.class, (ex) -> new SalesforceAuthenticationException(
					"Salesforce token endpoint did not answer within " + this.timeout.toMillis()
							+ " ms (salesforce.jwt.login.timeout)",
					0, null, null, null, true, ex));
	}

	@Override
	public String toString() {
		return "TimeoutSalesforceTokenClient[timeout=" + this.timeout + ", delegate=" + this.delegate + "]";
	}

}
