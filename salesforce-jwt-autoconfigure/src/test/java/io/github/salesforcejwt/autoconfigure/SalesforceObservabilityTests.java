package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.salesforcejwt.health.SalesforceHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Health, observations and meters with Actuator and Micrometer present, against WireMock.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8,
		"salesforce.jwt.login.initial-backoff=5ms", "salesforce.jwt.login.max-backoff=5ms",
		"salesforce.jwt.login.cool-down=1m" })
@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
		@ConfigureWireMock(name = "instance") })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class SalesforceObservabilityTests {

	private static final String QUERY_PATH = "/services/data/v66.0/query";

	@InjectWireMock("login")
	WireMockServer login;

	@InjectWireMock("instance")
	WireMockServer instance;

	@Autowired
	@Qualifier("salesforceWebClient")
	WebClient webClient;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	ApplicationContext context;

	@BeforeEach
	void stubLogins() {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(SalesforceStubs.token("00D!first", this.instance.baseUrl()))
			.willSetStateTo("second"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
			.whenScenarioStateIs("second")
			.willReturn(SalesforceStubs.token("00D!second", this.instance.baseUrl())));
	}

	@Test
	void reportsHealthUnknownBeforeAndUpAfterTheFirstLogin() {
		SalesforceHealthIndicator health = (SalesforceHealthIndicator) this.context
			.getBean("salesforceHealthContributor", CompositeReactiveHealthContributor.class)
			.getContributor("default");
		assertThat(health.health().block(Duration.ofSeconds(5)).getStatus()).isEqualTo(Status.UNKNOWN);
		stubQuery("00D!first", okJson("{\"totalSize\":0}"));
		query();
		assertThat(health.health().block(Duration.ofSeconds(5)).getDetails())
			.containsEntry("instanceUrl", this.instance.baseUrl())
			.containsEntry("organizationId", SalesforceStubs.ORG_ID)
			.containsEntry("userId", SalesforceStubs.USER_ID);
	}

	@Test
	void timesEachLoginWithItsOutcomeAndCountsRenewals() {
		stubQuery("00D!first", SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED));
		stubQuery("00D!second", okJson("{\"totalSize\":0}"));
		query();
		assertThat(loginCount("success", "none")).isEqualTo(2);
		assertThat(this.meterRegistry.get("salesforce.jwt.session.renewals").tag("org", "default").functionCounter().count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("http.client.requests").tag("uri", QUERY_PATH + "?q={q}").timers())
			.isNotEmpty();
	}

	@Test
	void timesRefusedLoginsWithTheSalesforceErrorAndTheCoolDown() {
		this.login.resetAll();
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.willReturn(SalesforceStubs.error("invalid_client_id", "client identifier invalid")));
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(this::query);
		}
		assertThat(loginCount("rejected", "invalid_client_id")).isEqualTo(1);
		assertThat(loginCount("cool_down", "invalid_client_id")).isEqualTo(2);
	}

	@Test
	void timesTransientFailures() {
		this.login.resetAll();
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("outage")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(SalesforceStubs.json(503, "{\"error\":\"server_error\",\"error_description\":\"maintenance\"}"))
			.willSetStateTo("up"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("outage")
			.whenScenarioStateIs("up")
			.willReturn(SalesforceStubs.token("00D!first", this.instance.baseUrl())));
		stubQuery("00D!first", okJson("{\"totalSize\":0}"));
		query();
		assertThat(loginCount("transient_failure", "server_error")).isEqualTo(1);
		assertThat(loginCount("success", "none")).isEqualTo(1);
	}

	@Test
	void publishesTheApiUsageSalesforceReports() {
		assertThat(this.meterRegistry.get("salesforce.api.usage.used").gauge().value()).isNaN();
		stubQuery("00D!first",
				okJson("{\"totalSize\":0}").withHeader("Sforce-Limit-Info", "api-usage=25/15000"));
		query();
		assertThat(this.meterRegistry.get("salesforce.api.usage.used").gauge().value()).isEqualTo(25);
		assertThat(this.meterRegistry.get("salesforce.api.usage.max").gauge().value()).isEqualTo(15000);
	}

	private long loginCount(String outcome, String error) {
		var timer = this.meterRegistry.find("salesforce.jwt.login")
			.tag("outcome", outcome)
			.tag("error.code", error)
			.tag("org", "default")
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private void stubQuery(String token, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer " + token))
			.willReturn(response));
	}

	private void query() {
		this.webClient.get().uri(QUERY_PATH + "?q={q}", "SELECT Id FROM Account").retrieve().bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
