package io.github.salesforcejwt;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Thrown when a JWT bearer login to Salesforce fails: Salesforce refused it, answered
 * something that is not a token, or could not be reached.
 * <p>
 * Carries Salesforce's {@code error} and {@code error_description}, the HTTP status and,
 * for known errors, the fix. Neither the message nor any accessor contains the access
 * token, the assertion or the private key.
 *
 * @author salesforce-jwt
 */
public class SalesforceAuthenticationException extends RuntimeException {

	private final LoginFailureDetails details;

	/**
	 * Create a new exception.
	 * @param message the message
	 * @param statusCode the HTTP status of the token endpoint's answer, or 0 if there was
	 * none
	 * @param error Salesforce's {@code error}, if any
	 * @param errorDescription Salesforce's {@code error_description}, if any
	 * @param fix what the user should do, if known
	 * @param transientFailure whether trying again later may succeed
	 * @param cause the cause, if any
	 */
	public SalesforceAuthenticationException(String message, int statusCode, @Nullable String error,
			@Nullable String errorDescription, @Nullable String fix, boolean transientFailure,
			@Nullable Throwable cause) {
		this(message, statusCode, error, errorDescription, fix, transientFailure, false, null, cause);
	}

	/**
	 * Create a new exception with every detail, for subclasses.
	 * @param message the message
	 * @param statusCode the HTTP status of the answer, or 0 if there was none
	 * @param error Salesforce's {@code error} (or {@code errorCode}), if any
	 * @param errorDescription Salesforce's {@code error_description} (or {@code message}),
	 * if any
	 * @param fix what the user should do, if known
	 * @param transientFailure whether trying again later may succeed
	 * @param coolingDown whether Salesforce was not asked (see {@link #isCoolingDown()})
	 * @param session what the session is, such as {@code org 'acme'}, or {@code null}
	 * @param cause the cause, if any
	 */
	protected SalesforceAuthenticationException(String message, int statusCode, @Nullable String error,
			@Nullable String errorDescription, @Nullable String fix, boolean transientFailure, boolean coolingDown,
			@Nullable String session, @Nullable Throwable cause) {
		super(message, cause);
		this.details = new LoginFailureDetails(statusCode, error, errorDescription, fix, transientFailure,
				coolingDown, session);
	}

	/**
	 * Create an exception for an error answered by the token endpoint.
	 * @param statusCode the HTTP status
	 * @param error the {@code error}
	 * @param errorDescription the {@code error_description}
	 * @return the exception
	 */
	public static SalesforceAuthenticationException rejected(int statusCode, String error,
			@Nullable String errorDescription) {
		return rejected(statusCode, error, errorDescription, null);
	}

	/**
	 * Create an exception for an error answered by the token endpoint, with the fix told
	 * by how far this machine's clock was from Salesforce's (which way it is likely wrong,
	 * for {@code expired authorization code}).
	 * @param statusCode the HTTP status
	 * @param error the {@code error}
	 * @param errorDescription the {@code error_description}
	 * @param clockOffset how far this machine's clock is ahead of Salesforce's (negative
	 * when it is behind), from the {@code Date} header of the answer, or {@code null} if
	 * unknown
	 * @return the exception
	 * @see SalesforceLoginError#getFix(Duration)
	 */
	public static SalesforceAuthenticationException rejected(int statusCode, String error,
			@Nullable String errorDescription, @Nullable Duration clockOffset) {
		return LoginFailures.rejected(statusCode, error, errorDescription, clockOffset);
	}

	/**
	 * Create an exception for an answer from the token endpoint that is not a usable token
	 * response.
	 * @param tokenUri the token endpoint
	 * @param statusCode the HTTP status
	 * @param reason what is wrong with the answer
	 * @param transientFailure whether trying again later may succeed
	 * @param cause the cause, if any
	 * @return the exception
	 */
	public static SalesforceAuthenticationException unexpectedResponse(URI tokenUri, int statusCode, String reason,
			boolean transientFailure, @Nullable Throwable cause) {
		return LoginFailures.unexpectedResponse(tokenUri, statusCode, reason, transientFailure, cause);
	}

	/**
	 * Create an exception for a token endpoint that could not be reached or did not answer
	 * in time.
	 * @param tokenUri the token endpoint
	 * @param reason what happened
	 * @param cause the cause
	 * @return the exception
	 */
	public static SalesforceAuthenticationException unreachable(URI tokenUri, String reason, Throwable cause) {
		return LoginFailures.unreachable(tokenUri, reason, cause);
	}

