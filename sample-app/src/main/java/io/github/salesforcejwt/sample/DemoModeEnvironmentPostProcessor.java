package io.github.salesforcejwt.sample;

import java.util.LinkedHashMap;

import io.github.salesforcejwt.test.FakeSalesforceOrg;
import org.apache.commons.logging.Log;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Demo mode: when {@code salesforce.jwt.consumer-key} is not configured, starts a
 * {@link FakeSalesforceOrg} (from salesforce-jwt-test) on {@code 127.0.0.1}, puts its
 * {@code salesforce.jwt.*} properties first in the {@code Environment}, registers it as
 * the bean {@value #ORG_BEAN_NAME} and stops it when the application context closes. The
 * starter then logs in to the fake org exactly as it would to Salesforce: signed
 * assertion, token request, {@code instance_url} routing.
 * <p>
 * Runs after {@link ConfigDataEnvironmentPostProcessor}, so a consumer key in
 * {@code application.yml}, a profile, a system property or the environment variable
 * {@code SALESFORCE_JWT_CONSUMER_KEY} turns demo mode off. Registered in
 * {@code META-INF/spring.factories}.
 */
public class DemoModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source with the fake org's properties.
	 */
	public static final String PROPERTY_SOURCE_NAME = "salesforceJwtDemoMode";

	/**
	 * Name of the {@link FakeSalesforceOrg} bean in demo mode.
	 */
	public static final String ORG_BEAN_NAME = "demoSalesforceOrg";

	private static final String CONSUMER_KEY = "salesforce.jwt.consumer-key";

	private final Log logger;

	public DemoModeEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DemoModeEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME) || isConsumerKeyConfigured(environment)) {
			return;
		}
		FakeSalesforceOrg org = FakeSalesforceOrg.start();
		DemoOrgRunListener.started(application, org);
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, new LinkedHashMap<>(org.properties())));
		application.addInitializers(new OrgRegistrar(org));
		this.logger.warn("DEMO MODE: " + CONSUMER_KEY + " is not set, so this application logs in to a FAKE "
				+ "Salesforce org running inside it at " + org.baseUrl() + " (accounts "
				+ String.join(", ", FakeSalesforceOrg.DEFAULT_ACCOUNT_NAMES)
				+ "; nothing leaves this machine). To use a real org, set SALESFORCE_JWT_CONSUMER_KEY, "
				+ "SALESFORCE_JWT_USERNAME, SALESFORCE_JWT_PRIVATE_KEY (file:/path/to/key.pem or the PEM text) and, "
				+ "for a sandbox or My Domain, SALESFORCE_JWT_LOGIN_URL: see sample-app/README.md.");
	}

	private static boolean isConsumerKeyConfigured(ConfigurableEnvironment environment) {
		// Relaxed binding: salesforce.jwt.consumer-key, SALESFORCE_JWT_CONSUMER_KEY, ...
		return Binder.get(environment).bind(CONSUMER_KEY, String.class).map(StringUtils::hasText).orElse(false);
	}

	/**
	 * Registers the org as a bean that is stopped with the context, also when the context
	 * fails to start.
	 */
	private static final class OrgRegistrar implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		private final FakeSalesforceOrg org;

		OrgRegistrar(FakeSalesforceOrg org) {
			this.org = org;
		}

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			beanFactory.registerSingleton(ORG_BEAN_NAME, this.org);
			if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
				registry.registerDisposableBean(ORG_BEAN_NAME, this.org::close);
			}
			else {
				context.addApplicationListener(
						(ApplicationListener<ContextClosedEvent>) (event) -> this.org.close());
			}
		}

	}

}
