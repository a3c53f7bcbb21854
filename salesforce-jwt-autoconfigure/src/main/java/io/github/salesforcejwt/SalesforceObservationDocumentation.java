package io.github.salesforcejwt;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documented observations of the Salesforce JWT bearer login and their
 * {@link io.micrometer.common.KeyValue KeyValues}.
 *
 * @author salesforce-jwt
 * @see ObservedSalesforceTokenClient
 * @see CoolingDownSalesforceTokenClient
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

}
