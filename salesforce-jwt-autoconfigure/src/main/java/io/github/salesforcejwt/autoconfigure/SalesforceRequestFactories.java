package io.github.salesforcejwt.autoconfigure;

import org.apache.hc.core5.util.TimeValue;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.ClassUtils;

/**
 * The request factories of the Salesforce {@code RestClient}s and of their logins: what
 * the application's own clients get (its request factory builder and its
 * {@code spring.http.clients.*} settings), with their connections closed once idle for
 * longer than {@code salesforce.jwt.connections.max-idle-time} when the library is Reactor
 * Netty ({@link IdleConnectionCloser}) or Apache HttpClient (its idle connection evictor).
 * The login's never follows a redirect, whatever {@code spring.http.clients.redirects}
 * says.
 *
 * @author salesforce-jwt
 * @see SalesforceConnectors
 */
final class SalesforceRequestFactories {

	private static final String FACTORY_BUILDER = "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder";

	private static final String REACTOR_NETTY = "reactor.netty.http.client.HttpClient";

	private static final String HTTP_COMPONENTS = "org.apache.hc.client5.http.impl.classic.HttpClientBuilder";

	private SalesforceRequestFactories() {
	}

	/**
	 * Return the request factory of the token request, or {@code null} without Spring
	 * Boot's HTTP client support.
	 * @param beanFactory the bean factory with the application's HTTP client beans
	 * @param classLoader the class loader
	 * @return the request factory, or {@code null}
	 */
	static @Nullable ClientHttpRequestFactory forLogin(ListableBeanFactory beanFactory, ClassLoader classLoader) {
		return ClassUtils.isPresent(FACTORY_BUILDER, classLoader) ? Boot.requestFactory(beanFactory, classLoader, true)
				: null;
	}

	/**
	 * Return the request factory of the API calls, or {@code null} without Spring Boot's
	 * HTTP client support.
	 * @param beanFactory the bean factory with the application's HTTP client beans
	 * @param classLoader the class loader
	 * @return the request factory, or {@code null}
	 */
	static @Nullable ClientHttpRequestFactory forApi(ListableBeanFactory beanFactory, ClassLoader classLoader) {
		return ClassUtils.isPresent(FACTORY_BUILDER, classLoader) ? Boot.requestFactory(beanFactory, classLoader, false)
				: null;
	}

	/**
	 * Loaded only when Spring Boot's HTTP client support is present.
	 */
	private static final class Boot {

		static ClientHttpRequestFactory requestFactory(ListableBeanFactory beanFactory, ClassLoader classLoader,
				boolean withoutRedirects) {
			ClientHttpRequestFactoryBuilder<?> factoryBuilder = beanFactory
				.getBeanProvider(ClientHttpRequestFactoryBuilder.class)
				.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(classLoader));
			HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
				.getIfAvailable(HttpClientSettings::defaults);
			Duration maxIdleTime = beanFactory.getBeanProvider(SalesforceJwtProperties.class)
				.getIfAvailable(SalesforceJwtProperties::new)
				.getConnections()
				.getMaxIdleTime();
			if (ClassUtils.isPresent(REACTOR_NETTY, classLoader)) {
				factoryBuilder = Reactor.closingIdleConnections(factoryBuilder, maxIdleTime);
			}
			if (ClassUtils.isPresent(HTTP_COMPONENTS, classLoader)) {
				factoryBuilder = HttpComponents.closingIdleConnections(factoryBuilder, maxIdleTime);
			}
			return factoryBuilder.build(withoutRedirects ? settings.withRedirects(HttpRedirects.DONT_FOLLOW) : settings);
		}

	}

	/**
	 * Loaded only when Reactor Netty is present.
	 */
	private static final class Reactor {

		static ClientHttpRequestFactoryBuilder<?> closingIdleConnections(ClientHttpRequestFactoryBuilder<?> factoryBuilder,
				Duration maxIdleTime) {
			if (factoryBuilder instanceof ReactorClientHttpRequestFactoryBuilder reactor) {
				return reactor.withHttpClientCustomizer((client) -> IdleConnectionCloser.apply(client, maxIdleTime));
			}
			return factoryBuilder;
		}

	}

	/**
	 * Loaded only when Apache HttpClient is present.
	 */
	private static final class HttpComponents {

		static ClientHttpRequestFactoryBuilder<?> closingIdleConnections(
				ClientHttpRequestFactoryBuilder<?> factoryBuilder, Duration maxIdleTime) {
			if (factoryBuilder instanceof HttpComponentsClientHttpRequestFactoryBuilder builder) {
				// Its evictor looks every so often for connections idle longer than that: at half
				// the maximum, none stays idle longer than the maximum
				TimeValue evictAfter = TimeValue.ofMilliseconds(Math.max(1, maxIdleTime.toMillis() / 2));
				return builder.withHttpClientCustomizer((client) -> client.evictIdleConnections(evictAfter));
			}
			return factoryBuilder;
		}

	}

}
