package io.github.salesforcejwt;

import java.net.URI;

/**
 * The last token {@link SalesforceJwtExchangeFilterFunction} sent, with what the filter
 * derives from it once rather than for every request: its {@code Authorization} header
 * value and whether its instance may receive it. Not a record: its {@code toString()} must
 * never show the token.
 *
 * @author salesforce-jwt
 */
final class LastToken {

	private final SalesforceToken token;

	private final String authorization;

	private final boolean trustedInstance;

	/**
	 * Create a new last token.
	 * @param token the token
	 * @param authorization its {@code Authorization} header value
	 * @param trustedInstance whether its instance is one the token may be sent to
	 */
	LastToken(SalesforceToken token, String authorization, boolean trustedInstance) {
		this.token = token;
		this.authorization = authorization;
		this.trustedInstance = trustedInstance;
	}

	/**
	 * Return whether this is the last token for a token: the same instance.
	 * @param token the token about to be sent
	 * @return whether it is the token this was made for
	 */
	boolean isFor(SalesforceToken token) {
		return this.token == token;
	}

	/**
	 * Return the {@code Authorization} header value.
	 * @return {@code Bearer} and the access token
	 */
	String authorization() {
		return this.authorization;
	}

	/**
	 * Return whether the token's instance is one the token may be sent to.
	 * @return whether the instance is trusted
	 */
	boolean trustedInstance() {
		return this.trustedInstance;
	}

	/**
	 * Return the token's instance URL.
	 * @return the {@code instance_url}
	 */
	URI instanceUrl() {
		return this.token.getInstanceUrl();
	}

}
