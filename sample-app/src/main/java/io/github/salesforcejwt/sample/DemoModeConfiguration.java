package io.github.salesforcejwt.sample;

import io.github.salesforcejwt.test.FakeSalesforceOrg;
import io.github.salesforcejwt.test.FakeSalesforceOrgConfiguration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Demo mode: when {@code salesforce.jwt.consumer-key} is not configured, the application
 * runs against a fake Salesforce org (salesforce-jwt-test) on {@code 127.0.0.1}, through
 * the same {@link FakeSalesforceOrgConfiguration} that {@code TestSampleApplication} uses
 * at development time: the org is a bean, started and stopped with the application
 * context, and its connection details replace the {@code salesforce.jwt.*} settings. The
 * starter logs in to it exactly as it would to Salesforce: signed assertion, token
 * request, {@code instance_url} routing. Nothing changes the {@code Environment}.
 * <p>
 * A consumer key in {@code application.yml}, a profile, a system property or the
 * environment variable {@code SALESFORCE_JWT_CONSUMER_KEY} turns demo mode off.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DemoModeConfiguration.NoConsumerKeyCondition.class)
@Import(FakeSalesforceOrgConfiguration.class)
class DemoModeConfiguration {

	static final String CONSUMER_KEY = "salesforce.jwt.consumer-key";

	private static final Log logger = LogFactory.getLog(DemoModeConfiguration.class);

	@Bean
	SmartInitializingSingleton demoModeWarning(FakeSalesforceOrg fakeSalesforceOrg) {
		return () -> logger.warn("DEMO MODE: " + CONSUMER_KEY + " is not set, so this application logs in to a FAKE "
				+ "Salesforce org running inside it at " + fakeSalesforceOrg.loginUrl() + " (accounts "
				+ String.join(", ", FakeSalesforceOrg.DEFAULT_ACCOUNT_NAMES)
				+ "; nothing leaves this machine). To use a real org, set SALESFORCE_JWT_CONSUMER_KEY, "
				+ "SALESFORCE_JWT_USERNAME, SALESFORCE_JWT_PRIVATE_KEY (file:/path/to/key.pem or the PEM text) and, "
				+ "for a sandbox or My Domain, SALESFORCE_JWT_LOGIN_URL: see sample-app/README.md.");
	}

	/**
	 * Matches when {@code salesforce.jwt.consumer-key} has no value, in any of its relaxed
	 * forms ({@code SALESFORCE_JWT_CONSUMER_KEY}, ...).
	 */
	static class NoConsumerKeyCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("Salesforce demo mode");
			boolean hasConsumerKey = Binder.get(context.getEnvironment())
				.bind(CONSUMER_KEY, String.class)
				.map(StringUtils::hasText)
				.orElse(false);
			if (hasConsumerKey) {
				return ConditionOutcome.noMatch(message.found("property").items(CONSUMER_KEY));
			}
			return ConditionOutcome.match(message.didNotFind("property").items(CONSUMER_KEY));
		}

	}

}
