package io.github.salesforcejwt.test;

/**
 * Errors the Salesforce token endpoint answers to a JWT bearer token request, with the
 * exact {@code error} and {@code error_description} that Salesforce sends.
 *
 * @see FakeSalesforceOrg#rejectLogins(LoginError)
 */
public enum LoginError {

	/**
	 * The user is not pre-authorized for the connected app, or the {@code sub} is not the
	 * username.
	 */
	USER_NOT_APPROVED("invalid_grant", "user hasn't approved this consumer"),

	/**
	 * The admin-approved policy is on, but the user's profile or permission set is not
	 * assigned to the app.
	 */
	NOT_ADMIN_APPROVED("invalid_app_access", "user is not admin approved to access this app"),

	/**
	 * The signature does not verify against the certificate uploaded to the app.
	 */
	INVALID_ASSERTION("invalid_grant", "invalid assertion"),

	/**
	 * The {@code exp} of the assertion is in the past.
	 */
	EXPIRED_ASSERTION("invalid_grant", "expired authorization code"),

	/**
	 * The {@code aud} of the assertion is not this org's authorization server.
	 */
	INVALID_AUDIENCE("invalid_grant", "audience is invalid"),

	/**
	 * The {@code iss} of the assertion is not the consumer key of an app in this org.
	 */
	INVALID_CLIENT_ID("invalid_client_id", "client identifier invalid"),

	/**
	 * An External Client App reached through a host other than the org's My Domain.
	 */
	APP_NOT_FOUND("app_not_found", "External client app is not installed in this org"),

	/**
	 * The user logged in more than about 3,600 times in the last hour.
	 */
	LOGIN_RATE_EXCEEDED("invalid_grant", "login rate exceeded"),

	/**
	 * The request body is malformed or its {@code grant_type} is not the JWT bearer grant.
	 */
	UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", "grant type not supported");

	private final String error;

	private final String errorDescription;

	LoginError(String error, String errorDescription) {
		this.error = error;
		this.errorDescription = errorDescription;
	}

	/**
	 * Return the HTTP status the token endpoint answers with.
	 * @return the HTTP status, always 400
	 */
	public int status() {
		return 400;
	}

	/**
	 * Return the {@code error} field of the response body.
	 * @return the OAuth error code
	 */
	public String error() {
		return this.error;
	}

	/**
	 * Return the {@code error_description} field of the response body.
	 * @return the description, exactly as Salesforce words it
	 */
	public String errorDescription() {
		return this.errorDescription;
	}

}
