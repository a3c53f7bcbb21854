package io.github.salesforcejwt.autoconfigure;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.salesforcejwt.SalesforceApiUsage;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.SalesforceInstanceUriBuilderFactory;
import io.github.salesforcejwt.SalesforceJwtAssertionFactory;
import io.github.salesforcejwt.SalesforceJwtExchangeFilterFunction;
import io.github.salesforcejwt.SalesforceLoginObservationConvention;
import io.github.salesforcejwt.SalesforceLoginPolicy;
import io.github.salesforcejwt.SalesforceSession;
import io.github.salesforcejwt.SalesforceSessionFactory;
import io.github.salesforcejwt.SalesforceTokenClient;
import io.github.salesforcejwt.SalesforceTokenClients;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.SalesforceWebClientCustomizer;
import io.github.salesforcejwt.WebClientSalesforceTokenClient;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds every part of a session the same way, for the default org's beans and for the
 * sessions {@code SalesforceClients} creates: the token client with its org's login
 * policy, the token manager, the filter and the {@code WebClient}.
 *
 * @author salesforce-jwt
 */
final class DefaultSalesforceSessionFactory implements SalesforceSessionFactory {

	private final SalesforceOrgs orgs;

	private final WebClient tokenWebClient;

	private final Supplier<WebClient.Builder> webClientBuilder;

	private final Supplier<Stream<SalesforceWebClientCustomizer>> customizers;

	private final SalesforceInstanceHosts instanceHosts;

	private final @Nullable JsonMapper jsonMapper;

	private final ObservationRegistry observationRegistry;

	private final @Nullable SalesforceLoginObservationConvention observationConvention;

	private final Map<String, SalesforceApiUsage> apiUsage = new ConcurrentHashMap<>();

	private final Clock clock = Clock.systemUTC();

	private SessionSharing sessionSharing;

	DefaultSalesforceSessionFactory(SalesforceOrgs orgs,
			WebClient tokenWebClient, Supplier<WebClient.Builder> webClientBuilder,
			Supplier<Stream<SalesforceWebClientCustomizer>> customizers,
			SalesforceInstanceHosts instanceHosts, @Nullable JsonMapper jsonMapper,
			ObservationRegistry observationRegistry,
			@Nullable SalesforceLoginObservationConvention observationConvention) {
		this.orgs = orgs;
		this.tokenWebClient = tokenWebClient;
		this.webClientBuilder = webClientBuilder;
		this.customizers = customizers;
		this.instanceHosts = instanceHosts;
		this.jsonMapper = jsonMapper;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.sessionSharing = new SessionSharing(orgs, null, this.clock);
	}

	@Override
	public SalesforceSession create(String org, SalesforceConnectionDetails connectionDetails, boolean perUser) {
		SalesforceTokenManager tokenManager = tokenManager(org, perUser, connectionDetails,
				tokenClient(org, connectionDetails));
		return new SalesforceSession(org, connectionDetails, perUser, tokenManager,
				webClient(filter(org, tokenManager), tokenManager));
	}

	/**
	 * The token client of a session: the login over HTTP, with the org's retries, timeout,
	 * cool-down and observation around it.
	 */
	SalesforceTokenClient tokenClient(String org, SalesforceConnectionDetails connectionDetails) {
		return resilient(org, httpTokenClient(org, connectionDetails));
	}

	/**
	 * The login over HTTP alone.
	 */
	WebClientSalesforceTokenClient httpTokenClient(String org, SalesforceConnectionDetails connectionDetails) {
		SalesforceJwtAssertionFactory assertionFactory = new SalesforceJwtAssertionFactory(connectionDetails,
				this.orgs.properties(org).getAssertionLifetime(), this.clock);
		return new WebClientSalesforceTokenClient(this.tokenWebClient, connectionDetails.getTokenUri(),
				assertionFactory, this.instanceHosts, this.jsonMapper);
	}

	/**
	 * Wrap a token client in the org's retries, timeout, cool-down and observation.
	 */
	SalesforceTokenClient resilient(String org, SalesforceTokenClient tokenClient) {
		SalesforceJwtProperties.Login login = this.orgs.properties(org).getLogin();
		SalesforceLoginPolicy policy = new SalesforceLoginPolicy(login.getTimeout(), login.getMaxAttempts(),
				login.getInitialBackoff(), login.getMaxBackoff(), login.getCoolDown(), login.getMaxCoolDown());
		return SalesforceTokenClients.resilient(tokenClient, policy, this.observationRegistry,
				this.observationConvention, org, this.clock);
	}

	SalesforceTokenManager tokenManager(String org, boolean perUser,
			@Nullable SalesforceConnectionDetails connectionDetails, SalesforceTokenClient tokenClient) {
		SalesforceTokenManager tokenManager = new SalesforceTokenManager(tokenClient,
				SalesforceSession.describe(org, perUser));
		tokenManager.setTokenTimeToLive(this.orgs.properties(org).getTokenTimeToLive());
		this.sessionSharing.apply(tokenManager, org, perUser, connectionDetails);
		return tokenManager;
	}

	SalesforceJwtExchangeFilterFunction filter(String org, SalesforceTokenManager tokenManager) {
		return new SalesforceJwtExchangeFilterFunction(tokenManager, apiUsage(org), this.instanceHosts);
	}

	WebClient webClient(ExchangeFilterFunction filter, SalesforceTokenManager tokenManager) {
		// Relative URIs are built against the instance URL once, as with a base URL
		WebClient.Builder builder = this.webClientBuilder.get()
			.clone()
			.uriBuilderFactory(new SalesforceInstanceUriBuilderFactory(tokenManager))
			.filter(filter);
		this.customizers.get().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * Return the API usage of an org, shared by all its sessions: the daily allocation is
	 * the org's.
	 */
	SalesforceApiUsage apiUsage(String org) {
		return this.apiUsage.computeIfAbsent(org, (name) -> new SalesforceApiUsage());
	}

	/**
	 * Share sessions and count logins as the given sharing says (the token store and login
	 * budget properties).
	 */
	void useSessionSharing(SessionSharing sessionSharing) {
		this.sessionSharing = sessionSharing;
	}

	/**
	 * Use the given API usage for an org: the default org's is a bean.
	 */
	void useApiUsage(String org, SalesforceApiUsage usage) {
		this.apiUsage.put(org, usage);
	}

}