	/**
	 * Create an exception that repeats an earlier refusal without asking Salesforce again,
	 * while a cool-down after that refusal lasts.
	 * @param refusal the earlier refusal
	 * @param remaining how long the cool-down still lasts
	 * @return the exception
	 * @see #isCoolingDown()
	 */
	public static SalesforceAuthenticationException coolingDown(SalesforceAuthenticationException refusal,
			Duration remaining) {
		return LoginFailures.coolingDown(refusal, remaining);
	}

	/**
	 * Return a copy of this exception for one of the callers that waited on the same
	 * login, so that what one caller adds to it (suppressed exceptions, for instance) does
	 * not reach the others.
	 * @return a new exception with the same details, caused by this one
	 */
	public SalesforceAuthenticationException forCaller() {
		return forCaller(this.details.session());
	}

	/**
	 * Return a copy of this exception for one of the callers that waited on the login of
	 * a session, naming the session in its message, so that an operator with several orgs
	 * knows which one failed.
	 * @param session what the session is, such as {@code org 'acme' (per-user session)},
	 * or {@code null}
	 * @return a new exception with the same details, caused by this one
	 */
	public SalesforceAuthenticationException forCaller(@Nullable String session) {
		boolean named = session != null && this.details.session() == null;
		String message = named ? "Salesforce " + session + ": " + getMessage() : getMessage();
		return copy(message, named ? session : this.details.session());
	}

	/**
	 * Return a copy of this exception with another message, caused by this one: what
	 * {@link #forCaller(String)} returns. Subclasses return their own type.
	 * @param message the message of the copy
	 * @param session what the session is, or {@code null}
	 * @return the copy
	 */
	protected SalesforceAuthenticationException copy(String message, @Nullable String session) {
		LoginFailureDetails details = this.details;
		return new SalesforceAuthenticationException(message, details.statusCode(), details.error(),
				details.errorDescription(), details.fix(), details.transientFailure(), details.coolingDown(), session,
				this);
	}

	/**
	 * Return the session whose login failed, when known.
	 * @return what the session is, such as {@code org 'acme'}, or {@code null}
	 */
	public @Nullable String getSession() {
		return this.details.session();
	}

	/**
	 * Return the HTTP status of the token endpoint's answer.
	 * @return the status, or 0 when there was no answer
	 */
	public int getStatusCode() {
		return this.details.statusCode();
	}

	/**
	 * Return Salesforce's {@code error}.
	 * @return the error or {@code null}
	 */
	public @Nullable String getError() {
		return this.details.error();
	}

	/**
	 * Return Salesforce's {@code error_description}.
	 * @return the description or {@code null}
	 */
	public @Nullable String getErrorDescription() {
		return this.details.errorDescription();
	}

	/**
	 * Return what to do about the error, when it is a known one.
	 * @return the fix or {@code null}
	 */
	public @Nullable String getFix() {
		return this.details.fix();
	}

	/**
	 * Return whether trying again later may succeed (a server error, a timeout, a network
	 * fault, a maintenance page) as opposed to a refusal that needs a change of
	 * configuration.
	 * @return whether the failure is transient
	 */
	public boolean isTransient() {
		return this.details.transientFailure();
	}

	/**
	 * Return whether this exception only repeats an earlier refusal during a cool-down,
	 * without Salesforce having been asked again.
	 * @return whether Salesforce was not asked
	 * @see #coolingDown(SalesforceAuthenticationException, Duration)
	 */
	public boolean isCoolingDown() {
		return this.details.coolingDown();
	}

	/**
	 * Return whether a login that failed with the given exception may succeed if tried
	 * again: the one rule for retries, cool-downs and observations. A
	 * {@code SalesforceAuthenticationException} says so itself (see {@link #isTransient()});
	 * any other exception (a network fault, a bug in a custom token client) counts as
	 * transient.
	 * @param failure what the login failed with
	 * @return whether the failure is transient
	 */
	public static boolean isTransient(Throwable failure) {
		Assert.notNull(failure, "'failure' must not be null");
		return !(failure instanceof SalesforceAuthenticationException authentication) || authentication.isTransient();
	}

}
