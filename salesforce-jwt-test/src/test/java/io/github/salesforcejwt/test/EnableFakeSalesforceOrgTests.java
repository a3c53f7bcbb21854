package io.github.salesforcejwt.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EnableFakeSalesforceOrg} in a {@link SpringBootTest}.
 */
@SpringBootTest(classes = EnableFakeSalesforceOrgTests.EmptyConfiguration.class,
		properties = "salesforce.jwt.username=overridden@example.com")
@EnableFakeSalesforceOrg(username = "boot@example.com")
class EnableFakeSalesforceOrgTests {

	@Autowired
	private FakeSalesforceOrg org;

	@Autowired
	private Environment environment;

	@Test
	void registersTheOrgAsBean() {
		assertThat(this.org.wireMock().isRunning()).isTrue();
		assertThat(this.org.username()).isEqualTo("boot@example.com");
	}

	@Test
	void putsPropertiesOfTheOrgInTheEnvironmentWithHighestPrecedence() {
		assertThat(this.environment.getProperty("salesforce.jwt.login-url")).isEqualTo(this.org.baseUrl());
		assertThat(this.environment.getProperty("salesforce.jwt.consumer-key")).isEqualTo(this.org.consumerKey());
		assertThat(this.environment.getProperty("salesforce.jwt.username")).isEqualTo("boot@example.com");
		assertThat(this.environment.getProperty("salesforce.jwt.private-key")).isEqualTo(this.org.privateKeyPem());
	}

	@Test
	void acceptsLoginWithThePropertiesOfTheEnvironment() {
		OrgClient client = new OrgClient(this.org);
		assertThat(client.login(JwtAssertions.forOrg(this.org)).statusCode()).isEqualTo(200);
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
