package io.github.salesforcejwt;

import org.springframework.web.client.RestClient;

/**
 * Callback to customize the {@code RestClient.Builder} of the Salesforce
 * {@code RestClient}s only (the {@code salesforceRestClient} bean and those of
 * {@link SalesforceRestClients}), after the Salesforce interceptor has been added. Use it
 * for settings that should apply to Salesforce API calls and not to the application's other
 * clients; the global {@code RestClientCustomizer} beans already apply to both.
 *
 * @author salesforce-jwt
 */
@FunctionalInterface
public interface SalesforceRestClientCustomizer {

	/**
	 * Customize the builder of a Salesforce {@code RestClient}.
	 * @param restClientBuilder the builder to customize
	 */
	void customize(RestClient.Builder restClientBuilder);

}
