package io.github.salesforcejwt;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when Salesforce accepts the login but its API refuses the session: a request sent
 * again with the token of a new login was answered 401 {@code INVALID_SESSION_ID} once
 * more (such as {@code This session is not valid for use with the REST API}). A new login
 * does not cure that, so renewals of the session are paused for a while (see
 * {@link SalesforceTokenManager#renewAfterRetryRefused}); this exception names the
 * usual causes and their fixes.
 *
 * @author salesforce-jwt
 */
public class SalesforceSessionRefusedException extends SalesforceAuthenticationException {

	/**
	 * The error code of Salesforce's answer.
	 */
	public static final String ERROR_CODE = "INVALID_SESSION_ID";

	/**
	 * What to do about it.
	 */
	public static final String FIX = "give the user the 'API Enabled' permission (in its profile or a permission "
			+ "set); add the 'api' scope ('Manage user data via APIs (api)') to the connected app's selected OAuth "
			+ "scopes; and check IP restrictions: the profile's Login IP Ranges, the org's session settings (lock "
			+ "sessions to the IP address) and the app's IP Relaxation policy";

	private SalesforceSessionRefusedException(String message, @Nullable String salesforceMessage, boolean coolingDown,
			@Nullable String session, @Nullable Throwable cause) {
		super(message, 401, ERROR_CODE, salesforceMessage, FIX, false, coolingDown, session, cause);
	}

	/**
	 * Create the exception for a session whose API refused the token of a new login.
	 * @param session what the session is, such as {@code org 'acme'}
	 * @param salesforceMessage the {@code message} of Salesforce's answer, if known
	 * @param pause how long renewals of the session are paused
	 * @return the exception
	 */
	public static SalesforceSessionRefusedException refused(String session, @Nullable String salesforceMessage,
			Duration pause) {
		String answer = "401 " + ERROR_CODE
				+ ((salesforceMessage != null && !salesforceMessage.isBlank()) ? " (" + salesforceMessage + ")" : "");
		return new SalesforceSessionRefusedException("Salesforce " + session
				+ ": the login works but the API refuses the session: the request sent again with the token of a new "
				+ "login was answered " + answer + " too, which no new login cures; renewals of this session wait "
				+ pause.toMillis() + " ms. Fix: " + FIX, salesforceMessage, false, session, null);
	}

	/**
	 * Return a copy of this exception for a renewal refused while renewals are paused,
	 * without a login.
	 * @param remaining how long the pause still lasts
	 * @return the exception
	 */
	public SalesforceSessionRefusedException pausing(Duration remaining) {
		return new SalesforceSessionRefusedException(getMessage() + " [not logged in again: next renewal allowed in "
				+ remaining.toMillis() + " ms]", getErrorDescription(), true, getSession(), this);
	}

	@Override
	protected SalesforceAuthenticationException copy(String message, @Nullable String session) {
		return new SalesforceSessionRefusedException(message, getErrorDescription(), isCoolingDown(), session, this);
	}

}
