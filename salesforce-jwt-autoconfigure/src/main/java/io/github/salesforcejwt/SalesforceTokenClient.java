package io.github.salesforcejwt;

import reactor.core.publisher.Mono;

/**
 * Performs one JWT bearer login: sends a new assertion to Salesforce's token endpoint and
 * returns the token. Each subscription makes one token request. Decorators add a timeout,
 * retries, a cool-down and observations (see {@link SalesforceTokenClients#resilient});
 * sharing and caching are the {@link SalesforceTokenManager}'s work.
 *
 * @author salesforce-jwt
 * @see WebClientSalesforceTokenClient
 */
@FunctionalInterface
public interface SalesforceTokenClient {

	/**
	 * Return a {@link Mono} that logs in once per subscription. It fails with a
	 * {@link SalesforceAuthenticationException} when the login fails.
	 * @return the token
	 */
	Mono<SalesforceToken> requestToken();

}
