package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.salesforcejwt.SalesforceAuthenticationException;
import io.github.salesforcejwt.SalesforceSessionRefusedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Behaviour of the {@code salesforceWebClient} under load and faults, against WireMock.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8,
		"salesforce.jwt.login.initial-backoff=20ms", "salesforce.jwt.login.max-backoff=50ms",
		"salesforce.jwt.login.cool-down=1m", "salesforce.jwt.login.max-cool-down=5m" })
@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
		@ConfigureWireMock(name = "instance") })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class SalesforceResilienceTests {

	private static final String QUERY_PATH = "/services/data/v66.0/query";

	private static final String CREATE_PATH = "/services/data/v66.0/sobjects/Account";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String NOT_FOR_REST_API = "[{\"message\":\"This session is not valid for use with the "
			+ "REST API\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

	@InjectWireMock("login")
	WireMockServer login;

	@InjectWireMock("instance")
	WireMockServer instance;

	@Autowired
	@Qualifier("salesforceWebClient")
	WebClient webClient;

	@BeforeEach
	void stubApi() {
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer 00D!first"))
			.willReturn(okJson("{\"totalSize\":0,\"records\":[]}")));
	}

	@Test
	void makesExactlyOneLoginFor500ConcurrentFirstRequestsWhileTheTokenEndpointIsSlow() {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.willReturn(SalesforceStubs.token("00D!first", this.instance.baseUrl()).withFixedDelay(500)));
		List<String> results = concurrently(500, this::query);
		assertThat(results).hasSize(500).allSatisfy((body) -> assertThat(body).contains("totalSize"));
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
		this.instance.verify(500, getRequestedFor(urlPathEqualTo(QUERY_PATH)));
	}

	@Test
	void makesExactlyOneNewLoginWhen500ConcurrentRequestsMeetAnEndedSession() {
		stubLogins("00D!first", "00D!second");
		query().block(TIMEOUT);
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer 00D!first"))
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer 00D!second"))
			.willReturn(okJson("{\"totalSize\":2,\"records\":[]}")));
		List<String> results = concurrently(500, this::query);
		assertThat(results).hasSize(500).allSatisfy((body) -> assertThat(body).contains("\"totalSize\":2"));
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
		this.instance.verify(500, getRequestedFor(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization",
				equalTo("Bearer 00D!second")));
		// never revoked: other instances may share the session
		this.login.verify(0, postRequestedFor(urlPathEqualTo("/services/oauth2/revoke")));
		this.instance.verify(0, postRequestedFor(urlPathEqualTo("/services/oauth2/revoke")));
	}

	@Test
	void retriesAPostWithItsJsonBodyOnceWhenTheSessionEnded() {
		stubLogins("00D!first", "00D!second");
		this.instance.stubFor(post(urlPathEqualTo(CREATE_PATH)).withHeader("Authorization", equalTo("Bearer 00D!first"))
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		this.instance.stubFor(post(urlPathEqualTo(CREATE_PATH)).withHeader("Authorization", equalTo("Bearer 00D!second"))
			.willReturn(SalesforceStubs.json(201, "{\"id\":\"001000000000001AAA\",\"success\":true,\"errors\":[]}")));
		String created = this.webClient.post()
			.uri(CREATE_PATH)
			.header("Sforce-Auto-Assign", "FALSE")
			.bodyValue(Map.of("Name", "Acme"))
			.retrieve()
			.bodyToMono(String.class)
			.block(TIMEOUT);
		assertThat(created).contains("001000000000001AAA");
		this.instance.verify(2, postRequestedFor(urlPathEqualTo(CREATE_PATH))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("Sforce-Auto-Assign", equalTo("FALSE"))
			.withRequestBody(equalToJson("{\"Name\":\"Acme\"}")));
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
	}

	@Test
	void anEndpointThatAlwaysRefusesTheSessionCostsTwoLoginsFor400CallsAndTheErrorNamesTheFixes() {
		SalesforceStubs.stubToken(this.login, "00D!any", this.instance.baseUrl());
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(SalesforceStubs.json(401, NOT_FOR_REST_API)));
		for (int call = 1; call <= 400; call++) {
			assertThatExceptionOfType(SalesforceSessionRefusedException.class).isThrownBy(() -> query().block(TIMEOUT))
				.satisfies((ex) -> {
					assertThat(ex.getMessage()).contains("the login works but the API refuses the session")
						.contains("This session is not valid for use with the REST API")
						.contains("'API Enabled' permission")
						.contains("'api' scope")
						.contains("IP restrictions")
						.doesNotContain("00D!any");
					assertThat(ex.getStatusCode()).isEqualTo(401);
					assertThat(ex.getError()).isEqualTo("INVALID_SESSION_ID");
				});
		}
		// The first call logs in, renews once and sends the request again; while renewals pause
		// (login.cool-down, 1 min here), every later call is sent once and logs in no more
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
		this.instance.verify(401, getRequestedFor(urlPathEqualTo(QUERY_PATH)));
	}

	@Test
	void aRequestThatSucceedsEndsThePauseOfRenewals() {
		stubLogins("00D!first", "00D!second", "00D!third");
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(SalesforceStubs.json(401, NOT_FOR_REST_API)));
		assertThatExceptionOfType(SalesforceSessionRefusedException.class).isThrownBy(() -> query().block(TIMEOUT));
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
		// The administrator grants API Enabled: the session of the second login is accepted
		this.instance.resetAll();
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer 00D!second"))
			.willReturn(okJson("{\"totalSize\":0,\"records\":[]}")));
		assertThat(query().block(TIMEOUT)).contains("totalSize");
		// Then the session ends as sessions do: it is renewed at once, without a pause
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer 00D!second"))
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer 00D!third"))
			.willReturn(okJson("{\"totalSize\":3,\"records\":[]}")));
		assertThat(query().block(TIMEOUT)).contains("\"totalSize\":3");
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(3);
	}

	@Test
	void survivesTwoTransientTokenEndpointFailures() {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("faults")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("maintenance"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("faults")
			.whenScenarioStateIs("maintenance")
			.willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "text/html")
				.withBody("<html><body>Down for maintenance</body></html>"))
			.willSetStateTo("up"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("faults")
			.whenScenarioStateIs("up")
			.willReturn(SalesforceStubs.token("00D!first", this.instance.baseUrl())));
		assertThat(query().block(TIMEOUT)).contains("totalSize");
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(3);
	}

	@Test
	void reportsWhatHappenedWhenTransientFailuresOutlastTheAttempts() {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "text/html")
			.withBody("<html>Internal error</html>")));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(() -> query().block(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.isTransient()).isTrue();
				assertThat(ex.getMessage()).contains("HTTP 500").contains("not JSON").contains("text/html");
			});
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(3);
	}

	@Test
	void makesOneTokenRequestWhenSalesforceRefusesTheLoginUnder200ConcurrentRequests() {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.willReturn(SalesforceStubs.error("invalid_grant", "user hasn't approved this consumer")));
		List<Object> outcomes = concurrently(200,
				() -> query().map(Object.class::cast).onErrorResume((ex) -> Mono.just(ex)));
		assertThat(outcomes).hasSize(200).allSatisfy((outcome) -> {
			assertThat(outcome).isInstanceOf(SalesforceAuthenticationException.class);
			SalesforceAuthenticationException ex = (SalesforceAuthenticationException) outcome;
			assertThat(ex.getError()).isEqualTo("invalid_grant");
			assertThat(ex.getErrorDescription()).isEqualTo("user hasn't approved this consumer");
			assertThat(ex.getStatusCode()).isEqualTo(400);
			assertThat(ex.getFix()).contains("Admin approved users are pre-authorized");
		});
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(() -> query().block(TIMEOUT));
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
	}

	@Test
	void doesNotLogInAgainWhenTheApiLimitIsExceeded() {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(SalesforceStubs.json(403,
				"[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));
		assertThatExceptionOfType(WebClientResponseException.Forbidden.class).isThrownBy(() -> query().block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).contains("REQUEST_LIMIT_EXCEEDED"));
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
		this.instance.verify(1, getRequestedFor(urlPathEqualTo(QUERY_PATH)));
	}

	@Test
	void passesOtherErrorsOnWithTheirBodyIntact() {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(SalesforceStubs.json(400,
				"[{\"message\":\"unexpected token: FORM\",\"errorCode\":\"MALFORMED_QUERY\"}]")));
		assertThatExceptionOfType(WebClientResponseException.BadRequest.class).isThrownBy(() -> query().block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).contains("MALFORMED_QUERY"));
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
	}

	@Test
	void passesANonSessionErrorBodyOnByteForByte() {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		byte[] latin1 = "[{\"message\":\"Champ requis manquant: Société\",\"errorCode\":\"REQUIRED_FIELD_MISSING\"}]"
			.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json;charset=ISO-8859-1")
			.withBody(latin1)));
		assertThatExceptionOfType(WebClientResponseException.BadRequest.class).isThrownBy(() -> query().block(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getResponseBodyAsByteArray()).isEqualTo(latin1);
				assertThat(ex.getResponseBodyAsString()).contains("Société");
			});
	}

	@Test
	void passesALargeNonSessionErrorOnAsItIs() {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		String large = "[{\"message\":\"" + "x".repeat(600_000) + "\",\"errorCode\":\"MALFORMED_QUERY\"}]";
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(SalesforceStubs.json(400, large)));
		String body = this.webClient.get()
			.uri(QUERY_PATH + "?q=x")
			.exchangeToMono((response) -> DataBufferUtils.join(response.bodyToFlux(DataBuffer.class))
				.map((buffer) -> {
					String text = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
					DataBufferUtils.release(buffer);
					return response.statusCode().value() + " " + text.length();
				}))
			.block(TIMEOUT);
		assertThat(body).isEqualTo("400 " + large.length());
	}

	@Test
	void sendsRequestsForOtherHostsWithoutLoggingInWhileLoginsFail() {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(SalesforceStubs.token("00D!first", this.instance.baseUrl()))
			.willSetStateTo("refused"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
			.whenScenarioStateIs("refused")
			.willReturn(SalesforceStubs.error("invalid_grant", "user hasn't approved this consumer")));
		this.login.stubFor(get(urlPathEqualTo("/elsewhere")).willReturn(okJson("{}")));
		query().block(TIMEOUT);
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).atPriority(1)
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(() -> query().block(TIMEOUT));
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
		for (int i = 0; i < 5; i++) {
			assertThat(this.webClient.get().uri(this.login.baseUrl() + "/elsewhere").retrieve().bodyToMono(String.class)
				.block(TIMEOUT)).isEqualTo("{}");
		}
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
	}

	@Test
	void doesNotRenewForA400ThatOnlyMentionsTheBulkErrorCode() {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(SalesforceStubs.json(400,
				"[{\"message\":\"No such column 'InvalidSessionId' on entity 'Account'\",\"errorCode\":\"INVALID_FIELD\"}]")));
		assertThatExceptionOfType(WebClientResponseException.BadRequest.class).isThrownBy(() -> query().block(TIMEOUT));
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
	}

	@Test
	void renewsWhenTheBulkApiReportsAnInvalidSession() {
		stubLogins("00D!first", "00D!second");
		String jobPath = "/services/async/66.0/job/750000000000001AAA";
		this.instance.stubFor(get(urlPathEqualTo(jobPath)).withHeader("Authorization", equalTo("Bearer 00D!first"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/xml")
				.withBody("<error><exceptionCode>InvalidSessionId</exceptionCode>"
						+ "<exceptionMessage>Invalid session id</exceptionMessage></error>")));
		this.instance.stubFor(get(urlPathEqualTo(jobPath)).withHeader("Authorization", equalTo("Bearer 00D!second"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml").withBody("<job/>")));
		assertThat(this.webClient.get().uri(jobPath).retrieve().bodyToMono(String.class).block(TIMEOUT))
			.isEqualTo("<job/>");
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
	}

	private void stubLogins(String... tokens) {
		for (int i = 0; i < tokens.length; i++) {
			this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "login " + i)
				.willReturn(SalesforceStubs.token(tokens[i], this.instance.baseUrl()))
				.willSetStateTo((i + 1 < tokens.length) ? "login " + (i + 1) : "login " + i));
		}
	}

	private Mono<String> query() {
		return this.webClient.get()
			.uri(QUERY_PATH + "?q={q}", "SELECT Id FROM Account")
			.retrieve()
			.bodyToMono(String.class);
	}

	private static <T> List<T> concurrently(int count, java.util.function.Supplier<Mono<T>> call) {
		return Flux.range(0, count).flatMap((i) -> call.get(), count).collectList().block(TIMEOUT);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
