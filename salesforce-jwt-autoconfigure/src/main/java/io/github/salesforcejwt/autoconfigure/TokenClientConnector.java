package io.github.salesforcejwt.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The connector of the token request: the application's HTTP client settings
 * ({@code spring.http.clients.*}: timeouts, SSL bundle) and connector builder (with its
 * customizers, a proxy for instance), but never following a redirect, whatever
 * {@code spring.http.clients.redirects} says. A redirect would post the signed assertion
 * to wherever its {@code Location} points.
 *
 * @author salesforce-jwt
 */
final class TokenClientConnector {

	private static final String CONNECTOR_BUILDER = "org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder";

	private TokenClientConnector() {
	}

	/**
	 * Set a connector that does not follow redirects on the builder, when Spring Boot's
	 * HTTP client support is present; without it, the builder keeps its connector (the
	 * one Spring Framework picks follows redirects as its library does by default:
	 * Reactor Netty's does not).
	 * @param builder the token client's builder
	 * @param beanFactory the bean factory with the application's HTTP client beans
	 * @param classLoader the class loader
	 */
	static void apply(WebClient.Builder builder, ListableBeanFactory beanFactory, ClassLoader classLoader) {
		if (ClassUtils.isPresent(CONNECTOR_BUILDER, classLoader)) {
			builder.clientConnector(Boot.withoutRedirects(beanFactory, classLoader));
		}
	}

	/**
	 * Loaded only when Spring Boot's HTTP client support is present.
	 */
	private static final class Boot {

		static ClientHttpConnector withoutRedirects(ListableBeanFactory beanFactory, ClassLoader classLoader) {
			ClientHttpConnectorBuilder<?> connectorBuilder = beanFactory.getBeanProvider(ClientHttpConnectorBuilder.class)
				.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(classLoader));
			HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
				.getIfAvailable(HttpClientSettings::defaults);
			return connectorBuilder.build(settings.withRedirects(HttpRedirects.DONT_FOLLOW));
		}

	}

}
