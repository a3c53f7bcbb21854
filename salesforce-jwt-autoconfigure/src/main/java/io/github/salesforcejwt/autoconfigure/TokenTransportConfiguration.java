package io.github.salesforcejwt.autoconfigure;

import io.github.salesforcejwt.RestClientSalesforceTokenClient;
import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.WebClientSalesforceTokenClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@link SalesforceTokenTransport} configurations imported by
 * {@link SalesforceJwtAutoConfiguration}, one per HTTP client: the login goes over
 * {@code WebClient} where WebFlux is present, else over {@code RestClient}.
 *
 * @author salesforce-jwt
 */
abstract class TokenTransportConfiguration {

	/**
	 * The login over {@code WebClient}, where WebFlux is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	static class WebClientTransport {

		@Bean
		SalesforceTokenTransport salesforceTokenTransport(ObjectProvider<WebClient.Builder> webClientBuilder,
				ApplicationContext context, SalesforceInstanceHosts instanceHosts,
				ObjectProvider<JsonMapper> jsonMapper) {
			// The application's builder (proxy, SSL, timeouts, observations), without the Salesforce
			// filter, and with a connector that never follows a redirect with the assertion
			WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder).clone();
			ClientHttpConnector connector = SalesforceConnectors.forLogin(context, context.getClassLoader());
			if (connector != null) {
				builder.clientConnector(connector);
			}
			WebClient webClient = builder.build();
			JsonMapper mapper = jsonMapper.getIfAvailable();
			return (details, assertions) -> new WebClientSalesforceTokenClient(webClient, details.getTokenUri(),
					assertions, instanceHosts, mapper);
		}

	}

	/**
	 * The login over {@code RestClient}, without WebFlux.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(SalesforceJwtAutoConfiguration.WEB_CLIENT)
	static class RestClientTransport {

		@Bean
		SalesforceTokenTransport salesforceTokenTransport(ObjectProvider<RestClient.Builder> restClientBuilder,
				ApplicationContext context, SalesforceInstanceHosts instanceHosts,
				ObjectProvider<JsonMapper> jsonMapper) {
			RestClient.Builder builder = restClientBuilder.getIfAvailable(RestClient::builder).clone();
			ClientHttpRequestFactory requestFactory = SalesforceRequestFactories.forLogin(context,
					context.getClassLoader());
			if (requestFactory != null) {
				builder.requestFactory(requestFactory);
			}
			RestClient restClient = builder.build();
			JsonMapper mapper = jsonMapper.getIfAvailable();
			return (details, assertions) -> new RestClientSalesforceTokenClient(restClient, details.getTokenUri(),
					assertions, instanceHosts, mapper);
		}

	}

}
