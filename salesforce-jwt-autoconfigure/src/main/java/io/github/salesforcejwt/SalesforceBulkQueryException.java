package io.github.salesforcejwt;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a Bulk API 2.0 query job ends {@code Failed} or {@code Aborted}, with
 * Salesforce's {@code errorMessage}.
 *
 * @author salesforce-jwt
 */
public class SalesforceBulkQueryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String jobId;

	private final String state;

	private final @Nullable String errorMessage;

	/**
	 * Create a new instance.
	 * @param jobId the job's id
	 * @param state the job's final state, {@code Failed} or {@code Aborted}
	 * @param errorMessage Salesforce's {@code errorMessage}, if any
	 */
	public SalesforceBulkQueryException(String jobId, String state, @Nullable String errorMessage) {
		super("Bulk API 2.0 query job " + jobId + " ended " + state
				+ ((errorMessage != null) ? ": " + errorMessage : ""));
		this.jobId = jobId;
		this.state = state;
		this.errorMessage = errorMessage;
	}

	/**
	 * Return the job's id.
	 * @return the id
	 */
	public String getJobId() {
		return this.jobId;
	}

	/**
	 * Return the job's final state.
	 * @return {@code Failed} or {@code Aborted}
	 */
	public String getState() {
		return this.state;
	}

	/**
	 * Return Salesforce's {@code errorMessage}.
	 * @return the message, or {@code null} if there was none
	 */
	public @Nullable String getErrorMessage() {
		return this.errorMessage;
	}

}
