package io.github.salesforcejwt;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SalesforceJwtExchangeFilterFunction}: which requests get the token, once
 * the filter has sent one (when it decides from the instance it already knows) and before.
 */
class SalesforceJwtExchangeFilterFunctionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ScriptedTokenClient client = new ScriptedTokenClient();

	private final SalesforceTokenManager manager = new SalesforceTokenManager(this.client);

	private final SalesforceJwtExchangeFilterFunction filter = new SalesforceJwtExchangeFilterFunction(this.manager,
			null, SalesforceInstanceHosts.salesforceOnly());

	private final List<ClientRequest> sent = new ArrayList<>();

	private final ExchangeFunction server = (request) -> {
		this.sent.add(request);
		return Mono.just(ClientResponse.create(HttpStatus.OK)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.body("{}")
			.build());
	};

	@Test
	void sendsTheTokenToTheInstanceWhateverTheCaseOfItsSchemeAndHost() {
		call("https://acme.my.salesforce.com/services/data");
		assertThat(authorizationOf(call("HTTPS://ACME.My.Salesforce.com/services/data/v66.0/limits")))
			.isEqualTo("Bearer 00D!token-1");
		assertThat(authorizationOf(call("https://acme.my.salesforce.com:443/services/data"))).isEqualTo(
				"Bearer 00D!token-1");
		assertThat(this.client.requests).hasValue(1);
	}

	@Test
	void neverSendsTheTokenWithUserInformationBeforeTheInstanceHost() {
		assertThat(authorizationOf(call("https://acme.my.salesforce.com/services/data"))).isNotNull();
		ClientRequest request = call("https://someone@acme.my.salesforce.com/services/data");
		assertThat(authorizationOf(request)).isNull();
		assertThat(request.url()).hasToString("https://someone@acme.my.salesforce.com/services/data");
	}

	@Test
	void neverSendsTheTokenToAnotherSchemePortOrHostOfTheInstance() {
		call("https://acme.my.salesforce.com/services/data");
		assertThat(authorizationOf(call("http://acme.my.salesforce.com/services/data"))).isNull();
		assertThat(authorizationOf(call("https://acme.my.salesforce.com:8443/services/data"))).isNull();
		assertThat(authorizationOf(call("https://other.my.salesforce.com/services/data"))).isNull();
		assertThat(authorizationOf(call("https://acme.my.salesforce.com.evil.example/services/data"))).isNull();
		assertThat(authorizationOf(call("https://acme.my.salesforce.com/services/data"))).isNotNull();
		assertThat(this.client.requests).hasValue(1);
	}

	@Test
	void sendsTheTokenOverPlainHttpOnlyToALoopbackInstance() {
		SalesforceToken loopback = new SalesforceToken("00D!loopback", URI.create("http://127.0.0.1:8089"), null,
				"api", "Bearer", Instant.now());
		this.client.next(Mono.just(loopback));
		assertThat(authorizationOf(call("http://127.0.0.1:8089/services/data"))).isEqualTo("Bearer 00D!loopback");
		assertThat(authorizationOf(call("http://127.0.0.1:8089/services/data"))).isEqualTo("Bearer 00D!loopback");
		assertThat(authorizationOf(call("http://localhost:8089/services/data"))).isNull();
		assertThat(authorizationOf(call("http://127.0.0.1:8090/services/data"))).isNull();
	}

	@Test
	void sendsNoTokenToAnInstanceThatTheHostRulesRefuse() {
		// A token client of the application's own may name any instance: the filter checks it
		SalesforceToken elsewhere = new SalesforceToken("00D!elsewhere", URI.create("https://api.example.com"), null,
				"api", "Bearer", Instant.now());
		this.client.next(Mono.just(elsewhere));
		// A relative URI is what makes the filter use the token and so know its instance
		assertThat(call("/services/data").url()).hasToString("https://api.example.com/services/data");
		assertThat(authorizationOf(call("https://api.example.com/services/data"))).isNull();
		assertThat(authorizationOf(call("https://API.example.com/services/data"))).isNull();
	}

	@Test
	void sendsTheNewTokenOnceTheManagerHasANewOne() {
		assertThat(authorizationOf(call("https://acme.my.salesforce.com/services/data")))
			.isEqualTo("Bearer 00D!token-1");
		SalesforceToken first = this.manager.getCurrentToken();
		assertThat(first).isNotNull();
		this.manager.renewToken(first).block(TIMEOUT);
		assertThat(authorizationOf(call("https://acme.my.salesforce.com/services/data")))
			.isEqualTo("Bearer 00D!token-2");
	}

	@Test
	void resolvesARelativeUriAgainstTheInstanceWithTheToken() {
		ClientRequest request = call("/services/data/v66.0/query?q=SELECT+Id+FROM+Account");
		assertThat(request.url())
			.hasToString("https://acme.my.salesforce.com/services/data/v66.0/query?q=SELECT+Id+FROM+Account");
		assertThat(authorizationOf(request)).isEqualTo("Bearer 00D!token-1");
	}

	private ClientRequest call(String url) {
		ClientRequest request = ClientRequest.create(HttpMethod.GET, URI.create(url)).build();
		int before = this.sent.size();
		this.filter.filter(request, this.server).block(TIMEOUT);
		assertThat(this.sent).hasSize(before + 1);
		return this.sent.get(before);
	}

	private static @Nullable String authorizationOf(ClientRequest request) {
		return request.headers().getFirst(HttpHeaders.AUTHORIZATION);
	}

}
