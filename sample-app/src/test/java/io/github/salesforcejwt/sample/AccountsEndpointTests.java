package io.github.salesforcejwt.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.salesforcejwt.test.Account;
import io.github.salesforcejwt.test.FakeSalesforceOrg;
import io.github.salesforcejwt.test.LoginError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives {@code /accounts} over HTTP, in demo mode: the sample calls the fake org through
 * the starter (signed login, {@code instance_url} routing, renewal), and the tests look at
 * what the org holds and how often it was asked to log in.
 * <p>
 * The login cool-down is off so that a refused login in one test does not make the next
 * test's login fail at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "salesforce.jwt.login.cool-down=0", "salesforce.jwt.login.max-cool-down=0" })
class AccountsEndpointTests {

	private static final ParameterizedTypeReference<List<Map<String, String>>> ACCOUNTS = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private FakeSalesforceOrg org;

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@BeforeEach
	void setUp() {
		this.org.reset();
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(60))
			.build();
	}

	@Test
	void listsTheAccountsOfTheOrg() {
		List<Map<String, String>> accounts = getAccounts();
		assertThat(accounts).isEqualTo(this.org.accounts()
			.stream()
			.map((account) -> Map.of("id", account.id(), "name", account.name()))
			.toList());
		assertThat(accounts).extracting((account) -> account.get("name"))
			.containsExactly("Acme", "Globex", "Initech");
		assertThat(this.org.loginCount()).isEqualTo(1);
	}

	@Test
	void countsTheAccountsThroughAnHttpServiceInterface() {
		this.client.get()
			.uri("/accounts/count")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.totalSize")
			.isEqualTo(this.org.accounts().size());
		assertThat(this.org.loginCount()).isEqualTo(1);
	}

	@Test
	void exposesTheSalesforceHealthAndMetricsToOperators() {
		getAccounts();
		this.client.get()
			.uri("/actuator/health/salesforce/default")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.details.organizationId").isEqualTo(this.org.orgId())
			.jsonPath("$.details.userId").isEqualTo(this.org.userId());
		String prometheus = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(prometheus).contains("salesforce_jwt_login_seconds_count{")
			.contains("outcome=\"success\"")
			.contains("salesforce_api_usage_max_requests")
			.contains("salesforce_jwt_session_renewals_total");
	}

	@Test
	void sendsTheSoqlEncodedAsQueryParameter() {
		getAccounts();
		this.org.wireMock()
			.verify(getRequestedFor(urlPathEqualTo("/services/data/v66.0/query"))
				.withQueryParam("q", equalTo("SELECT Id, Name FROM Account"))
				.withHeader("Authorization", matching("Bearer .+")));
	}

	@Test
	void createsAnAccountInTheOrg() {
		Map<String, String> created = this.client.post()
			.uri("/accounts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"Name\":\"Initech 2\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, String>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(created).containsOnlyKeys("id");
		assertThat(this.org.accounts()).last().isEqualTo(new Account(created.get("id"), "Initech 2"));
		assertThat(getAccounts()).extracting((account) -> account.get("name")).endsWith("Initech 2");
	}

	@Test
	void logsInOnceForManyRequests() {
		for (int i = 0; i < 10; i++) {
			getAccounts();
		}
		this.client.post()
			.uri("/accounts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"Name\":\"Hooli\"}")
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(this.org.loginCount()).isEqualTo(1);
		assertThat(this.org.apiCallCount()).isEqualTo(11);
	}

	@Test
	void logsInExactlyOnceMoreWhenTheSessionExpires() {
		getAccounts();
		assertThat(this.org.loginCount()).isEqualTo(1);
		this.org.expireSessions();
		assertThat(getAccounts()).hasSize(3);
		assertThat(this.org.loginCount()).isEqualTo(2);
		assertThat(getAccounts()).hasSize(3);
		assertThat(this.org.loginCount()).isEqualTo(2);
	}

	@Test
	void answersBadRequestWithTheMessageOfSalesforceWhenNameIsMissing() {
		this.client.post()
			.uri("/accounts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Required fields are missing: [Name]")
			.jsonPath("$.errorCode")
			.isEqualTo("REQUIRED_FIELD_MISSING")
			.jsonPath("$.fields[0]")
			.isEqualTo("Name");
		assertThat(this.org.accounts()).hasSize(3);
	}

	@Test
	void answersBadGatewayWithTheFixWhenSalesforceRefusesTheLogin() {
		this.org.rejectLogins(LoginError.USER_NOT_APPROVED);
		this.client.get()
			.uri("/accounts")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_grant")
			.jsonPath("$.errorDescription")
			.isEqualTo("user hasn't approved this consumer")
			.jsonPath("$.fix")
			.isNotEmpty()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail).asString().contains("user hasn't approved this consumer"));
		this.org.acceptLogins();
		assertThat(getAccounts()).hasSize(3);
	}

	@Test
	void answersBadGatewayWithTheMessageOfSalesforceWhenSalesforceRefusesTheCall() {
		this.org.wireMock()
			.stubFor(get(urlPathEqualTo("/services/data/v66.0/query")).willReturn(aResponse().withStatus(403)
				.withHeader("Content-Type", "application/json")
				.withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));
		this.client.get()
			.uri("/accounts")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("TotalRequests Limit exceeded.")
			.jsonPath("$.errorCode")
			.isEqualTo("REQUEST_LIMIT_EXCEEDED")
			.jsonPath("$.salesforceStatus")
			.isEqualTo(403);
	}

	@Test
	void followsNextRecordsUrlWhenSalesforceAnswersInBatches() {
		String firstBatch = """
				{"totalSize":2,"done":false,"nextRecordsUrl":"/services/data/v66.0/query/01gFk0000000001-2000",
				 "records":[{"attributes":{"type":"Account"},"Id":"001Fk0000000101IAA","Name":"First"}]}""";
		String secondBatch = """
				{"totalSize":2,"done":true,
				 "records":[{"attributes":{"type":"Account"},"Id":"001Fk0000000102IAA","Name":"Second"}]}""";
		this.org.wireMock().stubFor(get(urlPathEqualTo("/services/data/v66.0/query")).willReturn(okJson(firstBatch)));
		this.org.wireMock()
			.stubFor(get(urlPathEqualTo("/services/data/v66.0/query/01gFk0000000001-2000"))
				.willReturn(okJson(secondBatch)));
		assertThat(getAccounts()).containsExactly(Map.of("id", "001Fk0000000101IAA", "name", "First"),
				Map.of("id", "001Fk0000000102IAA", "name", "Second"));
		this.org.wireMock()
			.verify(getRequestedFor(urlPathEqualTo("/services/data/v66.0/query/01gFk0000000001-2000"))
				.withHeader("Authorization", matching("Bearer .+")));
	}

	private List<Map<String, String>> getAccounts() {
		return this.client.get()
			.uri("/accounts")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ACCOUNTS)
			.returnResult()
			.getResponseBody();
	}

}
