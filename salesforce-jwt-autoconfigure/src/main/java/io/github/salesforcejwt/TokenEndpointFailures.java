package io.github.salesforcejwt;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The failures of one token endpoint that are not an OAuth error, and whether each may
 * pass: what {@link SalesforceTokenResponseReader}, {@link TokenResponse} and
 * {@link TokenErrorResponse} throw for an answer the starter does not trust, or for no
 * answer at all.
 *
 * @author salesforce-jwt
 */
final class TokenEndpointFailures {

	private final URI tokenUri;

	TokenEndpointFailures(URI tokenUri) {
		this.tokenUri = tokenUri;
	}

	/**
	 * Return the failure for a token endpoint that could not be reached.
	 * @param ex what the HTTP client threw
	 * @return the failure, transient
	 */
	SalesforceAuthenticationException unreachable(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return SalesforceAuthenticationException.unreachable(this.tokenUri,
				root.getClass().getSimpleName() + ((message != null) ? " (" + message + ")" : ""), ex);
	}

	/**
	 * Return the failure for an answer that is neither a token nor an OAuth error,
	 * transient for a 5xx or a 429.
	 * @param status the HTTP status
	 * @param reason what the endpoint answered with
	 * @param cause the cause, if any
	 * @return the failure
	 */
	SalesforceAuthenticationException unexpected(int status, String reason, @Nullable Throwable cause) {
		boolean transientFailure = status >= 500 || status == 429;
		return SalesforceAuthenticationException.unexpectedResponse(this.tokenUri, status, reason, transientFailure,
				cause);
	}

	/**
	 * Return the failure for a 2xx answer that is not a usable token, always transient.
	 * @param status the HTTP status
	 * @param reason what the endpoint answered with
	 * @return the failure
	 */
	SalesforceAuthenticationException badTokenResponse(int status, String reason) {
		// A 2xx answer that is not a usable token: Salesforce's fault, and it may pass
		return SalesforceAuthenticationException.unexpectedResponse(this.tokenUri, status, reason, true, null);
	}

	/**
	 * Return the failure for an answer that is not JSON, transient unless it is a 4xx
	 * other than 429.
	 * @param status the HTTP status
	 * @param reason what the endpoint answered with
	 * @param cause the cause, if any
	 * @return the failure
	 */
	SalesforceAuthenticationException notJson(int status, String reason, @Nullable Throwable cause) {
		// Salesforce answers JSON. Anything else is a maintenance page (2xx, 5xx) that will
		// pass, or a wrong login URL, a proxy or a firewall (other 4xx) that will not
		boolean transientFailure = status < 400 || status >= 500 || status == 429;
		return SalesforceAuthenticationException.unexpectedResponse(this.tokenUri, status, reason, transientFailure,
				cause);
	}

}
