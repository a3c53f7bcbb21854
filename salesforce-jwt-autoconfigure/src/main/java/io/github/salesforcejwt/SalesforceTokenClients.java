package io.github.salesforcejwt;

import java.time.Clock;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * Composes the {@link SalesforceTokenClient} decorators.
 *
 * @author salesforce-jwt
 */
public final class SalesforceTokenClients {

	private SalesforceTokenClients() {
	}

	/**
	 * Return a token client that makes the token requests of the given one resilient and
	 * observed, as {@code CoolingDown(Retrying(Observed(Timeout(http))))}:
	 * <ul>
	 * <li>each attempt has its own {@linkplain TimeoutSalesforceTokenClient timeout} and
	 * its own {@linkplain ObservedSalesforceTokenClient observation};</li>
	 * <li>transient failures are {@linkplain RetryingSalesforceTokenClient retried} with
	 * backoff;</li>
	 * <li>after a refusal, requests fail at once during a
	 * {@linkplain CoolingDownSalesforceTokenClient cool-down}, each observed with the
	 * outcome {@code cool_down}.</li>
	 * </ul>
	 * Wrap the result in a {@link SalesforceTokenManager} to share one login between
	 * callers and keep its token.
	 * @param http the client that sends the token requests
	 * @param policy the timeout, retries and cool-down
	 * @param registry the registry that observes the logins
	 * @param convention the observation convention, or {@code null} for the
	 * {@link DefaultSalesforceLoginObservationConvention}
	 * @param org the name of the org, such as {@code default}, for the observations and
	 * the log
	 * @param clock the clock that times the cool-down
	 * @return the composed client
	 */
	public static SalesforceTokenClient resilient(SalesforceTokenClient http, SalesforceLoginPolicy policy,
			ObservationRegistry registry, @Nullable SalesforceLoginObservationConvention convention, String org,
			Clock clock) {
		Assert.notNull(policy, "'policy' must not be null");
		SalesforceTokenClient timed = new TimeoutSalesforceTokenClient(http, policy.timeout());
		SalesforceTokenClient observed = new ObservedSalesforceTokenClient(timed, registry, convention, org);
		SalesforceTokenClient retrying = new RetryingSalesforceTokenClient(observed, policy.maxAttempts(),
				policy.initialBackoff(), policy.maxBackoff());
		return new CoolingDownSalesforceTokenClient(retrying, policy.coolDown(), policy.maxCoolDown(), clock, registry,
				convention, org);
	}

	/**
	 * Request a token from the given client at subscription, failing rather than
	 * completing empty when the client answers no token.
	 * @param client the client
	 * @return the token
	 */
	static Mono<SalesforceToken> requireToken(SalesforceTokenClient client) {
		return Mono.defer(client::requestToken)
			.switchIfEmpty(Mono.error(() -> new SalesforceAuthenticationException(
					"Salesforce login failed: the SalesforceTokenClient completed without a token", 0, null, null, null,
					false, null)));
	}

}
