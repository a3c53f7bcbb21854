package io.github.salesforcejwt.autoconfigure;

import java.time.Clock;

import io.github.salesforcejwt.SalesforceApiUsage;
import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.SalesforceInstanceUriBuilderFactory;
import io.github.salesforcejwt.SalesforceJwtAssertionFactory;
import io.github.salesforcejwt.SalesforceJwtExchangeFilterFunction;
import io.github.salesforcejwt.SalesforceLoginObservationConvention;
import io.github.salesforcejwt.SalesforceLoginPolicy;
import io.github.salesforcejwt.SalesforceTokenClient;
import io.github.salesforcejwt.SalesforceTokenClients;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.SalesforceWebClientCustomizer;
import io.github.salesforcejwt.WebClientSalesforceTokenClient;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

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
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for calling Salesforce with the OAuth
 * 2.0 JWT bearer flow: a {@link SalesforceTokenManager} and a {@code salesforceWebClient}
 * that sends every request to the org's {@code instance_url} with the current token.
 *
 * @author salesforce-jwt
 */
@AutoConfiguration(after = { WebClientAutoConfiguration.class, SslAutoConfiguration.class })
@ConditionalOnClass({ WebClient.class, NimbusJwtEncoder.class })
@ConditionalOnBooleanProperty(name = "salesforce.jwt.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SalesforceJwtProperties.class)
public final class SalesforceJwtAutoConfiguration {

	/**
	 * Name of the {@code WebClient} bean for Salesforce API calls.
	 */
	public static final String WEB_CLIENT_BEAN_NAME = "salesforceWebClient";

	/**
	 * Name of the {@code ExchangeFilterFunction} bean that authenticates requests.
	 */
	public static final String FILTER_BEAN_NAME = "salesforceJwtExchangeFilterFunction";

	@Bean
	@ConditionalOnMissingBean
	SalesforceTokenManager salesforceTokenManager(SalesforceJwtProperties properties,
			SalesforceTokenClient tokenClient, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SalesforceLoginObservationConvention> observationConvention) {
		SalesforceJwtProperties.Login login = properties.getLogin();
		SalesforceLoginPolicy policy = new SalesforceLoginPolicy(login.getTimeout(), login.getMaxAttempts(),
				login.getInitialBackoff(), login.getMaxBackoff(), login.getCoolDown(), login.getMaxCoolDown());
		SalesforceTokenClient resilient = SalesforceTokenClients.resilient(tokenClient, policy,
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				observationConvention.getIfAvailable(), "default", Clock.systemUTC());
		SalesforceTokenManager manager = new SalesforceTokenManager(resilient, "org 'default'");
		manager.setTokenTimeToLive(properties.getTokenTimeToLive());
		return manager;
	}

	@Bean(name = FILTER_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_BEAN_NAME)
	SalesforceJwtExchangeFilterFunction salesforceJwtExchangeFilterFunction(SalesforceTokenManager tokenManager,
			SalesforceApiUsage apiUsage) {
		return new SalesforceJwtExchangeFilterFunction(tokenManager, apiUsage);
	}

	@Bean
	@ConditionalOnMissingBean
	SalesforceInstanceHosts salesforceInstanceHosts(SalesforceJwtProperties properties) {
		return SalesforceJwtSettings.instanceHosts(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	SalesforceApiUsage salesforceApiUsage() {
		return new SalesforceApiUsage();
	}

	@Bean(name = WEB_CLIENT_BEAN_NAME)
	@ConditionalOnMissingBean(name = WEB_CLIENT_BEAN_NAME)
	WebClient salesforceWebClient(ObjectProvider<WebClient.Builder> webClientBuilder,
			@Qualifier(FILTER_BEAN_NAME) ExchangeFilterFunction filter, SalesforceTokenManager tokenManager,
			ObjectProvider<SalesforceWebClientCustomizer> customizers) {
		// Relative URIs are built against the instance URL once, as with a base URL
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder)
			.clone()
			.uriBuilderFactory(new SalesforceInstanceUriBuilderFactory(tokenManager))
			.filter(filter);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("salesforce.jwt.validate-on-startup")
	SalesforceLoginOnStartup salesforceLoginOnStartup(SalesforceJwtProperties properties,
			SalesforceTokenManager tokenManager) {
		return new SalesforceLoginOnStartup(tokenManager, SalesforceJwtSettings.tokenUri(properties),
				SalesforceLoginOnStartup.timeout(properties.getLogin()));
	}

	/**
	 * The login itself: only when the application does not bring its own
	 * {@link SalesforceTokenClient} (which then needs no key here).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(SalesforceTokenClient.class)
	static class TokenClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SalesforceJwtAssertionFactory salesforceJwtAssertionFactory(SalesforceJwtProperties properties,
				ResourceLoader resourceLoader, ObjectProvider<SslBundles> sslBundles) {
			SalesforceJwtSettings settings = SalesforceJwtSettings.of(properties, resourceLoader,
					sslBundles.getIfAvailable());
			return new SalesforceJwtAssertionFactory(settings.consumerKey(), settings.username(), settings.audience(),
					properties.getAssertionLifetime(), settings.signingKey(), Clock.systemUTC());
		}

		@Bean
		SalesforceTokenClient salesforceTokenClient(SalesforceJwtProperties properties,
				SalesforceJwtAssertionFactory assertionFactory, ObjectProvider<WebClient.Builder> webClientBuilder,
				SalesforceInstanceHosts instanceHosts, ObjectProvider<JsonMapper> jsonMapper,
				ApplicationContext context) {
			// The application's builder (proxy, SSL, timeouts, observations), without the Salesforce
			// filter, and with a connector that never follows a redirect with the assertion
			WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder).clone();
			TokenClientConnector.apply(builder, context, context.getClassLoader());
			WebClient webClient = builder.build();
			// Reads with its own codecs: a strict, bounded copy of the application's JSON mapper
			return new WebClientSalesforceTokenClient(webClient, SalesforceJwtSettings.tokenUri(properties),
					assertionFactory, instanceHosts, jsonMapper.getIfAvailable());
		}

	}

}
