package io.github.salesforcejwt.test.quickstart;

import java.util.Map;

import io.github.salesforcejwt.SalesforceClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;   // Jackson 3, as in Spring Boot 4

import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The README's Quick start service.
 */
@Service
class AccountService {

	private final WebClient salesforce;

	AccountService(@SalesforceClient WebClient salesforce) {
		this.salesforce = salesforce;
	}

	Mono<JsonNode> accounts() {
		return this.salesforce.get()
			.uri("/services/data/v66.0/query?q={soql}", "SELECT Id, Name FROM Account")
			.retrieve()
			.bodyToMono(JsonNode.class);
	}

	Mono<JsonNode> create(String name) {
		return this.salesforce.post()
			.uri("/services/data/v66.0/sobjects/Account")
			.bodyValue(Map.of("Name", name))
			.retrieve()
			.bodyToMono(JsonNode.class);
	}

}
