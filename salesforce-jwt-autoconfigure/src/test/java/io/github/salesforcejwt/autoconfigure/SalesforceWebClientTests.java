package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jwt.SignedJWT;
import io.github.salesforcejwt.SalesforceToken;
import io.github.salesforcejwt.SalesforceTokenManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end behaviour of the auto-configured {@code salesforceWebClient} against WireMock
 * standing in for the login host and for the org's instance.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8 })
@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
		@ConfigureWireMock(name = "instance", baseUrlProperties = "test.instance-url"),
		@ConfigureWireMock(name = "elsewhere", baseUrlProperties = "test.elsewhere-url") })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class SalesforceWebClientTests {

	private static final String QUERY_PATH = "/services/data/v66.0/query";

	@InjectWireMock("login")
	WireMockServer login;

	@InjectWireMock("instance")
	WireMockServer instance;

	@InjectWireMock("elsewhere")
	WireMockServer elsewhere;

	@Autowired
	@Qualifier("salesforceWebClient")
	WebClient webClient;

	@Autowired
	SalesforceTokenManager tokenManager;

	@BeforeEach
	void stubOrg() {
		SalesforceStubs.stubToken(this.login, "00Dtoken!first", this.instance.baseUrl());
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(okJson("{\"totalSize\":0,\"records\":[]}")));
	}

	@Test
	void sendsAssertionThatVerifiesAgainstTheCertificateWithExactlyTheSalesforceClaims() throws Exception {
		Instant before = Instant.now();
		query();
		LoggedRequest tokenRequest = this.login.findAll(postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)))
			.get(0);
		SignedJWT jwt = TestKeys.verifiedAssertion(TestKeys.form(tokenRequest.getBodyAsString()).get("assertion"));
		assertThat(jwt.getHeader().toJSONObject()).containsOnly(Map.entry("alg", "RS256"), Map.entry("typ", "JWT"));
		Map<String, Object> claims = jwt.getPayload().toJSONObject();
		assertThat(claims).containsOnlyKeys("iss", "sub", "aud", "exp");
		assertThat(claims).containsEntry("iss", "3MVG9test.consumer.key")
			.containsEntry("sub", "integration@acme.com")
			.containsEntry("aud", "https://login.salesforce.com");
		long exp = ((Number) claims.get("exp")).longValue();
		// 150 s by default: 30 s of room for a clock ahead of Salesforce's 3-minute limit
		assertThat(exp).isBetween(before.getEpochSecond() + 140, Instant.now().getEpochSecond() + 150);
	}

	@Test
	void postsTheJwtBearerGrantFormEncoded() {
		query();
		LoggedRequest tokenRequest = this.login.findAll(postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)))
			.get(0);
		assertThat(tokenRequest.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(tokenRequest.containsHeader("Authorization")).isFalse();
		Map<String, String> form = TestKeys.form(tokenRequest.getBodyAsString());
		assertThat(form).containsOnlyKeys("grant_type", "assertion")
			.containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
	}

	@Test
	void callsThatWaitedForTheLoginGoOnOffTheThreadThatCompletedIt() {
		// Reactor Netty opens a connection on the event loop that asks for it: calls that all went
		// on on the login's event loop would put every connection of the session on that thread
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.willReturn(SalesforceStubs.token("00Dtoken!first", this.instance.baseUrl()).withFixedDelay(300)));
		Set<String> exchangeThreads = ConcurrentHashMap.newKeySet();
		WebClient recording = this.webClient.mutate().filter((request, next) -> {
			exchangeThreads.add(Thread.currentThread().getName());
			return next.exchange(request);
		}).build();
		List<String> answers = Flux.range(0, 16)
			.flatMap((i) -> recording.get().uri(QUERY_PATH).retrieve().bodyToMono(String.class), 16)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(answers).hasSize(16);
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
		assertThat(exchangeThreads).isNotEmpty().noneMatch((thread) -> thread.startsWith("reactor-http"));
	}

	@Test
	void logsInOnceForManySequentialCallsAndSendsThemToTheInstanceUrl() {
		for (int i = 0; i < 20; i++) {
			query();
		}
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
		this.instance.verify(20, getRequestedFor(urlPathEqualTo(QUERY_PATH))
			.withQueryParam("q", equalTo("SELECT Id, Name FROM Account"))
			.withHeader("Authorization", equalTo("Bearer 00Dtoken!first")));
		SalesforceToken token = this.tokenManager.getCurrentToken();
		assertThat(token).isNotNull();
		assertThat(token.getInstanceUrl().toString()).isEqualTo(this.instance.baseUrl());
		assertThat(token.getOrganizationId()).isEqualTo(SalesforceStubs.ORG_ID);
		assertThat(token.getUserId()).isEqualTo(SalesforceStubs.USER_ID);
		assertThat(token.toString()).doesNotContain("00Dtoken!first");
	}

	@Test
	void renewsTheTokenOnceAndRetriesOnceWhenTheSessionEnded() {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("login")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(SalesforceStubs.token("00Dtoken!first", this.instance.baseUrl()))
			.willSetStateTo("renewed"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("login")
			.whenScenarioStateIs("renewed")
			.willReturn(SalesforceStubs.token("00Dtoken!second", this.instance.baseUrl())));
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer 00Dtoken!first"))
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer 00Dtoken!second"))
			.willReturn(okJson("{\"totalSize\":1,\"records\":[]}")));
		assertThat(query()).contains("\"totalSize\":1");
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
		this.instance.verify(1, getRequestedFor(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization",
				equalTo("Bearer 00Dtoken!first")));
		this.instance.verify(1, getRequestedFor(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization",
				equalTo("Bearer 00Dtoken!second")));
		assertThat(query()).contains("\"totalSize\":1");
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
	}

	@Test
	void followsTheOrgToItsNewInstanceWhenARenewedLoginReturnsAnotherInstanceUrl() {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("migration")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(SalesforceStubs.token("00Dtoken!first", this.instance.baseUrl()))
			.willSetStateTo("moved"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("migration")
			.whenScenarioStateIs("moved")
			.willReturn(SalesforceStubs.token("00Dtoken!second", this.elsewhere.baseUrl())));
		query();
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).atPriority(1)
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		this.elsewhere.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(okJson("{\"totalSize\":7}")));
		assertThat(query()).contains("\"totalSize\":7");
		this.elsewhere.verify(1, getRequestedFor(urlPathEqualTo(QUERY_PATH))
			.withQueryParam("q", equalTo("SELECT Id, Name FROM Account"))
			.withHeader("Authorization", equalTo("Bearer 00Dtoken!second")));
		assertThat(query()).contains("\"totalSize\":7");
	}

	@Test
	void neverSendsTheBearerTokenToAnotherHost() {
		this.elsewhere.stubFor(get(urlPathEqualTo("/data")).willReturn(okJson("{}")));
		query();
		this.webClient.get().uri(this.elsewhere.baseUrl() + "/data").retrieve().bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		String otherHostSameIp = this.instance.baseUrl().replace("localhost", "127.0.0.1");
		this.webClient.get().uri(otherHostSameIp + QUERY_PATH + "?q=x").retrieve().bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		this.elsewhere.verify(1, getRequestedFor(urlPathEqualTo("/data")).withHeader("Authorization", absent()));
		List<LoggedRequest> instanceRequests = this.instance.findAll(getRequestedFor(urlPathEqualTo(QUERY_PATH)));
		assertThat(instanceRequests).hasSize(2);
		assertThat(instanceRequests).filteredOn((request) -> request.containsHeader("Authorization")).hasSize(1);
		assertThat(instanceRequests).filteredOn((request) -> request.containsHeader("Authorization"))
			.allSatisfy((request) -> assertThat(request.getHost()).isEqualTo("localhost"));
	}

	@Test
	void sendsAbsoluteUrisForTheInstanceWithTheToken() {
		this.webClient.get().uri(this.instance.baseUrl() + QUERY_PATH + "?q={q}", "SELECT Id FROM Account")
			.retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
		this.instance.verify(1, getRequestedFor(urlPathEqualTo(QUERY_PATH))
			.withQueryParam("q", equalTo("SELECT Id FROM Account"))
			.withHeader("Authorization", equalTo("Bearer 00Dtoken!first")));
	}

	private String query() {
		return this.webClient.get()
			.uri(QUERY_PATH + "?q={q}", "SELECT Id, Name FROM Account")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
