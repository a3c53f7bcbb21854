package io.github.salesforcejwt;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Thrown instead of a login when the session's {@link SalesforceLoginBudget} is used up:
 * Salesforce was not asked. Names the property that sets the budget, the count, and when
 * logins resume.
 *
 * @author salesforce-jwt
 */
public class SalesforceLoginBudgetExceededException extends SalesforceAuthenticationException {

	private final int loginsInLastHour;

	private final int maxPerHour;

	private final Instant resumesAt;

	private final String property;

	/**
	 * Create a new exception.
	 * @param session what the session is, such as {@code org 'acme'}
	 * @param property the property that sets the budget, such as
	 * {@code salesforce.jwt.login.max-per-hour}
	 * @param loginsInLastHour the logins counted in the last hour
	 * @param maxPerHour the most logins allowed in an hour
	 * @param resumesAt when the oldest of those logins leaves the window, so that a login
	 * is allowed again
	 * @param now the current time, to say how long that is
	 */
	public SalesforceLoginBudgetExceededException(String session, String property, int loginsInLastHour,
			int maxPerHour, Instant resumesAt, Instant now) {
		this(message(session, property, loginsInLastHour, maxPerHour, resumesAt, now), session, property,
				loginsInLastHour, maxPerHour, resumesAt, null);
	}

	private SalesforceLoginBudgetExceededException(String message, @Nullable String session, String property,
			int loginsInLastHour, int maxPerHour, Instant resumesAt, @Nullable Throwable cause) {
		super(message, 0, null, null, fix(property), false, false, session, cause);
		this.loginsInLastHour = loginsInLastHour;
		this.maxPerHour = maxPerHour;
		this.resumesAt = resumesAt;
		this.property = property;
	}

	private static String message(String session, String property, int loginsInLastHour, int maxPerHour,
			Instant resumesAt, Instant now) {
		Duration wait = Duration.between(now, resumesAt);
		long seconds = Math.max(0, wait.toSeconds());
		return "Salesforce " + session + ": login budget used up, " + loginsInLastHour
				+ " logins in the last hour and " + property + " is " + maxPerHour + "; logins resume at " + resumesAt
				+ " (in " + (seconds / 60) + " min " + (seconds % 60) + " s). Salesforce was not asked. Fix: "
				+ fix(property);
	}

	private static String fix(String property) {
		return "find out why the application logs in so often (the 'Logged in to Salesforce' log lines and the "
				+ "salesforce.jwt.session.renewals counter tell how often sessions end), or raise " + property
				+ ", keeping it well under Salesforce's own limit of about 3,600 logins per user per hour";
	}

	@Override
	protected SalesforceAuthenticationException copy(String message, @Nullable String session) {
		return new SalesforceLoginBudgetExceededException(message, session, this.property, this.loginsInLastHour,
				this.maxPerHour, this.resumesAt, this);
	}

	/**
	 * Return the logins counted in the last hour.
	 * @return the number of logins
	 */
	public int getLoginsInLastHour() {
		return this.loginsInLastHour;
	}

	/**
	 * Return the most logins allowed in an hour.
	 * @return the maximum
	 */
	public int getMaxPerHour() {
		return this.maxPerHour;
	}

	/**
	 * Return when a login is allowed again.
	 * @return the time logins resume
	 */
	public Instant getResumesAt() {
		return this.resumesAt;
	}

	/**
	 * Return the property that sets the budget.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

}
