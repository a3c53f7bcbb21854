package io.github.salesforcejwt.autoconfigure;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceJwtAssertionFactory;
import io.github.salesforcejwt.SalesforceTokenClient;

/**
 * Posts the assertion over the application's HTTP client: {@code WebClient} where WebFlux
 * is present, else {@code RestClient}.
 *
 * @author salesforce-jwt
 */
@FunctionalInterface
interface SalesforceTokenTransport {

	/**
	 * Create the login over HTTP of a connection.
	 * @param connectionDetails the connection
	 * @param assertionFactory signs its assertions
	 * @return the token client
	 */
	SalesforceTokenClient tokenClient(SalesforceConnectionDetails connectionDetails,
			SalesforceJwtAssertionFactory assertionFactory);

}
