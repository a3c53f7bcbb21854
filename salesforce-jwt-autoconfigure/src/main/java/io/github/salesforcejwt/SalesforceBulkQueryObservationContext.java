package io.github.salesforcejwt;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Context of a {@link SalesforceObservationDocumentation#BULK_QUERY bulk query
 * observation}: which org the Bulk API 2.0 query job runs in, its id, how many result
 * pages and records have been read so far, and how it ended.
 *
 * @author salesforce-jwt
 * @see SalesforceBulkQueryObservationConvention
 */
public class SalesforceBulkQueryObservationContext extends Observation.Context {

	private final String org;

	private volatile @Nullable String jobId;

	private volatile long pages;

	private volatile long records;

	private volatile @Nullable Outcome outcome;

	/**
	 * Create a new context.
	 * @param org the name of the org the job runs in, such as {@code default}
	 */
	public SalesforceBulkQueryObservationContext(String org) {
		Assert.hasText(org, "'org' must not be empty");
		this.org = org;
	}

	/**
	 * Return the name of the org the job runs in.
	 * @return the org name
	 */
	public String getOrg() {
		return this.org;
	}

	/**
	 * Return the id of the job.
	 * @return the job id, or {@code null} until Salesforce has created the job
	 */
	public @Nullable String getJobId() {
		return this.jobId;
	}

	/**
	 * Set the id of the job.
	 * @param jobId the job id
	 */
	public void setJobId(@Nullable String jobId) {
		this.jobId = jobId;
	}

	/**
	 * Return how many result pages have been read so far.
	 * @return the number of pages
	 */
	public long getPages() {
		return this.pages;
	}

	/**
	 * Return how many records (CSV rows) have been read so far.
	 * @return the number of records
	 */
	public long getRecords() {
		return this.records;
	}

	/**
	 * Count one more result page and its records.
	 * @param records the number of records of the page
	 */
	public void addPage(long records) {
		this.pages++;
		this.records += records;
	}

	/**
	 * Return how the query ended.
	 * @return the outcome, or {@code null} while it has not ended
	 */
	public @Nullable Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the query ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(@Nullable Outcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * How a bulk query ended.
	 */
	public enum Outcome {

		/**
		 * The job completed and every page of its results was read.
		 */
		COMPLETE,

		/**
		 * The job ended in the state {@code Failed}.
		 */
		FAILED,

		/**
		 * The job ended in the state {@code Aborted}, or the subscriber cancelled (which
		 * aborts the job).
		 */
		ABORTED,

		/**
		 * A request of the query failed (an error answer, a connection failure, unreadable
		 * results) before the job ended.
		 */
		ERROR

	}

}
