package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.salesforcejwt.SalesforceBulkQueryException;
import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceQueries;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulk API 2.0 query jobs through {@link SalesforceQueries#bulkQuery(String)} against
 * stubs: the job is created, polled until {@code JobComplete}, and its CSV results read
 * page by page following {@code Sforce-Locator}; a failed job reports Salesforce's
 * {@code errorMessage}; cancelling aborts the job. Each job is one
 * {@code salesforce.bulk.query} observation.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8 })
@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
		@ConfigureWireMock(name = "instance") })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class SalesforceBulkQueriesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String SOQL = "SELECT Id, Name, Description FROM Account";

	private static final String JOBS = "/services/data/v66.0/jobs/query";

	private static final String JOB = JOBS + "/750R0000000zlh9IAA";

	@InjectWireMock("login")
	WireMockServer login;

	@InjectWireMock("instance")
	WireMockServer instance;

	@Autowired
	SalesforceClients clients;

	@Autowired
	TestObservationRegistry observations;

	@Test
	void yieldsEveryRowOfEveryLocatorPageKeyedByTheHeadersNames() {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubJob("InProgress", "JobComplete");
		stubResults(null, "L2", "Id,Name,Description\n001A,Acme,\"Two lines\nand a \"\"quote\"\"\"\n"
				+ "001B,\"Globex, Inc.\",\n");
		stubResults("L2", "L3", "Id,Name,Description\n001C,Initech,Staplers\n");
		stubResults("L3", "null", "Id,Name,Description\n001D,Umbrella,\n");
		List<Map<String, String>> rows = queries().bulkQuery(SOQL).collectList().block(TIMEOUT);
		assertThat(rows).containsExactly(
				Map.of("Id", "001A", "Name", "Acme", "Description", "Two lines\nand a \"quote\""),
				Map.of("Id", "001B", "Name", "Globex, Inc.", "Description", ""),
				Map.of("Id", "001C", "Name", "Initech", "Description", "Staplers"),
				Map.of("Id", "001D", "Name", "Umbrella", "Description", ""));
		assertThat(this.instance.findAll(postRequestedFor(urlPathEqualTo(JOBS))
			.withRequestBody(equalToJson("{\"operation\":\"query\",\"query\":\"" + SOQL + "\"}")))).hasSize(1);
		assertThat(this.instance.findAll(getRequestedFor(urlPathEqualTo(JOB)))).hasSize(2);
		assertThat(this.instance.findAll(getRequestedFor(urlPathEqualTo(JOB + "/results")))).hasSize(3);
		assertThat(this.instance.findAll(patchRequestedFor(urlPathEqualTo(JOB)))).isEmpty();
		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo("salesforce.bulk.query", 1)
			.hasObservationWithNameEqualTo("salesforce.bulk.query")
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasContextualNameEqualTo("salesforce bulk query")
			.hasLowCardinalityKeyValue("org", "default")
			.hasLowCardinalityKeyValue("outcome", "complete")
			.hasHighCardinalityKeyValue("job.id", "750R0000000zlh9IAA")
			.hasHighCardinalityKeyValue("pages", "3")
			.hasHighCardinalityKeyValue("records", "4")
			.hasEvent("page", "page 1, 2 records so far")
			.hasEvent("page", "page 3, 4 records so far")
			.doesNotHaveError();
	}

	@Test
	void reportsTheErrorMessageOfAFailedJob() {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubJob("InProgress", "Failed");
		StepVerifier.create(queries().bulkQuery(SOQL))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(SalesforceBulkQueryException.class,
					(failed) -> {
						assertThat(failed.getState()).isEqualTo("Failed");
						assertThat(failed.getErrorMessage()).isEqualTo("INVALID_FIELD: No such column 'Nme'");
						assertThat(failed).hasMessageContaining("No such column 'Nme'");
					}))
			.verify(TIMEOUT);
		assertThat(this.instance.findAll(getRequestedFor(urlPathEqualTo(JOB + "/results")))).isEmpty();
		assertThat(this.observations).hasObservationWithNameEqualTo("salesforce.bulk.query")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("org", "default")
			.hasLowCardinalityKeyValue("outcome", "failed")
			.hasHighCardinalityKeyValue("job.id", "750R0000000zlh9IAA")
			.hasHighCardinalityKeyValue("pages", "0")
			.hasHighCardinalityKeyValue("records", "0")
			.assertThatError()
			.isInstanceOf(SalesforceBulkQueryException.class);
	}

	@Test
	void abortsTheJobWhenTheSubscriberCancels() {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubJob("JobComplete");
		stubResults(null, "L2", "Id,Name,Description\n001A,Acme,\n001B,Globex,\n");
		this.instance.stubFor(patch(urlPathEqualTo(JOB)).willReturn(
				SalesforceStubs.json(200, "{\"id\":\"750R0000000zlh9IAA\",\"state\":\"Aborted\"}")));
		assertThat(queries().bulkQuery(SOQL).take(1).collectList().block(TIMEOUT)).hasSize(1);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.instance.findAll(patchRequestedFor(urlPathEqualTo(JOB))
				.withRequestBody(equalToJson("{\"state\":\"Aborted\"}")))).hasSize(1));
		assertThat(this.instance.findAll(getRequestedFor(urlPathEqualTo(JOB + "/results")))).hasSize(1);
		assertThat(this.observations).hasObservationWithNameEqualTo("salesforce.bulk.query")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "aborted")
			.hasHighCardinalityKeyValue("pages", "1")
			.hasHighCardinalityKeyValue("records", "2");
	}

	private SalesforceQueries queries() {
		return this.clients.queries().withBulkPolling(Duration.ofMillis(10), Duration.ofMillis(50));
	}

	private void stubJob(String... states) {
		this.instance.stubFor(post(urlPathEqualTo(JOBS)).willReturn(SalesforceStubs.json(200,
				"{\"id\":\"750R0000000zlh9IAA\",\"operation\":\"query\",\"state\":\"UploadComplete\"}")));
		String state = Scenario.STARTED;
		for (int i = 0; i < states.length; i++) {
			String next = "poll" + (i + 1);
			String error = "Failed".equals(states[i]) ? ",\"errorMessage\":\"INVALID_FIELD: No such column 'Nme'\"" : "";
			this.instance.stubFor(get(urlPathEqualTo(JOB)).inScenario("job")
				.whenScenarioStateIs(state)
				.willReturn(SalesforceStubs.json(200,
						"{\"id\":\"750R0000000zlh9IAA\",\"state\":\"" + states[i] + "\"" + error + "}"))
				.willSetStateTo((i < states.length - 1) ? next : state));
			state = (i < states.length - 1) ? next : state;
		}
	}

	private void stubResults(String locator, String next, String csv) {
		this.instance.stubFor(get(urlPathEqualTo(JOB + "/results"))
			.withQueryParam("locator", (locator != null) ? equalTo(locator) : absent())
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/csv")
				.withHeader("Sforce-Locator", next)
				.withHeader("Sforce-NumberOfRecords", "1")
				.withBody(csv)));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		ObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

}
