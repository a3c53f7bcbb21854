package io.github.salesforcejwt.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceJwtAssertionFactory;
import io.github.salesforcejwt.SalesforceSessionFactory;
import io.github.salesforcejwt.SalesforceTokenManager;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.JwtBearerReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.RemoveAuthorizedClientReactiveOAuth2AuthorizationFailureHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The clients under test, all built from the same auto-configured
 * {@code WebClient.Builder} (cloned), so that only the authentication differs.
 */
final class Clients implements AutoCloseable {

	static final String QUERY = SalesforceStub.QUERY_PATH + "?q=SELECT+Id,Name+FROM+Account+LIMIT+1";

	static final String KEY_LOCATION = "classpath:keys/rsa-2048-pkcs8.pem";

	private final SalesforceStub stub;

	private final ConfigurableApplicationContext context;

	private final WebClient.Builder builder;

	Clients(SalesforceStub stub) {
		this.stub = stub;
		this.context = starterContext(stub.loginUrl());
		this.builder = this.context.getBean(WebClient.Builder.class);
	}

	/**
	 * A Spring context with the starter's auto-configuration pointing at the stub, and
	 * any other properties.
	 */
	static ConfigurableApplicationContext starterContext(String loginUrl, String... moreProperties) {
		List<String> properties = new java.util.ArrayList<>(List.of(starterProperties(loginUrl)));
		properties.addAll(List.of(moreProperties));
		return new SpringApplicationBuilder(StarterApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.bannerMode(org.springframework.boot.Banner.Mode.OFF)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	static String[] starterProperties(String loginUrl) {
		return new String[] { "salesforce.jwt.consumer-key=" + SalesforceStub.CONSUMER_KEY,
				"salesforce.jwt.username=" + SalesforceStub.USERNAME, "salesforce.jwt.login-url=" + loginUrl,
				"salesforce.jwt.audience=" + SalesforceStub.AUDIENCE, "salesforce.jwt.private-key=" + KEY_LOCATION,
				"logging.level.io.github.salesforcejwt=WARN" };
	}

	/**
	 * The {@code salesforceWebClient} bean of the starter's auto-configuration; relative
	 * URIs go to the token's {@code instance_url}.
	 */
	WebClient salesforceWebClient() {
		return this.context.getBean("salesforceWebClient", WebClient.class);
	}

	/**
	 * A new {@code salesforceWebClient} with its own, empty {@link SalesforceTokenManager},
	 * built as the auto-configuration builds it (same token client, same defaults), for
	 * cold-start measurements.
	 */
	WebClient freshSalesforceWebClient() {
		return this.context.getBean(SalesforceClients.class)
			.webClient(this.context.getBean(SalesforceSessionFactory.class)
				.create(SalesforceClients.DEFAULT_ORG, this.context.getBean(SalesforceConnectionDetails.class), false));
	}

	/**
	 * The starter's entry point to every org's clients and queries.
	 */
	SalesforceClients salesforceClients() {
		return this.context.getBean(SalesforceClients.class);
	}

	/**
	 * A plain client sending a fixed bearer token, as if it had been obtained out of band.
	 */
	WebClient plainWebClient(String token) {
		return this.builder.clone()
			.baseUrl(this.stub.baseUrl())
			.defaultHeaders((headers) -> headers.setBearerAuth(token))
			.build();
	}

	/**
	 * The {@code salesforceRestClient} bean of the starter's auto-configuration; relative
	 * URIs go to the token's {@code instance_url}.
	 */
	RestClient salesforceRestClient() {
		return this.context.getBean("salesforceRestClient", RestClient.class);
	}

	/**
	 * A plain {@code RestClient} sending a fixed bearer token, built from the same
	 * auto-configured {@code RestClient.Builder} (cloned) as {@code salesforceRestClient}.
	 */
	RestClient plainRestClient(String token) {
		return this.context.getBean(RestClient.Builder.class)
			.clone()
			.baseUrl(this.stub.baseUrl())
			.defaultHeaders((headers) -> headers.setBearerAuth(token))
			.build();
	}

	/**
	 * A plain {@code RestClient} that adds the same fixed bearer token in a
	 * {@code ClientHttpRequestInterceptor} (as the starter adds its token): what an
	 * interceptor costs in Spring's request path, whatever it does.
	 */
	RestClient plainRestClientWithInterceptor(String token) {
		return this.context.getBean(RestClient.Builder.class)
			.clone()
			.baseUrl(this.stub.baseUrl())
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders().setBearerAuth(token);
				return execution.execute(request, body);
			})
			.build();
	}

