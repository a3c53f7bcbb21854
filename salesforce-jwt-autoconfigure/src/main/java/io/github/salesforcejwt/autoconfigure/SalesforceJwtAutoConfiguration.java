package io.github.salesforcejwt.autoconfigure;

import java.util.function.Function;

import io.github.salesforcejwt.RestClientSalesforceTokenClient;
import io.github.salesforcejwt.SalesforceApiUsage;
import io.github.salesforcejwt.SalesforceBlockingQueries;
import io.github.salesforcejwt.SalesforceBulkQueryObservationConvention;
import io.github.salesforcejwt.SalesforceClient;
import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceGrpcCredentials;
import io.github.salesforcejwt.SalesforceHttpServiceGroups;
import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.SalesforceJwtClientHttpRequestInterceptor;
import io.github.salesforcejwt.SalesforceJwtExchangeFilterFunction;
import io.github.salesforcejwt.SalesforceLoginObservationConvention;
import io.github.salesforcejwt.SalesforceOrgRepository;
import io.github.salesforcejwt.SalesforceQueries;
import io.github.salesforcejwt.SalesforceRestClientCustomizer;
import io.github.salesforcejwt.SalesforceRestClients;
import io.github.salesforcejwt.SalesforceSession;
import io.github.salesforcejwt.SalesforceSessions;
import io.github.salesforcejwt.SalesforceTokenClient;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.SalesforceWebClientCustomizer;
import io.github.salesforcejwt.WebClientSalesforceTokenClient;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for calling Salesforce with the OAuth 2.0 JWT bearer flow: the
 * {@link SalesforceSessions} of every org and user, the entry points to their clients
 * ({@link SalesforceClients} where WebFlux is present, else {@link SalesforceRestClients}),
 * and for the default org its {@link SalesforceTokenManager}, a {@code salesforceRestClient}
 * and, with WebFlux, a {@code salesforceWebClient}. The clients are not default candidates:
 * inject them with {@link SalesforceClient @SalesforceClient}.
 *
 * @author salesforce-jwt
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
		afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration" })
