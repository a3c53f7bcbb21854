package io.github.salesforcejwt.sample;

import io.github.salesforcejwt.test.FakeSalesforceOrgConfiguration;

import org.springframework.boot.SpringApplication;

/**
 * Runs {@link SampleApplication} at development time against a fake Salesforce org, with
 * or without Salesforce properties: from the IDE, or with
 * {@code ./mvnw -pl sample-app -am spring-boot:test-run} from the repository root.
 */
public class TestSampleApplication {

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).with(FakeSalesforceOrgConfiguration.class).run(args);
	}

}
