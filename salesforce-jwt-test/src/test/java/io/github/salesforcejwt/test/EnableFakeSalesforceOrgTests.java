package io.github.salesforcejwt.test;

import java.util.List;
import java.util.Locale;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EnableFakeSalesforceOrg} in a {@link SpringBootTest}.
 */
@SpringBootTest(classes = EnableFakeSalesforceOrgTests.EmptyConfiguration.class,
		properties = "salesforce.jwt.username=own@example.com")
@EnableFakeSalesforceOrg(username = "boot@example.com")
class EnableFakeSalesforceOrgTests {

	@Autowired
	private FakeSalesforceOrg org;

	@Autowired
	private SalesforceConnectionDetails connectionDetails;

	@Autowired
	private ConfigurableEnvironment environment;

	@Test
	void registersTheOrgAsBean() {
		assertThat(this.org.wireMock().isRunning()).isTrue();
		assertThat(this.org.username()).isEqualTo("boot@example.com");
	}

	@Test
	void registersTheConnectionDetailsOfTheOrgAsBean() {
		assertThat(this.connectionDetails).isSameAs(this.org.connectionDetails());
		assertThat(this.connectionDetails.getLoginUrl()).hasToString(this.org.loginUrl());
		assertThat(this.connectionDetails.getUsername()).isEqualTo("boot@example.com");
	}

	@Test
	void leavesTheEnvironmentAsItIs() {
		assertThat(this.environment.getProperty("salesforce.jwt.username")).isEqualTo("own@example.com");
		assertThat(this.environment.getProperty("salesforce.jwt.login-url")).isNull();
		assertThat(this.environment.getProperty("salesforce.jwt.private-key")).isNull();
		assertThat(this.environment.getPropertySources().stream().map((source) -> source.getName()))
			.noneMatch((name) -> name.toLowerCase(Locale.ROOT).contains("salesforce"));
	}

	@Test
	void acceptsLoginSignedByTheEncoderOfTheConnectionDetails() {
		String assertion = JwtAssertions.sign(this.connectionDetails.getJwtEncoder(),
				JwtAssertions.goodClaims(this.org).audience(List.of(this.connectionDetails.getAudience())));
		assertThat(new OrgClient(this.org).login(assertion).statusCode()).isEqualTo(200);
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
