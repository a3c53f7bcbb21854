package io.github.salesforcejwt.autoconfigure;

import io.github.salesforcejwt.SalesforceBulkQueryObservationConvention;
import io.github.salesforcejwt.SalesforceClient;
import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.SalesforceJwtExchangeFilterFunction;
import io.github.salesforcejwt.SalesforceQueries;
import io.github.salesforcejwt.SalesforceRestClients;
import io.github.salesforcejwt.SalesforceSessions;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.SalesforceWebClientCustomizer;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * The {@code WebClient}s, where WebFlux is present, imported by
 * {@link SalesforceJwtAutoConfiguration}: {@link SalesforceClients} in place of
 * {@link SalesforceRestClients}, the HTTP service groups over {@code WebClient}, and the
 * default org's {@code salesforceWebClient}.
 *
 * @author salesforce-jwt
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(WebClient.class)
class WebClientConfiguration {

	@Bean
	SalesforceWebClientFactory salesforceWebClientFactory(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<SalesforceWebClientCustomizer> customizers, SalesforceApiUsages apiUsages,
			SalesforceInstanceHosts instanceHosts, ApplicationContext context) {
		return new SalesforceWebClientFactory(() -> webClientBuilder.getIfAvailable(WebClient::builder),
				SingletonSupplier.of(() -> SalesforceConnectors.forApi(context, context.getClassLoader())),
				customizers::orderedStream, apiUsages, instanceHosts);
	}

	@Bean
	WebClientHttpServiceGroupConfigurer salesforceWebClientHttpServiceGroupConfigurer(SalesforceSessions sessions,
			SalesforceWebClientFactory webClients) {
		return (groups) -> groups.filter(SalesforceJwtAutoConfiguration::isSalesforceGroup)
			.forEachClient((group, builder) -> webClients.configure(builder,
					SalesforceJwtAutoConfiguration.sessionOf(sessions, group)));
	}

	@Bean
	@ConditionalOnMissingBean(SalesforceRestClients.class)
	SalesforceClients salesforceClients(SalesforceSessions sessions, SalesforceWebClientFactory webClients,
			SalesforceRestClientFactory restClients,
			@Qualifier(SalesforceJwtAutoConfiguration.WEB_CLIENT_BEAN_NAME) ObjectProvider<WebClient> defaultWebClient,
			@Qualifier(SalesforceJwtAutoConfiguration.REST_CLIENT_BEAN_NAME)
			ObjectProvider<RestClient> defaultRestClient, SalesforceOrgs orgs, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SalesforceBulkQueryObservationConvention> bulkQueryObservationConvention) {
		defaultWebClient.ifAvailable((client) -> sessions.session(SalesforceSessions.DEFAULT_ORG)
			.client(WebClient.class, (session) -> client));
		defaultRestClient.ifAvailable((client) -> sessions.session(SalesforceSessions.DEFAULT_ORG)
			.client(RestClient.class, (session) -> client));
		JsonMapper mapper = jsonMapper.getIfAvailable(JsonMapper::shared);
		ObservationRegistry registry = observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP);
		SalesforceBulkQueryObservationConvention convention = bulkQueryObservationConvention.getIfAvailable();
		return new SalesforceClients(sessions, webClients, restClients,
				(session) -> new SalesforceQueries(session.client(WebClient.class, webClients), mapper,
						orgs.properties(session.getOrg()).getApiVersion(), registry, convention, session.getOrg()),
				SalesforceJwtAutoConfiguration.blockingQueries(restClients, orgs, mapper));
	}

	/**
	 * The default org's {@code WebClient}.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(DefaultOrgCondition.class)
	static class DefaultOrgWebClientConfiguration {

		@Bean(name = SalesforceJwtAutoConfiguration.FILTER_BEAN_NAME, defaultCandidate = false)
		@ConditionalOnMissingBean(name = SalesforceJwtAutoConfiguration.FILTER_BEAN_NAME)
		SalesforceJwtExchangeFilterFunction salesforceJwtExchangeFilterFunction(SalesforceTokenManager tokenManager,
				SalesforceWebClientFactory webClients) {
			return webClients.filter(SalesforceSessions.DEFAULT_ORG, tokenManager);
		}

		@Bean(name = SalesforceJwtAutoConfiguration.WEB_CLIENT_BEAN_NAME, defaultCandidate = false)
		@SalesforceClient
		@ConditionalOnMissingBean(name = SalesforceJwtAutoConfiguration.WEB_CLIENT_BEAN_NAME)
		WebClient salesforceWebClient(
				@Qualifier(SalesforceJwtAutoConfiguration.FILTER_BEAN_NAME) ExchangeFilterFunction filter,
				SalesforceTokenManager tokenManager, SalesforceWebClientFactory webClients) {
			return webClients.webClient(filter, tokenManager);
		}

	}

}
