package io.github.salesforcejwt;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Context of a {@link SalesforceObservationDocumentation#LOGIN login observation}: which
 * org the token request is for, and how it ended.
 *
 * @author salesforce-jwt
 * @see SalesforceLoginObservationConvention
 */
public class SalesforceLoginObservationContext extends Observation.Context {

	private final String org;

	private @Nullable Outcome outcome;

	private @Nullable Throwable failure;

	/**
	 * Create a new context.
	 * @param org the name of the org the login is for, such as {@code default}
	 */
	public SalesforceLoginObservationContext(String org) {
		Assert.hasText(org, "'org' must not be empty");
		this.org = org;
	}

	/**
	 * Return the name of the org the login is for.
	 * @return the org name
	 */
	public String getOrg() {
		return this.org;
	}

	/**
	 * Return how the token request ended.
	 * @return the outcome, or {@code null} while it has not ended or if it was cancelled
	 */
	public @Nullable Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the token request ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(@Nullable Outcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * Return what the token request failed with: the failure of an attempt, or the refusal
	 * repeated during a cool-down (which is not an {@linkplain #getError() error} of the
	 * observation, since nothing was attempted).
	 * @return the failure, or {@code null}
	 */
	public @Nullable Throwable getFailure() {
		return this.failure;
	}

	/**
	 * Set what the token request failed with.
	 * @param failure the failure
	 */
	public void setFailure(@Nullable Throwable failure) {
		this.failure = failure;
	}

	/**
	 * Return Salesforce's {@code error} from the {@linkplain #getFailure() failure}, such as
	 * {@code invalid_grant}.
	 * @return the error code, or {@code null} if there was no failure or it carries none
	 */
	public @Nullable String getErrorCode() {
		return (this.failure instanceof SalesforceAuthenticationException authentication) ? authentication.getError()
				: null;
	}

	/**
	 * How a token request ended.
	 */
	public enum Outcome {

		/**
		 * Salesforce answered with a token.
		 */
		SUCCESS,

		/**
		 * The request failed in a way that may pass if tried again (see
		 * {@link SalesforceAuthenticationException#isTransient(Throwable)}).
		 */
		TRANSIENT_FAILURE,

		/**
		 * Salesforce refused the login: it needs a change of configuration.
		 */
		REJECTED,

		/**
		 * The request was refused during a cool-down, without asking Salesforce.
		 */
		COOL_DOWN

	}

}
