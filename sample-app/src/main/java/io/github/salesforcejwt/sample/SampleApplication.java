package io.github.salesforcejwt.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sample application: {@code GET /accounts} and {@code POST /accounts} against a Salesforce
 * org, logged in with the JWT bearer flow by salesforce-jwt. Without
 * {@code salesforce.jwt.consumer-key} it runs in demo mode against an embedded fake org
 * (see {@link DemoModeConfiguration}).
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
