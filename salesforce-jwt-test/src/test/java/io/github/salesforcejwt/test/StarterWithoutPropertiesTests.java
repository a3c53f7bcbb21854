package io.github.salesforcejwt.test;

import java.util.Arrays;
import java.util.Objects;

import io.github.salesforcejwt.SalesforceClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with no {@code salesforce.jwt.*} property at all runs against the org of
 * {@link EnableFakeSalesforceOrg @EnableFakeSalesforceOrg}: the starter takes the org's
 * connection details from the bean, and nothing of the org reaches the
 * {@code Environment}.
 */
@SpringBootTest(classes = StarterWithFakeOrgTests.TestApplication.class)
@EnableFakeSalesforceOrg
class StarterWithoutPropertiesTests {

	@Autowired
	private FakeSalesforceOrg org;

	@Autowired
	private SalesforceClients clients;

	@Autowired
	private ConfigurableEnvironment environment;

	@BeforeEach
	void reset() {
		this.org.reset();
	}

	@Test
	void logsInToTheOrgAndQueriesItsAccounts() {
		assertThat(StarterWithFakeOrgTests.query(this.clients.webClient()).records())
			.extracting(StarterWithFakeOrgTests.AccountRecord::name)
			.containsExactly("Acme", "Globex", "Initech");
		assertThat(this.org.loginCount()).isEqualTo(1);
	}

	@Test
	void hasNoSalesforcePropertyAndNothingOfTheOrgInTheEnvironment() {
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				assertThat(enumerable.getPropertyNames()).as(source.getName())
					.noneMatch((name) -> name.startsWith("salesforce."));
				assertThat(Arrays.stream(enumerable.getPropertyNames()).map(enumerable::getProperty))
					.as(source.getName())
					.noneMatch((value) -> Objects.toString(value).contains(this.org.loginUrl())
							|| Objects.toString(value).contains(this.org.instanceUrl()));
			}
		}
	}

}
