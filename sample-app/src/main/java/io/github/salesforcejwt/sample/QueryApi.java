package io.github.salesforcejwt.sample;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/**
 * An HTTP service interface of the Salesforce REST API, imported into the
 * {@code salesforce} group (see {@link SampleApplication}), whose client salesforce-jwt
 * authenticates and points at the org's instance.
 */
interface QueryApi {

	/**
	 * Run a SOQL query and return its first page.
	 * @param soql the query
	 * @return the page: {@code totalSize}, {@code done}, {@code records}
	 */
	@GetExchange("/services/data/v66.0/query")
	Mono<Map<String, Object>> query(@RequestParam("q") String soql);

}
