package io.github.salesforcejwt.test;

import java.util.Collections;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link FakeSalesforceOrgContextCustomizerFactory} and
 * {@link FakeSalesforceOrgContextCustomizer}.
 */
class FakeSalesforceOrgContextCustomizerFactoryTests {

	private final FakeSalesforceOrgContextCustomizerFactory factory = new FakeSalesforceOrgContextCustomizerFactory();

	@Test
	void createsNoCustomizerWithoutAnnotation() {
		assertThat(createCustomizer(NotAnnotated.class)).isNull();
	}

	@Test
	void createsEqualCustomizersForEqualAttributes() {
		ContextCustomizer first = createCustomizer(DefaultOrg.class);
		ContextCustomizer second = createCustomizer(AnotherDefaultOrg.class);
		assertThat(first).isNotNull().isEqualTo(second);
		assertThat(first).hasSameHashCodeAs(second);
	}

	@Test
	void createsDifferentCustomizersForDifferentAttributes() {
		assertThat(createCustomizer(DefaultOrg.class)).isNotEqualTo(createCustomizer(SandboxOrg.class));
	}

	@Test
	void createsDifferentCustomizersForDifferentPreAuthorizedUsers() {
		assertThat(createCustomizer(DefaultOrg.class)).isNotEqualTo(createCustomizer(TeamOrg.class));
		assertThat(createCustomizer(TeamOrg.class)).isEqualTo(createCustomizer(AnotherTeamOrg.class))
			.hasSameHashCodeAs(createCustomizer(AnotherTeamOrg.class));
	}

	@Test
	void findsAnnotationOnSuperclass() {
		assertThat(createCustomizer(InheritsDefaultOrg.class)).isEqualTo(createCustomizer(DefaultOrg.class));
	}

	@Test
	void registersTheOrgAndItsConnectionDetailsAndStopsTheOrgWhenTheContextCloses() {
		ContextCustomizer customizer = createCustomizer(DefaultOrg.class);
		FakeSalesforceOrg org;
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			customizer.customizeContext(context, mock(MergedContextConfiguration.class));
			context.refresh();
			org = context.getBean(FakeSalesforceOrg.class);
			assertThat(org.wireMock().isRunning()).isTrue();
			assertThat(context.getBean(SalesforceConnectionDetails.class)).isSameAs(org.connectionDetails());
			assertThat(context.getEnvironment().getProperty("salesforce.jwt.login-url")).isNull();
		}
		assertThat(org.wireMock().isRunning()).isFalse();
	}

	private ContextCustomizer createCustomizer(Class<?> testClass) {
		return this.factory.createContextCustomizer(testClass, Collections.emptyList());
	}

	static class NotAnnotated {

	}

	@EnableFakeSalesforceOrg
	static class DefaultOrg {

	}

	@EnableFakeSalesforceOrg
	static class AnotherDefaultOrg {

	}

	static class InheritsDefaultOrg extends DefaultOrg {

	}

	@EnableFakeSalesforceOrg(audience = "https://test.salesforce.com")
	static class SandboxOrg {

	}

	@EnableFakeSalesforceOrg(preAuthorizedUsers = "analyst@example.com")
	static class TeamOrg {

	}

	@EnableFakeSalesforceOrg(preAuthorizedUsers = "analyst@example.com")
	static class AnotherTeamOrg {

	}

}
