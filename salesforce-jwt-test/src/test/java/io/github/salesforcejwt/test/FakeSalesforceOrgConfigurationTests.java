package io.github.salesforcejwt.test;

import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FakeSalesforceOrgConfiguration}: an application run at development time
 * with {@code SpringApplication.from(...).with(FakeSalesforceOrgConfiguration.class)}.
 */
class FakeSalesforceOrgConfigurationTests {

	@Test
	void runsTheApplicationAgainstTheFakeOrgThroughTheStartersClient() {
		FakeSalesforceOrg org;
		try (ConfigurableApplicationContext context = runDevelopmentApplication()) {
			org = context.getBean(FakeSalesforceOrg.class);
			assertThat(org.wireMock().isRunning()).isTrue();
			assertThat(context.getBean(SalesforceConnectionDetails.class)).isSameAs(org.connectionDetails());
			SalesforceClients clients = context.getBean(SalesforceClients.class);
			assertThat(StarterWithFakeOrgTests.query(clients.webClient()).records())
				.extracting(StarterWithFakeOrgTests.AccountRecord::name)
				.containsExactly("Acme", "Globex", "Initech");
			assertThat(org.loginCount()).isEqualTo(1);
		}
		assertThat(org.wireMock().isRunning()).isFalse();
	}

	@Test
	void replacesTheSalesforcePropertiesOfTheApplication() {
		try (ConfigurableApplicationContext context = runDevelopmentApplication(
				"--salesforce.jwt.consumer-key=3MVG9production", "--salesforce.jwt.username=prod@example.com",
				"--salesforce.jwt.private-key=file:/run/secrets/salesforce-key.pem")) {
			FakeSalesforceOrg org = context.getBean(FakeSalesforceOrg.class);
			SalesforceClients clients = context.getBean(SalesforceClients.class);
			assertThat(StarterWithFakeOrgTests.query(clients.webClient()).records()).hasSize(3);
			assertThat(org.loginCount()).isEqualTo(1);
		}
	}

	private static ConfigurableApplicationContext runDevelopmentApplication(String... args) {
		return SpringApplication.from(DevelopmentApplication::main)
			.with(FakeSalesforceOrgConfiguration.class)
			.run(args)
			.getApplicationContext();
	}

	/**
	 * An application of a user's, with its own {@code main}.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class DevelopmentApplication {

		static void main(String[] args) {
			SpringApplication.run(DevelopmentApplication.class, args);
		}

	}

}