	static String query(RestClient client) {
		String body = client.get().uri(QUERY).retrieve().body(String.class);
		if (body == null) {
			throw new IllegalStateException("No body");
		}
		return body;
	}

	/**
	 * Spring Security's OAuth2 client for the JWT bearer grant, configured as its reference
	 * documentation shows (a {@code JwtBearerReactiveOAuth2AuthorizedClientProvider} with a
	 * JWT assertion resolver, an {@code AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager}
	 * for use outside a web request, a {@code ServerOAuth2AuthorizedClientExchangeFilterFunction}
	 * with the {@code RemoveAuthorizedClientReactiveOAuth2AuthorizationFailureHandler} its
	 * Javadoc recommends), with its defaults everywhere else. The assertion is the one the starter signs (same
	 * {@link SalesforceJwtAssertionFactory}: iss, sub, aud, exp, same RSA key). Salesforce
	 * sends no {@code instance_url} to it that it would keep, so the base URL is configured.
	 * Each call builds nothing: the returned client is reused; a new one starts cold.
	 */
	WebClient springSecurityWebClient() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("salesforce")
			.clientId(SalesforceStub.CONSUMER_KEY)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
			.tokenUri(this.stub.loginUrl() + SalesforceStub.TOKEN_PATH)
			.build();
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		SalesforceJwtAssertionFactory assertions = new SalesforceJwtAssertionFactory(
				this.context.getBean(SalesforceConnectionDetails.class), Duration.ofSeconds(150), Clock.systemUTC());
		JwtBearerReactiveOAuth2AuthorizedClientProvider provider = new JwtBearerReactiveOAuth2AuthorizedClientProvider();
		provider.setJwtAssertionResolver((context) -> Mono.fromSupplier(() -> assertion(assertions)));
		InMemoryReactiveOAuth2AuthorizedClientService authorizedClients = new InMemoryReactiveOAuth2AuthorizedClientService(
				registrations);
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(provider);
		ServerOAuth2AuthorizedClientExchangeFilterFunction oauth2 = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
				manager);
		oauth2.setDefaultClientRegistrationId("salesforce");
		// Recommended by this constructor's Javadoc, so that a 401 from the API removes the token
		oauth2.setAuthorizationFailureHandler(new RemoveAuthorizedClientReactiveOAuth2AuthorizationFailureHandler(
				(registrationId, principal, attributes) -> authorizedClients.removeAuthorizedClient(registrationId,
						principal.getName())));
		return this.builder.clone().baseUrl(this.stub.baseUrl()).filter(oauth2).build();
	}

	private static Jwt assertion(SalesforceJwtAssertionFactory assertions) {
		String value = assertions.createAssertion();
		Instant now = Instant.now();
		// The provider sends getTokenValue() as the assertion; the claims are for its type only
		return Jwt.withTokenValue(value)
			.header("alg", "RS256")
			.issuer(SalesforceStub.CONSUMER_KEY)
			.subject(SalesforceStub.USERNAME)
			.audience(List.of(SalesforceStub.AUDIENCE))
			.expiresAt(now.plusSeconds(180))
			.build();
	}

	static Mono<String> query(WebClient client) {
		return client.get().uri(QUERY).retrieve().bodyToMono(String.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StarterApplication {

	}

}
