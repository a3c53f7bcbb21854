package io.github.salesforcejwt.sample;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Lists and creates Accounts with the Salesforce REST API, through the
 * {@code salesforceWebClient} that salesforce-jwt configures: the URIs are relative, the
 * client sends them to the org's {@code instance_url} with the current access token.
 * <p>
 * Errors are turned into HTTP answers by {@link SalesforceErrorHandler}.
 */
@RestController
@RequestMapping("/accounts")
class AccountsController {

	static final String SOQL = "SELECT Id, Name FROM Account";

	private final WebClient salesforce;

	private final String apiVersion;

	AccountsController(@Qualifier("salesforceWebClient") WebClient salesforce,
			@Value("${salesforce.jwt.api-version:66.0}") String apiVersion) {
		this.salesforce = salesforce;
		this.apiVersion = apiVersion;
	}

	/**
	 * Return the id and name of every Account, following {@code nextRecordsUrl} when
	 * Salesforce answers in several batches.
	 * @return the accounts
	 */
	@GetMapping
	Flux<AccountSummary> accounts() {
		// The SOQL is a URI variable, so WebClient encodes it
		Mono<QueryResult> firstPage = this.salesforce.get()
			.uri("/services/data/v{version}/query?q={soql}", this.apiVersion, SOQL)
			.retrieve()
			.bodyToMono(QueryResult.class);
		return firstPage.expand(this::nextPage)
			.flatMapIterable(QueryResult::records)
			.map((record) -> new AccountSummary(record.id(), record.name()));
	}

	private Mono<QueryResult> nextPage(QueryResult page) {
		if (page.done() || page.nextRecordsUrl() == null) {
			return Mono.empty();
		}
		// Already encoded by Salesforce: used as it is
		return this.salesforce.get().uri(URI.create(page.nextRecordsUrl())).retrieve().bodyToMono(QueryResult.class);
	}

	/**
	 * Create an Account.
	 * @param account the fields of the new account
	 * @return the id Salesforce gave it
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<CreatedAccount> create(@RequestBody NewAccount account) {
		return this.salesforce.post()
			.uri("/services/data/v{version}/sobjects/Account", this.apiVersion)
			.bodyValue(account)
			.retrieve()
			.bodyToMono(SaveResult.class)
			.map((result) -> new CreatedAccount(result.id()));
	}

	/**
	 * An Account as {@code GET /accounts} returns it.
	 * @param id the 18-character record id
	 * @param name the name
	 */
	record AccountSummary(String id, @Nullable String name) {
	}

	/**
	 * The body of {@code POST /accounts}, sent to Salesforce as it is. A missing
	 * {@code Name} is left out, so that Salesforce answers {@code REQUIRED_FIELD_MISSING}.
	 * @param name the name of the account
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record NewAccount(@JsonProperty("Name") @Nullable String name) {
	}

	/**
	 * The answer of {@code POST /accounts}.
	 * @param id the id of the new account
	 */
	record CreatedAccount(String id) {
	}

	/**
	 * Salesforce's answer to a SOQL query.
	 * @param done whether this is the last batch
	 * @param nextRecordsUrl where the next batch is, when not done
	 * @param records the records of this batch
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record QueryResult(boolean done, @Nullable String nextRecordsUrl, List<AccountRecord> records) {
	}

	/**
	 * An Account record in a query result.
	 * @param id the {@code Id} field
	 * @param name the {@code Name} field
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record AccountRecord(@JsonProperty("Id") String id, @JsonProperty("Name") @Nullable String name) {
	}

	/**
	 * Salesforce's answer to creating a record.
	 * @param id the id of the new record
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record SaveResult(String id) {
	}

}
