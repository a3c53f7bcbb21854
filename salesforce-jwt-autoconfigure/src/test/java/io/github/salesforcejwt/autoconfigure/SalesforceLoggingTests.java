package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Captures every log line, at TRACE for the starter and Spring's HTTP stack, across a
 * login, a renewal, a transient retry and a refusal, and checks that none holds a secret.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.ENCRYPTED,
		"salesforce.jwt.private-key-password=changeit", "salesforce.jwt.login.initial-backoff=5ms",
		"salesforce.jwt.login.max-backoff=5ms", "salesforce.jwt.login.cool-down=1m",
		"logging.level.io.github.salesforcejwt=trace", "logging.level.org.springframework.web=trace",
		"logging.level.org.springframework.http=trace", "logging.level.org.springframework.core.codec=trace",
		"logging.level.reactor.netty.http.client=debug" })
@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
		@ConfigureWireMock(name = "instance") })
@ExtendWith(OutputCaptureExtension.class)
class SalesforceLoggingTests {

	private static final String QUERY_PATH = "/services/data/v66.0/query";

	@InjectWireMock("login")
	WireMockServer login;

	@InjectWireMock("instance")
	WireMockServer instance;

	@Autowired
	@Qualifier("salesforceWebClient")
	WebClient webClient;

	@Test
	void logsNoTokenAssertionKeyOrPasswordAcrossLoginRenewalRetryAndFailure(CapturedOutput output) {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(SalesforceStubs.token("00Dfirst!AQsecret.first.token", this.instance.baseUrl()))
			.willSetStateTo("maintenance"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
			.whenScenarioStateIs("maintenance")
			.willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<html/>"))
			.willSetStateTo("second"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
			.whenScenarioStateIs("second")
			.willReturn(SalesforceStubs.token("00Dsecond!AQsecret.second.token", this.instance.baseUrl()))
			.willSetStateTo("refused"));
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
			.whenScenarioStateIs("refused")
			.willReturn(SalesforceStubs.error("invalid_grant", "invalid assertion")));
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH))
			.withHeader("Authorization", equalTo("Bearer 00Dfirst!AQsecret.first.token"))
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH))
			.withHeader("Authorization", equalTo("Bearer 00Dsecond!AQsecret.second.token"))
			.inScenario("sessions")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson("{\"totalSize\":0}"))
			.willSetStateTo("ended"));
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH))
			.withHeader("Authorization", equalTo("Bearer 00Dsecond!AQsecret.second.token"))
			.inScenario("sessions")
			.whenScenarioStateIs("ended")
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		// login, session ended, retry after a maintenance page, renewal: succeeds
		assertThat(query()).contains("totalSize");
		// session ended again, the login is refused
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(this::query);
		assertThat(output).contains("Logged in to Salesforce").contains("trying again").contains("invalid assertion");

		List<String> secrets = new ArrayList<>(List.of("00Dfirst!AQsecret.first.token",
				"00Dsecond!AQsecret.second.token", "AQsecret", "changeit"));
		for (LoggedRequest request : this.login.findAll(postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)))) {
			String assertion = TestKeys.form(request.getBodyAsString()).get("assertion");
			secrets.add(assertion);
			secrets.add(assertion.substring(assertion.lastIndexOf('.') + 1)); // the signature alone
		}
		assertThat(secrets).hasSizeGreaterThan(8);
		for (String pemLine : TestKeys.text(TestKeys.ENCRYPTED).split("\n")) {
			if (!pemLine.startsWith("-----") && pemLine.length() > 20) {
				secrets.add(pemLine);
			}
		}
		for (String pemLine : TestKeys.text(TestKeys.PKCS8).split("\n")) {
			if (!pemLine.startsWith("-----") && pemLine.length() > 20) {
				secrets.add(pemLine);
			}
		}
		assertThat(output.getAll()).isNotBlank();
		for (String secret : secrets) {
			assertThat(output.getAll()).doesNotContain(secret);
		}
	}

	private String query() {
		return this.webClient.get()
			.uri(QUERY_PATH + "?q={q}", "SELECT Id FROM Account")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(20));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
