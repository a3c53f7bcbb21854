package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * The connectors of the Salesforce {@code WebClient}s and of their logins: what the
 * application's own clients get (its connector builder, with its customizers, and its
 * {@code spring.http.clients.*} settings: timeouts, SSL bundle, proxy), with their
 * connections {@linkplain IdleConnectionCloser closed} once idle for longer than
 * {@code salesforce.jwt.connections.max-idle-time} when the library is Reactor Netty. The
 * login's never follows a redirect, whatever {@code spring.http.clients.redirects} says: a
 * redirect would post the signed assertion to wherever its {@code Location} points.
 *
 * @author salesforce-jwt
 * @see SalesforceRequestFactories
 */
final class SalesforceConnectors {

	private static final String CONNECTOR_BUILDER = "org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder";

	private static final String REACTOR_NETTY = "reactor.netty.http.client.HttpClient";

	private SalesforceConnectors() {
	}

	/**
	 * Return the connector of the token request, or {@code null} without Spring Boot's HTTP
	 * client support (the builder then keeps the connector Spring Framework picks, which
	 * follows redirects as its library does by default: Reactor Netty's does not).
	 * @param beanFactory the bean factory with the application's HTTP client beans
	 * @param classLoader the class loader
	 * @return the connector, or {@code null}
	 */
	static @Nullable ClientHttpConnector forLogin(ListableBeanFactory beanFactory, ClassLoader classLoader) {
		return ClassUtils.isPresent(CONNECTOR_BUILDER, classLoader) ? Boot.connector(beanFactory, classLoader, true)
				: null;
	}

	/**
	 * Return the connector of the API calls, or {@code null} without Spring Boot's HTTP
	 * client support.
	 * @param beanFactory the bean factory with the application's HTTP client beans
	 * @param classLoader the class loader
	 * @return the connector, or {@code null}
	 */
	static @Nullable ClientHttpConnector forApi(ListableBeanFactory beanFactory, ClassLoader classLoader) {
		return ClassUtils.isPresent(CONNECTOR_BUILDER, classLoader) ? Boot.connector(beanFactory, classLoader, false)
				: null;
	}

	/**
	 * Loaded only when Spring Boot's HTTP client support is present.
	 */
	private static final class Boot {

		static ClientHttpConnector connector(ListableBeanFactory beanFactory, ClassLoader classLoader,
				boolean withoutRedirects) {
			ClientHttpConnectorBuilder<?> connectorBuilder = beanFactory.getBeanProvider(ClientHttpConnectorBuilder.class)
				.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(classLoader));
			HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
				.getIfAvailable(HttpClientSettings::defaults);
			Duration maxIdleTime = beanFactory.getBeanProvider(SalesforceJwtProperties.class)
				.getIfAvailable(SalesforceJwtProperties::new)
				.getConnections()
				.getMaxIdleTime();
			if (ClassUtils.isPresent(REACTOR_NETTY, classLoader)) {
				connectorBuilder = Reactor.closingIdleConnections(connectorBuilder, maxIdleTime);
			}
			return connectorBuilder.build(withoutRedirects ? settings.withRedirects(HttpRedirects.DONT_FOLLOW) : settings);
		}

	}

	/**
	 * Loaded only when Reactor Netty is present.
	 */
	private static final class Reactor {

		static ClientHttpConnectorBuilder<?> closingIdleConnections(ClientHttpConnectorBuilder<?> connectorBuilder,
				Duration maxIdleTime) {
			if (connectorBuilder instanceof ReactorClientHttpConnectorBuilder reactor) {
				return reactor.withHttpClientCustomizer((client) -> IdleConnectionCloser.apply(client, maxIdleTime));
			}
			return connectorBuilder;
		}

	}

}
