package io.github.salesforcejwt.sample;

import io.github.salesforcejwt.SalesforceHttpServiceGroups;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Sample application: {@code GET /accounts}, {@code POST /accounts} and
 * {@code GET /accounts/count}
 * (through the HTTP service interface {@link QueryApi}) against a Salesforce
 * org, logged in with the JWT bearer flow by salesforce-jwt. Without
 * {@code salesforce.jwt.consumer-key} it runs in demo mode against an embedded fake org
 * (see {@link DemoModeConfiguration}).
 */
@SpringBootApplication
@ImportHttpServices(group = SalesforceHttpServiceGroups.DEFAULT_GROUP, types = QueryApi.class,
		clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
