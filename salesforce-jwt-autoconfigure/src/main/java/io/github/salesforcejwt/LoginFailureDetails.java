package io.github.salesforcejwt;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link SalesforceAuthenticationException} carries besides its message and cause:
 * Salesforce's answer, the fix, and how the failure is to be treated. None of it is the
 * access token, the assertion or the private key.
 *
 * @param statusCode the HTTP status of the answer, or 0 if there was none
 * @param error Salesforce's {@code error} (or {@code errorCode}), if any
 * @param errorDescription Salesforce's {@code error_description} (or {@code message}), if
 * any
 * @param fix what the user should do, if known
 * @param transientFailure whether trying again later may succeed
 * @param coolingDown whether Salesforce was not asked, the failure repeating an earlier
 * refusal during a cool-down
 * @param session what the session is, such as {@code org 'acme'}, or {@code null}
 * @author salesforce-jwt
 */
record LoginFailureDetails(int statusCode, @Nullable String error, @Nullable String errorDescription,
		@Nullable String fix, boolean transientFailure, boolean coolingDown,
		@Nullable String session) implements Serializable {

}
