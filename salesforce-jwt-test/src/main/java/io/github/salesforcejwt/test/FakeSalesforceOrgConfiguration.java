package io.github.salesforcejwt.test;

import io.github.salesforcejwt.SalesforceConnectionDetails;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Configuration that runs an application against a {@link FakeSalesforceOrg}: the org is
 * a bean, started with the application context and stopped when it closes, and its
 * {@link FakeSalesforceOrg#connectionDetails() connection details} are a
 * {@link SalesforceConnectionDetails} bean, which replaces the application's
 * {@code salesforce.jwt.*} settings of the default org.
 * <p>
 * Use it to run your application at development time against the fake org, the way
 * Spring Boot runs an application against Testcontainers: add a {@code main} method to a
 * class in {@code src/test/java},
 * <pre class="code">
 * public class TestMyApplication {
 *
 *     public static void main(String[] args) {
 *         SpringApplication.from(MyApplication::main).with(FakeSalesforceOrgConfiguration.class).run(args);
 *     }
 *
 * }
 * </pre> and run it from your IDE, or with {@code ./mvnw spring-boot:test-run}. The
 * application logs in to the fake org exactly as it would to Salesforce (signed assertion,
 * token request, {@code instance_url} routing) and needs no Salesforce property.
 * <p>
 * To run against an org with settings of your own (users, accounts), define a
 * {@code FakeSalesforceOrg} bean and a {@code SalesforceConnectionDetails} bean from it in
 * a configuration of your own, as this one does. In a test, use
 * {@link EnableFakeSalesforceOrg @EnableFakeSalesforceOrg} instead, whose org is shared by
 * the test classes of a cached context.
 *
 * @see SpringApplication#from
 */
@TestConfiguration(proxyBeanMethods = false)
public final class FakeSalesforceOrgConfiguration {

	@Bean
	FakeSalesforceOrg fakeSalesforceOrg() {
		return FakeSalesforceOrg.start();
	}

	@Bean
	SalesforceConnectionDetails fakeSalesforceOrgConnectionDetails(FakeSalesforceOrg fakeSalesforceOrg) {
		return fakeSalesforceOrg.connectionDetails();
	}

}
