package io.github.salesforcejwt.autoconfigure;

import java.util.function.Function;

import io.github.salesforcejwt.SalesforceApiUsage;
import io.github.salesforcejwt.SalesforceBlockingQueries;
import io.github.salesforcejwt.SalesforceClient;
import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceHttpServiceGroups;
import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.SalesforceLoginObservationConvention;
import io.github.salesforcejwt.SalesforceOrgRepository;
import io.github.salesforcejwt.SalesforceRestClientCustomizer;
import io.github.salesforcejwt.SalesforceRestClients;
import io.github.salesforcejwt.SalesforceSession;
import io.github.salesforcejwt.SalesforceSessions;
import io.github.salesforcejwt.SalesforceTokenManager;
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
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for calling Salesforce with the OAuth 2.0 JWT bearer flow: the
 * {@link SalesforceSessions} of every org and user, the entry points to their clients
 * ({@link SalesforceClients} where WebFlux is present, else {@link SalesforceRestClients}),
 * and for the default org its {@link SalesforceTokenManager}, a {@code salesforceRestClient}
 * and, with WebFlux, a {@code salesforceWebClient}. The clients are not default candidates:
 * inject them with {@link SalesforceClient @SalesforceClient}.
 * <p>
 * The login's transport ({@link TokenTransportConfiguration}), the default org
 * ({@link DefaultOrgConfiguration}) and the {@code WebClient}s
 * ({@link WebClientConfiguration}) are configured by the classes it imports.
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
@Import({ WebClientConfiguration.class, DefaultOrgConfiguration.class,
		TokenTransportConfiguration.RestClientTransport.class, TokenTransportConfiguration.WebClientTransport.class })
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

	/**
	 * The {@code WebClient} class, by name, for what applies only without WebFlux.
	 */
	static final String WEB_CLIENT = "org.springframework.web.reactive.function.client.WebClient";

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
				SingletonSupplier.of(() -> SalesforceRequestFactories.forApi(context, context.getClassLoader())),
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

}
