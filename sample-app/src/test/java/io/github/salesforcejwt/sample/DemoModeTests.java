package io.github.salesforcejwt.sample;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.test.FakeSalesforceOrg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that {@link DemoModeConfiguration} runs the application against a fake org exactly
 * when no consumer key is configured, by running the application as {@code main} does.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoModeTests {

	@Test
	void runsAgainstAnEmbeddedFakeOrgWithoutConsumerKey(CapturedOutput output) {
		FakeSalesforceOrg org;
		try (ConfigurableApplicationContext context = run(Map.of())) {
			org = context.getBean(FakeSalesforceOrg.class);
			assertThat(org.wireMock().isRunning()).isTrue();
			assertThat(context.getBean(SalesforceConnectionDetails.class)).isSameAs(org.connectionDetails());
			getAccounts(context).expectStatus().isOk();
			assertThat(org.loginCount()).isEqualTo(1);
			assertThat(output).contains("DEMO MODE").contains(org.loginUrl()).contains("SALESFORCE_JWT_CONSUMER_KEY");
		}
		assertThat(org.wireMock().isRunning()).isFalse();
	}

	@Test
	void leavesTheEnvironmentAsItIsInDemoMode() {
		try (ConfigurableApplicationContext context = run(Map.of())) {
			String baseUrl = context.getBean(FakeSalesforceOrg.class).loginUrl();
			assertThat(context.getEnvironment().getProperty("salesforce.jwt.login-url")).isNull();
			context.getEnvironment().getPropertySources().forEach((source) -> {
				if (source instanceof EnumerablePropertySource<?> enumerable) {
					for (String name : enumerable.getPropertyNames()) {
						assertThat(Objects.toString(enumerable.getProperty(name))).as(name).doesNotContain(baseUrl);
					}
				}
			});
		}
	}

	@Test
	void talksToTheConfiguredOrgWhenConsumerKeyIsSet(CapturedOutput output) {
		try (FakeSalesforceOrg configuredOrg = FakeSalesforceOrg.builder().consumerKey("3MVG9configured").start()) {
			try (ConfigurableApplicationContext context = run(configuredOrg.properties())) {
				assertThat(context.getBeanNamesForType(FakeSalesforceOrg.class)).isEmpty();
				getAccounts(context).expectStatus().isOk();
				assertThat(configuredOrg.loginCount()).isEqualTo(1);
				assertThat(output).doesNotContain("DEMO MODE");
			}
		}
	}

	@Test
	void stopsTheDemoOrgWhenTheApplicationFailsToStart() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> new SpringApplicationBuilder(SampleApplication.class, FailingConfiguration.class)
				.properties("server.port=0")
				.run())
			.withStackTraceContaining("The application fails after the demo org started");
		FakeSalesforceOrg org = FailingConfiguration.org.get();
		assertThat(org).as("demo mode started an org").isNotNull();
		URI baseUrl = URI.create(org.loginUrl());
		// Its server is stopped: its threads no longer keep the JVM alive
		assertThat(org.wireMock().isRunning()).isFalse();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> new Socket(baseUrl.getHost(), baseUrl.getPort()).close());
	}

	private static ConfigurableApplicationContext run(Map<String, String> properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.putAll(properties);
		return new SpringApplicationBuilder(SampleApplication.class).properties(defaults).run("--server.port=0");
	}

	private static WebTestClient.ResponseSpec getAccounts(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(60))
			.build()
			.get()
			.uri("/accounts")
			.exchange();
	}

	/**
	 * Makes the application fail to start once the demo org is running. Not a
	 * {@code @Configuration}, so that the application's component scan does not find it.
	 */
	static class FailingConfiguration {

		static final AtomicReference<FakeSalesforceOrg> org = new AtomicReference<>();

		@Bean
		Object failingBean(FakeSalesforceOrg fakeSalesforceOrg) {
			org.set(fakeSalesforceOrg);
			throw new IllegalStateException("The application fails after the demo org started");
		}

	}

}
