package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.salesforcejwt.SalesforceClient;
import io.github.salesforcejwt.SalesforceSessionRefusedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The promises both client paths keep, written once and run against the
 * {@code salesforceWebClient} and the {@code salesforceRestClient}: one login for many
 * concurrent first calls (on virtual threads where the JVM has them), one renewal when the
 * session ends under load, a POST replayed with its body, two attempts at most, no login
 * for a 403, no token for another host, and both clients of one org sharing one login.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8,
		"salesforce.jwt.login.cool-down=1m", "salesforce.jwt.login.max-cool-down=5m" })
@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
		@ConfigureWireMock(name = "instance"), @ConfigureWireMock(name = "elsewhere") })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class ClientPathsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String QUERY_PATH = "/services/data/v66.0/query";

	private static final String CREATE_PATH = "/services/data/v66.0/sobjects/Account";

	@InjectWireMock("login")
	WireMockServer login;

	@InjectWireMock("instance")
	WireMockServer instance;

	@InjectWireMock("elsewhere")
	WireMockServer elsewhere;

	@Autowired
	@SalesforceClient
	WebClient webClient;

	@Autowired
	@SalesforceClient
	RestClient restClient;

	enum Path {

		WEB_CLIENT, REST_CLIENT

	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void makesOneLoginFor500ConcurrentFirstCalls(Path path) throws Exception {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.willReturn(SalesforceStubs.token("00D!first", this.instance.baseUrl()).withFixedDelay(300)));
		stubQuery("00D!first");
		assertThat(concurrently(500, () -> fetch(path, QUERY_PATH))).hasSize(500).containsOnly("{\"totalSize\":0}");
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void renewsOnceWhen500ConcurrentCallsMeetAnEndedSession(Path path) throws Exception {
		stubLogins("00D!first", "00D!second");
		stubQuery("00D!second");
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer 00D!first"))
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		assertThat(concurrently(500, () -> fetch(path, QUERY_PATH))).hasSize(500).containsOnly("{\"totalSize\":0}");
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void replaysAPostWithItsBodyIntactAfterARenewal(Path path) {
		stubLogins("00D!first", "00D!second");
		this.instance.stubFor(post(urlPathEqualTo(CREATE_PATH)).withHeader("Authorization", equalTo("Bearer 00D!first"))
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		this.instance.stubFor(post(urlPathEqualTo(CREATE_PATH)).withHeader("Authorization", equalTo("Bearer 00D!second"))
			.willReturn(SalesforceStubs.json(201, "{\"id\":\"001000000000001AAA\",\"success\":true}")));
		assertThat(create(path, CREATE_PATH, "{\"Name\":\"Acme \\u00e9\"}")).contains("001000000000001AAA");
		assertThat(this.instance.findAll(postRequestedFor(urlPathEqualTo(CREATE_PATH)).withRequestBody(
				equalToJson("{\"Name\":\"Acme \\u00e9\"}"))))
			.hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void triesTwiceThenPausesRenewalsWhenTheApiAlwaysRefusesTheSession(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!any", this.instance.baseUrl());
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(SalesforceStubs.json(401,
				"[{\"message\":\"This session is not valid for use with the REST API\","
						+ "\"errorCode\":\"INVALID_SESSION_ID\"}]")));
		for (int call = 0; call < 3; call++) {
			assertThat(catchThrowable(() -> fetch(path, QUERY_PATH)))
				.isInstanceOf(SalesforceSessionRefusedException.class)
				.hasMessageContaining("the login works but the API refuses the session")
				.hasMessageContaining("'API Enabled' permission");
		}
		// Two attempts and two logins for the first call; one attempt and no login for each next
		assertThat(this.instance.findAll(getRequestedFor(urlPathEqualTo(QUERY_PATH)))).hasSize(4);
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void neverLogsInForA403(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(SalesforceStubs.json(403,
				"[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));
		assertThat(status(catchThrowable(() -> fetch(path, QUERY_PATH)))).isEqualTo(403);
		assertThat(status(catchThrowable(() -> fetch(path, QUERY_PATH)))).isEqualTo(403);
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void neverSendsTheTokenToAnotherHost(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubQuery("00D!first");
		this.elsewhere.stubFor(get(urlPathEqualTo("/other")).willReturn(okJson("{}")));
		fetch(path, QUERY_PATH);
		assertThat(fetch(path, this.elsewhere.baseUrl() + "/other")).isEqualTo("{}");
		assertThat(this.elsewhere.findAll(getRequestedFor(urlPathEqualTo("/other"))))
			.singleElement()
			.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void sharesOneLoginWithTheOtherClientOfTheSameOrg(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubQuery("00D!first");
		fetch(path, QUERY_PATH);
		fetch((path == Path.WEB_CLIENT) ? Path.REST_CLIENT : Path.WEB_CLIENT, QUERY_PATH);
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
	}

	private String fetch(Path path, String uri) {
		return switch (path) {
			case WEB_CLIENT -> this.webClient.get().uri(uri).retrieve().bodyToMono(String.class).block(TIMEOUT);
			case REST_CLIENT -> this.restClient.get().uri(uri).retrieve().body(String.class);
		};
	}

	private String create(Path path, String uri, String json) {
		return switch (path) {
			case WEB_CLIENT -> this.webClient.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(json)
				.retrieve()
				.bodyToMono(String.class)
				.block(TIMEOUT);
			case REST_CLIENT -> this.restClient.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_JSON)
				.body(json)
				.retrieve()
				.body(String.class);
		};
	}

	private static int status(Throwable failure) {
		if (failure instanceof WebClientResponseException ex) {
			return ex.getStatusCode().value();
		}
		if (failure instanceof RestClientResponseException ex) {
			return ex.getStatusCode().value();
		}
		throw new AssertionError("Not an HTTP error answer", failure);
	}

	private void stubQuery(String token) {
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer " + token))
			.willReturn(okJson("{\"totalSize\":0}")));
	}

	private void stubLogins(String first, String second) {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(SalesforceStubs.token(first, this.instance.baseUrl()))
			.willSetStateTo("second"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
			.whenScenarioStateIs("second")
			.willReturn(SalesforceStubs.token(second, this.instance.baseUrl())));
	}

	/**
	 * Run calls at once, each on its own thread: a virtual thread where the JVM has them
	 * (21 and later), a platform thread on 17.
	 */
	private static List<String> concurrently(int count, Callable<String> call) throws Exception {
		ExecutorService executor = threadPerTask(count);
		try {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(executor.submit(call));
			}
			List<String> results = new ArrayList<>();
			for (Future<String> future : futures) {
				results.add(future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static ExecutorService threadPerTask(int count) {
		try {
			return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			return Executors.newFixedThreadPool(count);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
