package io.github.salesforcejwt.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * The request factory of the token request over {@code RestClient}: the application's HTTP
 * client settings ({@code spring.http.clients.*}) and request factory builder, but never
 * following a redirect, whatever {@code spring.http.clients.redirects} says. A redirect
 * would post the signed assertion to wherever its {@code Location} points.
 *
 * @author salesforce-jwt
 * @see TokenClientConnector
 */
final class TokenClientRequestFactory {

	private static final String FACTORY_BUILDER = "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder";

	private TokenClientRequestFactory() {
	}

	/**
	 * Set a request factory that does not follow redirects on the builder, when Spring
	 * Boot's HTTP client support is present.
	 * @param builder the token client's builder
	 * @param beanFactory the bean factory with the application's HTTP client beans
	 * @param classLoader the class loader
	 */
	static void apply(RestClient.Builder builder, ListableBeanFactory beanFactory, ClassLoader classLoader) {
		if (ClassUtils.isPresent(FACTORY_BUILDER, classLoader)) {
			builder.requestFactory(Boot.withoutRedirects(beanFactory));
		}
	}

	/**
	 * Loaded only when Spring Boot's HTTP client support is present.
	 */
	private static final class Boot {

		static ClientHttpRequestFactory withoutRedirects(ListableBeanFactory beanFactory) {
			ClientHttpRequestFactoryBuilder<?> factoryBuilder = beanFactory
				.getBeanProvider(ClientHttpRequestFactoryBuilder.class)
				.getIfAvailable(ClientHttpRequestFactoryBuilder::detect);
			HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
				.getIfAvailable(HttpClientSettings::defaults);
			return factoryBuilder.build(settings.withRedirects(HttpRedirects.DONT_FOLLOW));
		}

	}

}
