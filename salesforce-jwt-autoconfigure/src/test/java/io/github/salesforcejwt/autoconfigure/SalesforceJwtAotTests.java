package io.github.salesforcejwt.autoconfigure;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processes the auto-configuration ahead of time, as {@code spring-boot:process-aot} does,
 * and checks the runtime hints that come out: Spring Boot's for binding
 * {@code salesforce.jwt.*} (nested classes and named orgs included) and the starter's own
 * from {@code aot.factories}.
 */
class SalesforceJwtAotTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, SslAutoConfiguration.class,
				SalesforceJwtAutoConfiguration.class, SalesforceJwtHealthContributorAutoConfiguration.class,
				SalesforceJwtMetricsAutoConfiguration.class));

	@Test
	void bindsEveryPropertyClassThroughBootsHints() {
		RuntimeHints hints = processAheadOfTime();
		assertThat(invokes(SalesforceJwtProperties.class, "setConsumerKey")).accepts(hints);
		assertThat(invokes(SalesforceJwtProperties.class, "getOrgs")).accepts(hints);
		assertThat(invokes(SalesforceJwtProperties.Login.class, "setCoolDown")).accepts(hints);
		assertThat(invokes(SalesforceJwtProperties.Sessions.class, "setMaxSize")).accepts(hints);
		assertThat(invokes(SalesforceJwtProperties.Health.class, "setLoginInterval")).accepts(hints);
		assertThat(invokes(SalesforceOrgProperties.class, "setUsername")).accepts(hints);
		assertThat(invokes(SalesforceOrgProperties.Login.class, "setTimeout")).accepts(hints);
	}

	@Test
	void includesTheStartersOwnHints() {
		RuntimeHints hints = processAheadOfTime();
		for (String answer : new String[] { "TokenResponse", "TokenErrorResponse" }) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of("io.github.salesforcejwt." + answer))
				.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(answer).accepts(hints);
		}
	}

	private static Predicate<RuntimeHints> invokes(Class<?> type, String method) {
		return RuntimeHintsPredicates.reflection().onMethodInvocation(type, method);
	}

	private RuntimeHints processAheadOfTime() {
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "AotTest")), new InMemoryGeneratedFiles());
		this.runner.prepare((context) -> new ApplicationContextAotGenerator()
			.processAheadOfTime((GenericApplicationContext) context.getSourceApplicationContext(), generationContext));
		return generationContext.getRuntimeHints();
	}

}
