package io.github.salesforcejwt;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Callback to customize the {@code WebClient.Builder} of the {@code salesforceWebClient}
 * bean only, after the Salesforce filter has been added. Use it for settings that should
 * apply to Salesforce API calls and not to the application's other clients; the global
 * {@code WebClientCustomizer} beans already apply to both.
 *
 * @author salesforce-jwt
 */
@FunctionalInterface
public interface SalesforceWebClientCustomizer {

	/**
	 * Customize the builder of the Salesforce {@code WebClient}.
	 * @param webClientBuilder the builder to customize
	 */
	void customize(WebClient.Builder webClientBuilder);

}
