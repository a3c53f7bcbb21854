package io.github.salesforcejwt;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The errors Salesforce's token endpoint answers to a JWT bearer login, each with what
 * causes it and how to fix it.
 *
 * @author salesforce-jwt
 */
public enum SalesforceLoginError {

	/**
	 * {@code invalid_grant: user hasn't approved this consumer}.
	 */
	USER_NOT_APPROVED("invalid_grant", "user hasn't approved this consumer",
			"The user is not pre-authorized for the connected app. In Setup, open Manage Connected Apps, "
					+ "Edit Policies, set Permitted Users to \"Admin approved users are pre-authorized\", then add "
					+ "the user's profile or a permission set assigned to the user. Also check that "
					+ "salesforce.jwt.username is the exact username and that salesforce.jwt.audience matches "
					+ "salesforce.jwt.login-url (https://test.salesforce.com for sandboxes)."),

	/**
	 * {@code invalid_app_access: user is not admin approved to access this app}.
	 */
	NOT_ADMIN_APPROVED("invalid_app_access", "not admin approved",
			"\"Admin approved users are pre-authorized\" is on, but the user's profile or permission set is "
					+ "not assigned to the app. Add it under the connected app's Profiles or Permission Sets."),

	/**
	 * {@code invalid_grant: invalid assertion}.
	 */
	INVALID_ASSERTION("invalid_grant", "invalid assertion",
			"The assertion's signature does not verify: salesforce.jwt.private-key does not belong to the "
					+ "certificate uploaded to the connected app (\"Use digital signatures\"). Upload the "
					+ "certificate made from this key, or configure the key that matches the uploaded certificate."),

	/**
	 * {@code invalid_grant: expired authorization code}.
	 */
	EXPIRED_ASSERTION("invalid_grant", "expired authorization code",
			"The assertion's exp is already past when Salesforce reads it: this machine's clock and "
					+ "Salesforce's disagree (or something delays or rewrites the assertion). Synchronise this "
					+ "machine's clock (NTP); salesforce.jwt.assertion-lifetime must stay within 3 minutes."),

	/**
	 * {@code invalid_grant: audience is invalid} (or {@code Audience validation failed}).
	 */
	INVALID_AUDIENCE("invalid_grant", "audience",
			"The assertion's aud is wrong for this org. Use https://test.salesforce.com for sandboxes, "
					+ "https://login.salesforce.com for production, or the My Domain URL (set salesforce.jwt.audience "
					+ "and salesforce.jwt.login-url to it) for External Client Apps."),

	/**
	 * {@code invalid_client_id: client identifier invalid}.
	 */
	INVALID_CLIENT_ID("invalid_client_id", null,
			"salesforce.jwt.consumer-key is not the Consumer Key of a connected app in this org (it is not the "
					+ "consumer secret). Copy it from App Manager, View, Manage Consumer Details, and check "
					+ "that salesforce.jwt.login-url points to the org that has the app."),

	/**
	 * {@code app_not_found: External client app is not installed in this org}.
	 */
	APP_NOT_FOUND("app_not_found", null,
			"The External Client App is not found through this host. Set both salesforce.jwt.login-url and "
					+ "salesforce.jwt.audience to the org's My Domain URL (https://yourdomain.my.salesforce.com), "
					+ "and check the app is installed in the org."),

	/**
	 * {@code invalid_grant: login rate exceeded}.
	 */
	LOGIN_RATE_EXCEEDED("invalid_grant", "login rate exceeded",
			"The user logged in more than about 3,600 times in an hour and is locked out of logging in "
					+ "until the hourly count drops. Find what logs in so often (several instances, a restart "
					+ "loop, a client that logs in per call) and let it reuse its token."),

	/**
	 * {@code unsupported_grant_type: grant type not supported}.
	 */
	UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", null,
			"The token request was malformed: check that nothing between this application and Salesforce "
					+ "(a proxy, a filter added through a WebClientCustomizer) rewrites the form body."),

	/**
	 * Any other {@code invalid_grant}.
	 */
	OTHER_INVALID_GRANT("invalid_grant", null,
			"Salesforce refused the assertion. Check salesforce.jwt.consumer-key, salesforce.jwt.username, "
					+ "salesforce.jwt.audience and that the user is pre-authorized for the connected app.");

	/**
	 * The smallest clock offset worth reporting: the {@code Date} header has a resolution
	 * of one second.
	 */
	private static final Duration SIGNIFICANT_CLOCK_OFFSET = Duration.ofSeconds(2);

	private final String error;

	private final @Nullable String descriptionFragment;

	private final String fix;

	SalesforceLoginError(String error, @Nullable String descriptionFragment, String fix) {
		this.error = error;
		this.descriptionFragment = descriptionFragment;
		this.fix = fix;
	}

	/**
	 * Return the OAuth {@code error} code Salesforce sends.
	 * @return the error code
	 */
	public String getError() {
		return this.error;
	}

	/**
	 * Return what to do about this error.
	 * @return the fix
	 */
	public String getFix() {
		return this.fix;
	}

	/**
	 * Return what to do about this error, knowing how far this machine's clock was from
	 * Salesforce's when the token endpoint answered. For {@link #EXPIRED_ASSERTION}, an
	 * offset of 2 seconds or more is named, with its direction; otherwise this is
	 * {@link #getFix()}.
	 * @param clockOffset how far this machine's clock is ahead of Salesforce's (negative
	 * when it is behind), from the {@code Date} header of the token endpoint's answer, or
	 * {@code null} if unknown
	 * @return the fix
	 */
	public String getFix(@Nullable Duration clockOffset) {
		if (this != EXPIRED_ASSERTION || clockOffset == null
				|| clockOffset.abs().compareTo(SIGNIFICANT_CLOCK_OFFSET) < 0) {
			return this.fix;
		}
		long seconds = Math.round(clockOffset.abs().toMillis() / 1000.0);
		String measured = "This machine's clock is " + seconds + " s "
				+ (clockOffset.isNegative() ? "behind" : "ahead of")
				+ " Salesforce's (by the Date header of the token endpoint's answer)";
		String consequence = clockOffset.isNegative() ? ", so the assertion's exp is already past for Salesforce. "
				: ", so the assertion's exp may lie further ahead than the 3 minutes Salesforce accepts. ";
		return measured + consequence + this.fix;
	}

	/**
	 * Return the known error for an {@code error} and {@code error_description} pair.
	 * @param error the {@code error} sent by Salesforce
	 * @param description the {@code error_description} sent by Salesforce
	 * @return the known error, or {@code null} if it is not one of them
	 */
	public static @Nullable SalesforceLoginError of(@Nullable String error, @Nullable String description) {
		if (error == null) {
			return null;
		}
		String lowerDescription = (description != null) ? description.toLowerCase(Locale.ROOT) : "";
		for (SalesforceLoginError candidate : values()) {
			if (candidate.error.equalsIgnoreCase(error) && (candidate.descriptionFragment == null
					|| lowerDescription.contains(candidate.descriptionFragment))) {
				return candidate;
			}
		}
		return null;
	}

}
