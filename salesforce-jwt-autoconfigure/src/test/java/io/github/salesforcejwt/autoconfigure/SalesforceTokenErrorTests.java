package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.salesforcejwt.SalesforceAuthenticationException;
import io.github.salesforcejwt.SalesforceLoginError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How answers of the token endpoint that are not a usable token reach the caller. The
 * cool-down is off so that each call asks the token endpoint.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8,
		"salesforce.jwt.login.cool-down=0s", "salesforce.jwt.login.max-cool-down=0s",
		"salesforce.jwt.login.initial-backoff=5ms", "salesforce.jwt.login.max-backoff=5ms" })
@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
		@ConfigureWireMock(name = "elsewhere") })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class SalesforceTokenErrorTests {

	private static final String LIMITS_PATH = "/services/data/v66.0/limits";

	@InjectWireMock("login")
	WireMockServer login;

	@InjectWireMock("elsewhere")
	WireMockServer elsewhere;

	@Autowired
	@Qualifier("salesforceWebClient")
	WebClient webClient;

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			invalid_grant         | user hasn't approved this consumer                 | USER_NOT_APPROVED
			invalid_app_access    | user is not admin approved to access this app      | NOT_ADMIN_APPROVED
			invalid_grant         | invalid assertion                                  | INVALID_ASSERTION
			invalid_grant         | expired authorization code                         | EXPIRED_ASSERTION
			invalid_grant         | audience is invalid                                | INVALID_AUDIENCE
			invalid_grant         | Audience validation failed                         | INVALID_AUDIENCE
			invalid_client_id     | client identifier invalid                          | INVALID_CLIENT_ID
			app_not_found         | External client app is not installed in this org   | APP_NOT_FOUND
			invalid_grant         | login rate exceeded                                | LOGIN_RATE_EXCEEDED
			unsupported_grant_type| grant type not supported                           | UNSUPPORTED_GRANT_TYPE
			invalid_grant         | authentication failure                             | OTHER_INVALID_GRANT
			""")
	void surfacesEachSalesforceLoginErrorWithItsFix(String error, String description, SalesforceLoginError known) {
		stubTokenEndpoint(SalesforceStubs.error(error, description));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call).satisfies((ex) -> {
			assertThat(ex.getStatusCode()).isEqualTo(400);
			assertThat(ex.getError()).isEqualTo(error);
			assertThat(ex.getErrorDescription()).isEqualTo(description);
			assertThat(ex.getFix()).isEqualTo(known.getFix());
			assertThat(ex.isTransient()).isFalse();
			assertThat(ex.getMessage()).contains(error, description, known.getFix());
		});
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
	}

	@Test
	void namesAnUnknownErrorWithoutInventingAFix() {
		stubTokenEndpoint(SalesforceStubs.error("invalid_request", "something new"));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call).satisfies((ex) -> {
			assertThat(ex.getError()).isEqualTo("invalid_request");
			assertThat(ex.getFix()).isNull();
			assertThat(ex.getMessage()).contains("HTTP 400 invalid_request (something new)");
		});
	}

	@Test
	void refusesATokenResponseWithoutAccessToken() {
		stubTokenEndpoint(SalesforceStubs.json(200, "{\"instance_url\":\"https://acme.my.salesforce.com\"}"));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("without access_token");
	}

	@Test
	void refusesATokenResponseWithoutInstanceUrl() {
		stubTokenEndpoint(SalesforceStubs.json(200, "{\"access_token\":\"00D!x\",\"token_type\":\"Bearer\"}"));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("without instance_url")
			.withMessageNotContaining("00D!x");
	}

	@Test
	void refusesAnInstanceUrlThatIsNotHttps() {
		stubTokenEndpoint(SalesforceStubs.token("00D!x", "http://acme.my.salesforce.com"));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("instance_url that is not https: http://acme.my.salesforce.com")
			.withMessageNotContaining("00D!x");
	}

	@Test
	void refusesAnAnswerThatIsNotJson() {
		stubTokenEndpoint(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
			.withBody("<html>Salesforce is down for maintenance</html>"));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("not JSON (Content-Type text/html")
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(3);
	}

	@Test
	void doesNotRetryAPageThatIsNotJsonFromAWrongLoginUrl() {
		stubTokenEndpoint(aResponse().withStatus(404).withHeader("Content-Type", "text/html")
			.withBody("<html>Page not found</html>"));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("HTTP 404")
			.satisfies((ex) -> assertThat(ex.isTransient()).isFalse());
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
	}

	@Test
	void retriesSalesforcesOwnUnknownError() {
		stubTokenEndpoint(SalesforceStubs.error("unknown_error", "retry your request"));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(3);
	}

	@Test
	void refusesJsonThatCannotBeRead() {
		stubTokenEndpoint(SalesforceStubs.json(200, "{\"access_token\": "));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("not valid JSON");
	}

	@Test
	void ignoresUnknownFieldsOfTheTokenResponse() {
		stubTokenEndpoint(SalesforceStubs.json(200, "{\"access_token\":\"00D!x\",\"instance_url\":\"" + this.login.baseUrl()
				+ "\",\"api_instance_url\":\"https://api.salesforce.com\",\"something_new\":{\"a\":1}}"));
		this.login.stubFor(get("/ping").willReturn(ok("pong")));
		assertThat(this.webClient.get().uri("/ping").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)))
			.isEqualTo("pong");
	}

	@Test
	void refusesARedirectWithoutPostingTheAssertionToItsLocation() {
		this.elsewhere.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.willReturn(SalesforceStubs.token("00D!elsewhere", this.elsewhere.baseUrl())));
		String elsewhereHost = "127.0.0.1:" + this.elsewhere.port();
		stubTokenEndpoint(aResponse().withStatus(307)
			.withHeader("Location", "http://" + elsewhereHost + SalesforceStubs.TOKEN_PATH + "?session=s3cr3t"));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call).satisfies((ex) -> {
			assertThat(ex.getStatusCode()).isEqualTo(307);
			assertThat(ex.isTransient()).isFalse();
			assertThat(ex.getMessage()).contains("a redirect to host " + elsewhereHost)
				.contains("does not redirect")
				.contains("salesforce.jwt.login-url")
				.doesNotContain("s3cr3t");
		});
		assertThat(this.elsewhere.getAllServeEvents()).isEmpty();
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
	}

	@Test
	void retriesATokenThatCannotBeSentAndCallsWithTheNextGoodOne() {
		// JSON escapes: the token holds a real CR and LF, which no HTTP client may send
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("token")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(SalesforceStubs.token("00D!bad\\r\\nX-Injected: 1", this.login.baseUrl()))
			.willSetStateTo("fixed"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("token")
			.whenScenarioStateIs("fixed")
			.willReturn(SalesforceStubs.token("00D!good", this.login.baseUrl())));
		this.login.stubFor(get(LIMITS_PATH).willReturn(okJson("{}")));
		call();
		this.login.verify(1, getRequestedFor(urlPathEqualTo(LIMITS_PATH)));
		this.login.verify(getRequestedFor(urlPathEqualTo(LIMITS_PATH)).withHeader("Authorization",
				equalTo("Bearer 00D!good")));
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "00D!with space", "00D!tab\\there", "00D!caf\\u00e9", "00D!nul\\u0000" })
	void refusesAndRetriesAnAccessTokenThatCannotBeSentInAHeader(String accessToken) {
		stubTokenEndpoint(SalesforceStubs.token(accessToken, this.login.baseUrl()));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call).satisfies((ex) -> {
			assertThat(ex.isTransient()).isTrue();
			assertThat(ex.getMessage()).contains("an access_token that cannot be sent in an Authorization header")
				.doesNotContain("00D!");
		});
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(3);
	}

	@Test
	void refusesAnAccessTokenLongerThan8KiB() {
		stubTokenEndpoint(SalesforceStubs.token("00D!" + "x".repeat(8 * 1024), this.login.baseUrl()));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("an access_token longer than 8192 characters")
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
	}

	@Test
	void refusesATokenTypeOtherThanBearer() {
		stubTokenEndpoint(SalesforceStubs.json(200, "{\"access_token\":\"00D!x\",\"instance_url\":\""
				+ this.login.baseUrl() + "\",\"token_type\":\"MAC\"}"));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("a token_type that is not Bearer")
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
	}

	@ParameterizedTest
	@ValueSource(strings = { ",\"token_type\":\"bearer\"", ",\"token_type\":\"BEARER\"", "" })
	void acceptsTheBearerTokenTypeInAnyCaseOrNone(String tokenType) {
		stubTokenEndpoint(SalesforceStubs.json(200, "{\"access_token\":\"00D!x\",\"instance_url\":\""
				+ this.login.baseUrl() + "\"" + tokenType + "}"));
		this.login.stubFor(get(LIMITS_PATH).willReturn(okJson("{}")));
		call();
		this.login.verify(getRequestedFor(urlPathEqualTo(LIMITS_PATH)).withHeader("Authorization",
				equalTo("Bearer 00D!x")));
	}

	private void stubTokenEndpoint(ResponseDefinitionBuilder response) {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).willReturn(response));
	}

	private void call() {
		this.webClient.get().uri(LIMITS_PATH).retrieve().bodyToMono(String.class)
			.block(Duration.ofSeconds(30));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
