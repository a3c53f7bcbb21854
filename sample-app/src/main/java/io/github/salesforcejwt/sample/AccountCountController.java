package io.github.salesforcejwt.sample;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Counts the org's Accounts through the {@link QueryApi} HTTP service interface.
 */
@RestController
class AccountCountController {

	private final QueryApi queries;

	AccountCountController(QueryApi queries) {
		this.queries = queries;
	}

	@GetMapping("/accounts/count")
	Mono<Map<String, Object>> count() {
		return this.queries.query(AccountsController.SOQL).map((page) -> Map.of("totalSize", page.get("totalSize")));
	}

}
