package io.github.salesforcejwt.autoconfigure;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.SalesforceInstanceUriBuilderFactory;
import io.github.salesforcejwt.SalesforceJwtExchangeFilterFunction;
import io.github.salesforcejwt.SalesforceSession;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.SalesforceWebClientCustomizer;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the {@code WebClient} of a session: a clone of the application's
 * {@code WebClient.Builder} with the session's filter and relative URIs expanded against its
 * instance.
 *
 * @author salesforce-jwt
 */
final class SalesforceWebClientFactory implements Function<SalesforceSession, WebClient> {

	private final Supplier<WebClient.Builder> builder;

	private final Supplier<@Nullable ClientHttpConnector> transport;

	private final Supplier<Stream<SalesforceWebClientCustomizer>> customizers;

	private final SalesforceApiUsages apiUsages;

	private final SalesforceInstanceHosts instanceHosts;

	SalesforceWebClientFactory(Supplier<WebClient.Builder> builder, Supplier<@Nullable ClientHttpConnector> transport,
			Supplier<Stream<SalesforceWebClientCustomizer>> customizers, SalesforceApiUsages apiUsages,
			SalesforceInstanceHosts instanceHosts) {
		this.builder = builder;
		this.transport = transport;
		this.customizers = customizers;
		this.apiUsages = apiUsages;
		this.instanceHosts = instanceHosts;
	}

	@Override
	public WebClient apply(SalesforceSession session) {
		return webClient(filter(session.getOrg(), session.getTokenManager()), session.getTokenManager());
	}

	SalesforceJwtExchangeFilterFunction filter(String org, SalesforceTokenManager tokenManager) {
		return new SalesforceJwtExchangeFilterFunction(tokenManager, this.apiUsages.of(org), this.instanceHosts);
	}

	WebClient webClient(ExchangeFilterFunction filter, SalesforceTokenManager tokenManager) {
		WebClient.Builder builder = this.builder.get().clone();
		configure(builder, filter, tokenManager);
		return builder.build();
	}

	/**
	 * Make a builder's clients those of a session, as for the builder of an HTTP service
	 * group.
	 */
	void configure(WebClient.Builder builder, SalesforceSession session) {
		configure(builder, filter(session.getOrg(), session.getTokenManager()), session.getTokenManager());
	}

	private void configure(WebClient.Builder builder, ExchangeFilterFunction filter,
			SalesforceTokenManager tokenManager) {
		// The application's HTTP client settings, idle connections closed (SalesforceConnectors)
		ClientHttpConnector connector = this.transport.get();
		if (connector != null) {
			builder.clientConnector(connector);
		}
		// Relative URIs are built against the instance URL once, as with a base URL
		builder.uriBuilderFactory(new SalesforceInstanceUriBuilderFactory(tokenManager)).filter(filter);
		this.customizers.get().forEach((customizer) -> customizer.customize(builder));
	}

}