@ConditionalOnClass({ NimbusJwtEncoder.class, Mono.class, RestClient.class })
@ConditionalOnBooleanProperty(name = "salesforce.jwt.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SalesforceJwtProperties.class)
public final class SalesforceJwtAutoConfiguration {

	/**
	 * Name of the {@code WebClient} bean for the default org's API calls.
	 */
	public static final String WEB_CLIENT_BEAN_NAME = "salesforceWebClient";

	/**
	 * Name of the {@code ExchangeFilterFunction} bean that authenticates the default org's
	 * {@code WebClient} requests.
	 */
	public static final String FILTER_BEAN_NAME = "salesforceJwtExchangeFilterFunction";

	/**
	 * Name of the {@code RestClient} bean for the default org's API calls.
	 */
	public static final String REST_CLIENT_BEAN_NAME = "salesforceRestClient";

	/**
	 * Name of the {@code ClientHttpRequestInterceptor} bean that authenticates the default
	 * org's {@code RestClient} requests; add it to any {@code RestClient} of your own.
	 */
	public static final String INTERCEPTOR_BEAN_NAME = "salesforceJwtClientHttpRequestInterceptor";

	private static final String WEB_CLIENT = "org.springframework.web.reactive.function.client.WebClient";

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
	SalesforceApiUsages salesforceApiUsages(SalesforceApiUsage defaultOrg) {
		return new SalesforceApiUsages(defaultOrg);
	}

	@Bean
	DefaultSalesforceSessionFactory salesforceSessionFactory(SalesforceOrgs orgs, SalesforceTokenTransport transport,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SalesforceLoginObservationConvention> observationConvention, ApplicationContext context) {
		DefaultSalesforceSessionFactory factory = new DefaultSalesforceSessionFactory(orgs, transport,
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				observationConvention.getIfAvailable());
		factory.useSessionSharing(SessionSharing.of(orgs, context, context.getClassLoader()));
		return factory;
	}

	@Bean
	SalesforceRestClientFactory salesforceRestClientFactory(ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<SalesforceRestClientCustomizer> customizers, SalesforceApiUsages apiUsages,
			SalesforceInstanceHosts instanceHosts, SalesforceOrgs orgs, ApplicationContext context) {
		return new SalesforceRestClientFactory(() -> restClientBuilder.getIfAvailable(RestClient::builder),
				SingletonSupplier.ofNullable(() -> SalesforceRequestFactories.forApi(context, context.getClassLoader())),
				customizers::orderedStream, apiUsages, instanceHosts, orgs);
	}

	@Bean
	@ConditionalOnMissingBean
	SalesforceSessions salesforceSessions(SalesforceJwtProperties properties, SalesforceOrgs orgs,
			DefaultSalesforceSessionFactory sessionFactory, ObjectProvider<SalesforceTokenManager> tokenManager,
			ObjectProvider<SalesforceConnectionDetails> connectionDetails,
			ObjectProvider<SalesforceOrgRepository> repository) {
		SalesforceTokenManager defaultManager = tokenManager.getIfUnique();
		SalesforceSession defaultSession = (defaultManager != null) ? new SalesforceSession(
				SalesforceSessions.DEFAULT_ORG, connectionDetails.getIfUnique(), false, defaultManager) : null;
		return new SalesforceSessions(orgs.named(), defaultSession, repository.getIfAvailable(), sessionFactory,
				properties.getSessions().getMaxSize());
	}

	@Bean
	@ConditionalOnMissingBean(SalesforceRestClients.class)
	@ConditionalOnMissingClass(WEB_CLIENT)
	SalesforceRestClients salesforceRestClients(SalesforceSessions sessions, SalesforceRestClientFactory restClients,
			@Qualifier(REST_CLIENT_BEAN_NAME) ObjectProvider<RestClient> defaultRestClient, SalesforceOrgs orgs,
			ObjectProvider<JsonMapper> jsonMapper) {
		defaultRestClient.ifAvailable((client) -> sessions.session(SalesforceSessions.DEFAULT_ORG)
			.client(RestClient.class, (session) -> client));
		return new SalesforceRestClients(sessions, restClients,
				blockingQueries(restClients, orgs, jsonMapper.getIfAvailable(JsonMapper::shared)));
	}

	static Function<SalesforceSession, SalesforceBlockingQueries> blockingQueries(
			SalesforceRestClientFactory restClients, SalesforceOrgs orgs, JsonMapper jsonMapper) {
		return (session) -> new SalesforceBlockingQueries(session.client(RestClient.class, restClients), jsonMapper,
				orgs.properties(session.getOrg()).getApiVersion());
	}

	@Bean
	RestClientHttpServiceGroupConfigurer salesforceRestClientHttpServiceGroupConfigurer(SalesforceSessions sessions,
			SalesforceRestClientFactory restClients) {
		return (groups) -> groups.filter(SalesforceJwtAutoConfiguration::isSalesforceGroup)
			.forEachClient((group, builder) -> restClients.configure(builder, sessionOf(sessions, group)));
	}

	static boolean isSalesforceGroup(HttpServiceGroup group) {
		return SalesforceHttpServiceGroups.orgOf(group.name()) != null;
	}

	static SalesforceSession sessionOf(SalesforceSessions sessions, HttpServiceGroup group) {
		String org = SalesforceHttpServiceGroups.orgOf(group.name());
		return sessions.session((org != null) ? org : SalesforceSessions.DEFAULT_ORG);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("salesforce.jwt.validate-on-startup")
	SalesforceLoginOnStartup salesforceLoginOnStartup(SalesforceSessions sessions, SalesforceOrgs orgs) {
		return new SalesforceLoginOnStartup(sessions, orgs);
	}

	/**
	 * The connection pool of the Salesforce clients and their logins, where Reactor Netty
	 * is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.netty.resources.ConnectionProvider")
	static class ConnectionPoolConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SalesforceConnectionPool salesforceConnectionPool(SalesforceJwtProperties properties) {
			return new SalesforceConnectionPool(properties.getConnections().getMaxIdleTime());
		}

	}

	/**
	 * The login over {@code WebClient}, where WebFlux is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	static class WebClientTokenTransportConfiguration {

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
	@ConditionalOnMissingClass(WEB_CLIENT)
	static class RestClientTokenTransportConfiguration {

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
			return sessionFactory.httpTokenClient(SalesforceSessions.DEFAULT_ORG, connectionDetails);
		}

		@Bean
		@ConditionalOnMissingBean
		SalesforceTokenManager salesforceTokenManager(SalesforceTokenClient tokenClient,
				DefaultSalesforceSessionFactory sessionFactory,
				ObjectProvider<SalesforceConnectionDetails> connectionDetails) {
			return sessionFactory.tokenManager(SalesforceSessions.DEFAULT_ORG, false, connectionDetails.getIfUnique(),
					sessionFactory.resilient(SalesforceSessions.DEFAULT_ORG, tokenClient));
		}

		@Bean(name = INTERCEPTOR_BEAN_NAME, defaultCandidate = false)
		@ConditionalOnMissingBean(name = INTERCEPTOR_BEAN_NAME)
		SalesforceJwtClientHttpRequestInterceptor salesforceJwtClientHttpRequestInterceptor(
				SalesforceTokenManager tokenManager, SalesforceRestClientFactory restClients) {
			return restClients.interceptor(SalesforceSessions.DEFAULT_ORG, tokenManager);
		}

		@Bean(name = REST_CLIENT_BEAN_NAME, defaultCandidate = false)
		@SalesforceClient
		@ConditionalOnMissingBean(name = REST_CLIENT_BEAN_NAME)
		RestClient salesforceRestClient(@Qualifier(INTERCEPTOR_BEAN_NAME) ClientHttpRequestInterceptor interceptor,
				SalesforceTokenManager tokenManager, SalesforceRestClientFactory restClients) {
			return restClients.restClient(interceptor, tokenManager);
		}

		/**
		 * The default org's gRPC credentials, where grpc-java is present.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "io.grpc.CallCredentials")
		static class GrpcConfiguration {

			@Bean
			@ConditionalOnMissingBean
			SalesforceGrpcCredentials salesforceGrpcCredentials(SalesforceTokenManager tokenManager) {
				return SalesforceGrpcCredentials.of(tokenManager);
			}

		}

	}

	/**
	 * The {@code WebClient}s, where WebFlux is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	static class WebClientConfiguration {

		@Bean
		SalesforceWebClientFactory salesforceWebClientFactory(ObjectProvider<WebClient.Builder> webClientBuilder,
				ObjectProvider<SalesforceWebClientCustomizer> customizers, SalesforceApiUsages apiUsages,
				SalesforceInstanceHosts instanceHosts, ApplicationContext context) {
			return new SalesforceWebClientFactory(() -> webClientBuilder.getIfAvailable(WebClient::builder),
					SingletonSupplier.ofNullable(() -> SalesforceConnectors.forApi(context, context.getClassLoader())),
					customizers::orderedStream, apiUsages, instanceHosts);
		}

		@Bean
		WebClientHttpServiceGroupConfigurer salesforceWebClientHttpServiceGroupConfigurer(SalesforceSessions sessions,
				SalesforceWebClientFactory webClients) {
			return (groups) -> groups.filter(SalesforceJwtAutoConfiguration::isSalesforceGroup)
				.forEachClient((group, builder) -> webClients.configure(builder, sessionOf(sessions, group)));
		}

		@Bean
		@ConditionalOnMissingBean(SalesforceRestClients.class)
		SalesforceClients salesforceClients(SalesforceSessions sessions, SalesforceWebClientFactory webClients,
				SalesforceRestClientFactory restClients,
				@Qualifier(WEB_CLIENT_BEAN_NAME) ObjectProvider<WebClient> defaultWebClient,
				@Qualifier(REST_CLIENT_BEAN_NAME) ObjectProvider<RestClient> defaultRestClient, SalesforceOrgs orgs,
				ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<ObservationRegistry> observationRegistry,
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
							orgs.properties(session.getOrg()).getApiVersion(), registry, convention,
							session.getOrg()),
					blockingQueries(restClients, orgs, mapper));
		}

		/**
		 * The default org's {@code WebClient}.
		 */
		@Configuration(proxyBeanMethods = false)
		@Conditional(DefaultOrgCondition.class)
		static class DefaultOrgWebClientConfiguration {

			@Bean(name = FILTER_BEAN_NAME, defaultCandidate = false)
			@ConditionalOnMissingBean(name = FILTER_BEAN_NAME)
			SalesforceJwtExchangeFilterFunction salesforceJwtExchangeFilterFunction(
					SalesforceTokenManager tokenManager, SalesforceWebClientFactory webClients) {
				return webClients.filter(SalesforceSessions.DEFAULT_ORG, tokenManager);
			}

			@Bean(name = WEB_CLIENT_BEAN_NAME, defaultCandidate = false)
			@SalesforceClient
			@ConditionalOnMissingBean(name = WEB_CLIENT_BEAN_NAME)
			WebClient salesforceWebClient(@Qualifier(FILTER_BEAN_NAME) ExchangeFilterFunction filter,
					SalesforceTokenManager tokenManager, SalesforceWebClientFactory webClients) {
				return webClients.webClient(filter, tokenManager);
			}

		}

	}

}
