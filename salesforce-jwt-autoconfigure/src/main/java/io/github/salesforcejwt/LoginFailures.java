package io.github.salesforcejwt;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How each kind of failed login becomes a {@link SalesforceAuthenticationException}: its
 * message, its fix and whether it is transient. The exception's public static factories
 * delegate here, so that the exception itself holds only the details it carries.
 *
 * @author salesforce-jwt
 */
final class LoginFailures {

	private LoginFailures() {
	}

	/**
	 * Create an exception for an error answered by the token endpoint, with the fix of a
	 * known error. Salesforce answers a passing fault of its own as 400
	 * {@code unknown_error}: that, a 429 and a 5xx are transient.
	 * @param statusCode the HTTP status
	 * @param error the {@code error}
	 * @param errorDescription the {@code error_description}
	 * @param clockOffset how far this machine's clock is ahead of Salesforce's, or
	 * {@code null} if unknown
	 * @return the exception
	 * @see SalesforceAuthenticationException#rejected(int, String, String, Duration)
	 */
	static SalesforceAuthenticationException rejected(int statusCode, String error, @Nullable String errorDescription,
			@Nullable Duration clockOffset) {
		SalesforceLoginError known = SalesforceLoginError.of(error, errorDescription);
		String fix = (known != null) ? known.getFix(clockOffset) : null;
		// Salesforce answers a passing fault of its own as 400 unknown_error ("retry your request")
		boolean transientFailure = statusCode >= 500 || statusCode == 429 || "unknown_error".equals(error);
		StringBuilder message = new StringBuilder("Salesforce refused the JWT bearer login: HTTP ").append(statusCode)
			.append(' ')
			.append(error);
		if (errorDescription != null && !errorDescription.isBlank()) {
			message.append(" (").append(errorDescription).append(')');
		}
		if (fix != null) {
			message.append(". Fix: ").append(fix);
		}
		return new SalesforceAuthenticationException(message.toString(), statusCode, error, errorDescription, fix,
				transientFailure, null);
	}

	/**
	 * Create an exception for an answer that is not a usable token response.
	 * @param tokenUri the token endpoint
	 * @param statusCode the HTTP status
	 * @param reason what is wrong with the answer
	 * @param transientFailure whether trying again later may succeed
	 * @param cause the cause, if any
	 * @return the exception
	 * @see SalesforceAuthenticationException#unexpectedResponse
	 */
	static SalesforceAuthenticationException unexpectedResponse(URI tokenUri, int statusCode, String reason,
			boolean transientFailure, @Nullable Throwable cause) {
		return new SalesforceAuthenticationException("Salesforce token endpoint " + tokenUri + " answered HTTP "
				+ statusCode + " with " + reason, statusCode, null, null, null, transientFailure, cause);
	}

	/**
	 * Create an exception for a token endpoint that could not be reached or did not answer
	 * in time: always transient, and the message names what to check.
	 * @param tokenUri the token endpoint
	 * @param reason what happened
	 * @param cause the cause
	 * @return the exception
	 * @see SalesforceAuthenticationException#unreachable
	 */
	static SalesforceAuthenticationException unreachable(URI tokenUri, String reason, Throwable cause) {
		return new SalesforceAuthenticationException(
				"Could not log in to Salesforce at " + tokenUri + ": " + reason
						+ ". Check salesforce.jwt.login-url, the network and any proxy settings.",
				0, null, null, null, true, cause);
	}

	/**
	 * Create an exception that repeats an earlier refusal during a cool-down: the same
	 * details, never transient, with how long the cool-down still lasts.
	 * @param refusal the earlier refusal
	 * @param remaining how long the cool-down still lasts
	 * @return the exception
	 * @see SalesforceAuthenticationException#coolingDown
	 */
	static SalesforceAuthenticationException coolingDown(SalesforceAuthenticationException refusal,
			Duration remaining) {
		return new SalesforceAuthenticationException(
				refusal.getMessage() + " [not asked again: the last login failed, next attempt allowed in "
						+ remaining.toMillis() + " ms]",
				refusal.getStatusCode(), refusal.getError(), refusal.getErrorDescription(), refusal.getFix(), false,
				true, refusal.getSession(), refusal);
	}

}
