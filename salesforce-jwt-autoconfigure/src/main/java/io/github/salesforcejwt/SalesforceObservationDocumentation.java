package io.github.salesforcejwt;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documented observations of the Salesforce JWT bearer login and of Bulk API 2.0 query
 * jobs, and their {@link io.micrometer.common.KeyValue KeyValues}.
 *
 * @author salesforce-jwt
 * @see ObservedSalesforceTokenClient
 * @see CoolingDownSalesforceTokenClient
 * @see SalesforceQueries#bulkQuery(String)
 */
public enum SalesforceObservationDocumentation implements ObservationDocumentation {

	/**
	 * One observation for each token request, and one for each request refused during a
	 * cool-down without asking Salesforce.
	 */
	LOGIN {

		@Override
		public String getName() {
			return "salesforce.jwt.login";
		}

		@Override
		public String getContextualName() {
			return "salesforce jwt login";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSalesforceLoginObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	},

	/**
	 * One observation for each Bulk API 2.0 query job, from its creation until its last
	 * result page is read, it fails, or the subscriber cancels; with a
	 * {@linkplain BulkQueryEvents#PAGE page event} for each result page read.
	 */
	BULK_QUERY {

		@Override
		public String getName() {
			return "salesforce.bulk.query";
		}

		@Override
		public String getContextualName() {
			return "salesforce bulk query";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSalesforceBulkQueryObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return BulkQueryLowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return BulkQueryHighCardinalityKeyNames.values();
		}

		@Override
		public Observation.Event[] getEvents() {
			return BulkQueryEvents.values();
		}

	};

	/**
	 * Low-cardinality keys of the {@link #LOGIN} observation.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * How the request ended: {@code success}, {@code transient_failure} (may succeed if
		 * tried again), {@code rejected} (a refusal that needs a change of configuration),
		 * {@code cool_down} (refused without asking Salesforce, during a cool-down) or
		 * {@code unknown} (cancelled before it ended).
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/**
		 * Salesforce's {@code error}, such as {@code invalid_grant}, or {@code none}.
		 */
		ERROR_CODE {

			@Override
			public String asString() {
				return "error.code";
			}

		},

		/**
		 * Name of the Salesforce org the login is for, such as {@code default}; never a
		 * username.
		 */
		ORG {

			@Override
			public String asString() {
				return "org";
			}

		}

	}

	/**
	 * Low-cardinality keys of the {@link #BULK_QUERY} observation.
	 */
	public enum BulkQueryLowCardinalityKeyNames implements KeyName {

		/**
		 * Name of the Salesforce org the job runs in, such as {@code default}; never a
		 * username.
		 */
		ORG {

			@Override
			public String asString() {
				return "org";
			}

		},

		/**
		 * How the query ended: {@code complete} (every result page read), {@code failed}
		 * (the job ended {@code Failed}), {@code aborted} (the job ended {@code Aborted}, or
		 * the subscriber cancelled and the job was aborted), {@code error} (a request
		 * failed) or {@code unknown} (not ended yet).
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		}

	}

	/**
	 * High-cardinality keys of the {@link #BULK_QUERY} observation.
	 */
	public enum BulkQueryHighCardinalityKeyNames implements KeyName {

		/**
		 * Salesforce's id of the job, or {@code none} if it was not created.
		 */
		JOB_ID {

			@Override
			public String asString() {
				return "job.id";
			}

		},

		/**
		 * Number of result pages read.
		 */
		PAGES {

			@Override
			public String asString() {
				return "pages";
			}

		},

		/**
		 * Number of records (CSV rows) read.
		 */
		RECORDS {

			@Override
			public String asString() {
				return "records";
			}

		}

	}

	/**
	 * Events of the {@link #BULK_QUERY} observation.
	 */
	public enum BulkQueryEvents implements Observation.Event {

		/**
		 * A result page was read; its contextual name, such as
		 * {@code page 2, 4000 records so far}, carries the progress.
		 */
		PAGE {

			@Override
			public String getName() {
				return "page";
			}

			@Override
			public String getContextualName() {
				return "page %d, %d records so far";
			}

		}

	}

}
