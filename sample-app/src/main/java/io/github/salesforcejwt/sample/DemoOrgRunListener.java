package io.github.salesforcejwt.sample;

import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;

import io.github.salesforcejwt.test.FakeSalesforceOrg;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops the demo org when the application fails to start before its context could own
 * it: the org's server threads would otherwise keep the JVM alive after "APPLICATION
 * FAILED TO START". Once the context has started, the context stops the org when it
 * closes. Registered in {@code META-INF/spring.factories}.
 */
public class DemoOrgRunListener implements SpringApplicationRunListener {

	private static final Map<SpringApplication, FakeSalesforceOrg> orgs = new WeakHashMap<>();

	private final SpringApplication application;

	public DemoOrgRunListener(SpringApplication application, String[] args) {
		this.application = application;
	}

	static void started(SpringApplication application, FakeSalesforceOrg org) {
		synchronized (orgs) {
			orgs.put(application, org);
		}
	}

	private @Nullable FakeSalesforceOrg remove() {
		synchronized (orgs) {
			return orgs.remove(this.application);
		}
	}

	@Override
	public void started(ConfigurableApplicationContext context, Duration timeTaken) {
		remove();
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		FakeSalesforceOrg org = remove();
		if (org != null) {
			org.close();
		}
	}

}
