package io.github.salesforcejwt.autoconfigure;

import java.util.Map;

import io.github.salesforcejwt.SalesforceApiUsage;
import io.github.salesforcejwt.SalesforceClient;
import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.SalesforceJwtExchangeFilterFunction;
import io.github.salesforcejwt.SalesforceLoginObservationConvention;
import io.github.salesforcejwt.SalesforceOrgRepository;
import io.github.salesforcejwt.SalesforceSession;
import io.github.salesforcejwt.SalesforceTokenClient;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.SalesforceWebClientCustomizer;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for calling Salesforce with the OAuth 2.0 JWT bearer flow: a
 * {@link SalesforceClients} bean with a session per org and user, and for the default org
 * its {@link SalesforceTokenManager} and a {@code salesforceWebClient} (not a default
 * candidate: inject it with {@link SalesforceClient @SalesforceClient}) that sends every
 * request to the org's {@code instance_url} with the current token.
 *
 * @author salesforce-jwt
 */
@AutoConfiguration(after = { WebClientAutoConfiguration.class, SslAutoConfiguration.class })
@ConditionalOnClass({ WebClient.class, NimbusJwtEncoder.class })
@ConditionalOnBooleanProperty(name = "salesforce.jwt.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SalesforceJwtProperties.class)
public final class SalesforceJwtAutoConfiguration {

	/**
	 * Name of the {@code WebClient} bean for the default org's API calls.
	 */
	public static final String WEB_CLIENT_BEAN_NAME = "salesforceWebClient";

	/**
	 * Name of the {@code ExchangeFilterFunction} bean that authenticates the default org's
	 * requests.
	 */
	public static final String FILTER_BEAN_NAME = "salesforceJwtExchangeFilterFunction";

	@Bean
	@ConditionalOnMissingBean
	SalesforceInstanceHosts salesforceInstanceHosts(SalesforceJwtProperties properties) {
		return SalesforceJwtSettings.instanceHosts(properties);
	}

	@Bean
	SalesforceOrgs salesforceJwtOrgs(SalesforceJwtProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<SslBundles> sslBundles, ListableBeanFactory beanFactory) {
		return new SalesforceOrgs(properties, resourceLoader, sslBundles.getIfAvailable(),
				(name) -> beanFactory.containsBean(name) && beanFactory.isTypeMatch(name, JwtEncoder.class)
						? beanFactory.getBean(name, JwtEncoder.class) : null);
	}

	@Bean
	@ConditionalOnMissingBean
	SalesforceApiUsage salesforceApiUsage() {
		return new SalesforceApiUsage();
	}

	@Bean
	DefaultSalesforceSessionFactory salesforceSessionFactory(SalesforceOrgs orgs,
			ObjectProvider<WebClient.Builder> webClientBuilder, ApplicationContext context,
			SalesforceInstanceHosts instanceHosts, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SalesforceLoginObservationConvention> observationConvention,
			ObjectProvider<SalesforceWebClientCustomizer> customizers, SalesforceApiUsage apiUsage) {
		// The application's builder (proxy, SSL, timeouts, observations), without the Salesforce
		// filter, and with a connector that never follows a redirect with the assertion
		WebClient.Builder tokenBuilder = webClientBuilder.getIfAvailable(WebClient::builder).clone();
		TokenClientConnector.apply(tokenBuilder, context, context.getClassLoader());
		DefaultSalesforceSessionFactory factory = new DefaultSalesforceSessionFactory(orgs, tokenBuilder.build(),
				() -> webClientBuilder.getIfAvailable(WebClient::builder), customizers::orderedStream, instanceHosts,
				jsonMapper.getIfAvailable(), observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				observationConvention.getIfAvailable());
		factory.useApiUsage(SalesforceClients.DEFAULT_ORG, apiUsage);
		factory.useSessionSharing(SessionSharing.of(orgs, context, context.getClassLoader()));
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	SalesforceClients salesforceClients(SalesforceJwtProperties properties, SalesforceOrgs orgs,
			DefaultSalesforceSessionFactory sessionFactory, ObjectProvider<SalesforceTokenManager> tokenManager,
			ObjectProvider<SalesforceConnectionDetails> connectionDetails,
			@Qualifier(WEB_CLIENT_BEAN_NAME) ObjectProvider<WebClient> webClient,
			ObjectProvider<SalesforceOrgRepository> repository) {
		SalesforceTokenManager defaultManager = tokenManager.getIfUnique();
		WebClient defaultClient = webClient.getIfAvailable();
		SalesforceSession defaultSession = (defaultManager != null && defaultClient != null)
				? new SalesforceSession(SalesforceClients.DEFAULT_ORG, connectionDetails.getIfUnique(), false,
						defaultManager, defaultClient)
				: null;
		Map<String, SalesforceConnectionDetails> named = orgs.named();
		return new SalesforceClients(named, defaultSession, repository.getIfAvailable(), sessionFactory,
				properties.getSessions().getMaxSize());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("salesforce.jwt.validate-on-startup")
	SalesforceLoginOnStartup salesforceLoginOnStartup(SalesforceClients clients, SalesforceOrgs orgs) {
		return new SalesforceLoginOnStartup(clients, orgs);
	}

	/**
	 * The default org: the top-level properties with a username, or the application's
	 * {@link SalesforceConnectionDetails} or {@link SalesforceTokenClient} bean.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(DefaultOrgCondition.class)
	static class DefaultOrgConfiguration {

		@Bean
		@ConditionalOnMissingBean({ SalesforceConnectionDetails.class, SalesforceTokenClient.class })
		SalesforceConnectionDetails salesforceConnectionDetails(SalesforceOrgs orgs) {
			return orgs.defaultOrg();
		}

		@Bean
		@ConditionalOnMissingBean
		SalesforceTokenClient salesforceTokenClient(SalesforceConnectionDetails connectionDetails,
				DefaultSalesforceSessionFactory sessionFactory) {
			return sessionFactory.httpTokenClient(SalesforceClients.DEFAULT_ORG, connectionDetails);
		}

		@Bean
		@ConditionalOnMissingBean
		SalesforceTokenManager salesforceTokenManager(SalesforceTokenClient tokenClient,
				DefaultSalesforceSessionFactory sessionFactory,
				ObjectProvider<SalesforceConnectionDetails> connectionDetails) {
			return sessionFactory.tokenManager(SalesforceClients.DEFAULT_ORG, false, connectionDetails.getIfUnique(),
					sessionFactory.resilient(SalesforceClients.DEFAULT_ORG, tokenClient));
		}

		@Bean(name = FILTER_BEAN_NAME, defaultCandidate = false)
		@ConditionalOnMissingBean(name = FILTER_BEAN_NAME)
		SalesforceJwtExchangeFilterFunction salesforceJwtExchangeFilterFunction(SalesforceTokenManager tokenManager,
				DefaultSalesforceSessionFactory sessionFactory) {
			return sessionFactory.filter(SalesforceClients.DEFAULT_ORG, tokenManager);
		}

		@Bean(name = WEB_CLIENT_BEAN_NAME, defaultCandidate = false)
		@SalesforceClient
		@ConditionalOnMissingBean(name = WEB_CLIENT_BEAN_NAME)
		WebClient salesforceWebClient(@Qualifier(FILTER_BEAN_NAME) ExchangeFilterFunction filter,
				SalesforceTokenManager tokenManager, DefaultSalesforceSessionFactory sessionFactory) {
			return sessionFactory.webClient(filter, tokenManager);
		}

	}

}
