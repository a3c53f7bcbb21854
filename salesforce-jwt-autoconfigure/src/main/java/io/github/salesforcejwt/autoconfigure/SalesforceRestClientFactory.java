package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.SalesforceInstanceUriBuilderFactory;
import io.github.salesforcejwt.SalesforceJwtClientHttpRequestInterceptor;
import io.github.salesforcejwt.SalesforceRestClientCustomizer;
import io.github.salesforcejwt.SalesforceSession;
import io.github.salesforcejwt.SalesforceTokenManager;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * Builds the {@code RestClient} of a session: a clone of the application's
 * {@code RestClient.Builder} with the session's interceptor and relative URIs expanded
 * against its instance.
 *
 * @author salesforce-jwt
 */
final class SalesforceRestClientFactory implements Function<SalesforceSession, RestClient> {

	private final Supplier<RestClient.Builder> builder;

	private final Supplier<@Nullable ClientHttpRequestFactory> transport;

	private final Supplier<Stream<SalesforceRestClientCustomizer>> customizers;

	private final SalesforceApiUsages apiUsages;

	private final SalesforceInstanceHosts instanceHosts;

	private final SalesforceOrgs orgs;

	SalesforceRestClientFactory(Supplier<RestClient.Builder> builder, Supplier<@Nullable ClientHttpRequestFactory> transport,
			Supplier<Stream<SalesforceRestClientCustomizer>> customizers, SalesforceApiUsages apiUsages,
			SalesforceInstanceHosts instanceHosts, SalesforceOrgs orgs) {
		this.builder = builder;
		this.transport = transport;
		this.customizers = customizers;
		this.apiUsages = apiUsages;
		this.instanceHosts = instanceHosts;
		this.orgs = orgs;
	}

	@Override
	public RestClient apply(SalesforceSession session) {
		return restClient(interceptor(session.getOrg(), session.getTokenManager()), session.getTokenManager());
	}

	SalesforceJwtClientHttpRequestInterceptor interceptor(String org, SalesforceTokenManager tokenManager) {
		return new SalesforceJwtClientHttpRequestInterceptor(tokenManager, this.apiUsages.of(org), this.instanceHosts,
				loginWait(this.orgs.properties(org).getLogin()));
	}

	RestClient restClient(ClientHttpRequestInterceptor interceptor, SalesforceTokenManager tokenManager) {
		RestClient.Builder builder = this.builder.get().clone();
		configure(builder, interceptor, tokenManager);
		return builder.build();
	}

	/**
	 * Make a builder's clients those of a session, as for the builder of an HTTP service
	 * group.
	 */
	void configure(RestClient.Builder builder, SalesforceSession session) {
		configure(builder, interceptor(session.getOrg(), session.getTokenManager()), session.getTokenManager());
	}

	private void configure(RestClient.Builder builder, ClientHttpRequestInterceptor interceptor,
			SalesforceTokenManager tokenManager) {
		// The application's HTTP client settings, idle connections closed (SalesforceRequestFactories)
		ClientHttpRequestFactory requestFactory = this.transport.get();
		if (requestFactory != null) {
			builder.requestFactory(requestFactory);
		}
		// Relative URIs are built against the instance URL once, as with a base URL
		builder.uriBuilderFactory(new SalesforceInstanceUriBuilderFactory(tokenManager)).requestInterceptor(interceptor);
		this.customizers.get().forEach((customizer) -> customizer.customize(builder));
	}

	/**
	 * How long a blocking caller waits for a login: every attempt with its timeout and the
	 * longest back-off before it, and a margin.
	 */
	static Duration loginWait(SalesforceJwtProperties.Login login) {
		int attempts = Math.max(1, login.getMaxAttempts());
		return login.getTimeout().plus(login.getMaxBackoff()).multipliedBy(attempts).plus(Duration.ofSeconds(5));
	}

}
