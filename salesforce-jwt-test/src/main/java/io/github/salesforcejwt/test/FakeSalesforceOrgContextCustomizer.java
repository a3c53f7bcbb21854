package io.github.salesforcejwt.test;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * {@link ContextCustomizer} that starts a {@link FakeSalesforceOrg} for a test's
 * application context and registers it, and its
 * {@link FakeSalesforceOrg#connectionDetails() connection details}, as beans. The
 * {@code Environment} is left as it is. Two customizers are equal when they build the same
 * org, so that the test context cache shares a context between test classes with the same
 * {@link EnableFakeSalesforceOrg} attributes.
 */
final class FakeSalesforceOrgContextCustomizer implements ContextCustomizer {

	static final String ORG_BEAN_NAME = "fakeSalesforceOrg";

	static final String CONNECTION_DETAILS_BEAN_NAME = "fakeSalesforceOrgConnectionDetails";

	private final String consumerKey;

	private final String username;

	private final List<String> preAuthorizedUsers;

	private final String audience;

	FakeSalesforceOrgContextCustomizer(String consumerKey, String username, List<String> preAuthorizedUsers,
			String audience) {
		this.consumerKey = consumerKey;
		this.username = username;
		this.preAuthorizedUsers = List.copyOf(preAuthorizedUsers);
		this.audience = audience;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		FakeSalesforceOrg org = FakeSalesforceOrg.builder()
			.consumerKey(this.consumerKey)
			.username(this.username)
			.preAuthorizedUsers(this.preAuthorizedUsers.toArray(String[]::new))
			.audience(this.audience)
			.start();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(ORG_BEAN_NAME, org);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			// Also stops the org when the context fails to refresh
			registry.registerDisposableBean(ORG_BEAN_NAME, org::close);
		}
		else {
			context.addApplicationListener(new Closer(context, org));
		}
		beanFactory.registerSingleton(CONNECTION_DETAILS_BEAN_NAME, org.connectionDetails());
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (obj == null || getClass() != obj.getClass()) {
			return false;
		}
		FakeSalesforceOrgContextCustomizer other = (FakeSalesforceOrgContextCustomizer) obj;
		return this.consumerKey.equals(other.consumerKey) && this.username.equals(other.username)
				&& this.preAuthorizedUsers.equals(other.preAuthorizedUsers) && this.audience.equals(other.audience);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.consumerKey, this.username, this.preAuthorizedUsers, this.audience);
	}

	/**
	 * Stops the org when its context closes.
	 */
	private static final class Closer implements ApplicationListener<ContextClosedEvent> {

		private final ConfigurableApplicationContext context;

		private final FakeSalesforceOrg org;

		Closer(ConfigurableApplicationContext context, FakeSalesforceOrg org) {
			this.context = context;
			this.org = org;
		}

		@Override
		public void onApplicationEvent(ContextClosedEvent event) {
			if (event.getApplicationContext() == this.context) {
				this.org.close();
			}
		}

	}

}
