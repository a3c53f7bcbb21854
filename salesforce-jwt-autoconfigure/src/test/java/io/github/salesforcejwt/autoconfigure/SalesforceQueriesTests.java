package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.salesforcejwt.SalesforceApiError;
import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceError;
import io.github.salesforcejwt.SalesforceRestClientApiException;
import io.github.salesforcejwt.SalesforceWebClientApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.annotation.DirtiesContext;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * SOQL queries through {@link SalesforceClients#queries()} (reactive) and
 * {@link SalesforceClients#blockingQueries()} (a lazily paged {@code Stream}), written once
 * and run on both paths against paging stubs: every record of every page, in order, once;
 * one page request per page actually reached; a session that ends between pages; and
 * Salesforce's errors as typed exceptions. The API version is the configured one.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8,
		"salesforce.jwt.api-version=61.0" })
@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
		@ConfigureWireMock(name = "instance") })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class SalesforceQueriesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String SOQL = "SELECT Id, Name FROM Account ORDER BY Id";

	private static final String QUERY_PATH = "/services/data/v61.0/query";

	private static final String CURSOR = "/services/data/v61.0/query/01gxx0000000001AAA-";

	@InjectWireMock("login")
	WireMockServer login;

	@InjectWireMock("instance")
	WireMockServer instance;

	@Autowired
	SalesforceClients clients;

	enum Path {

		REACTIVE, BLOCKING

	}

	record Account(@JsonProperty("Id") String id, @JsonProperty("Name") String name) {

	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void readsEveryRecordOfEveryPageInOrderOnce(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubPages(QUERY_PATH, 4500, 2000);
		List<Account> accounts = query(path, Account.class, Long.MAX_VALUE);
		assertThat(accounts).extracting(Account::id).containsExactlyElementsOf(ids(4500));
		assertThat(accounts.get(4499).name()).startsWith("Account 4499 ");
		assertThat(pageRequests()).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void decodesAPageLargerThanTheDefaultInMemoryLimit(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		String page = stubPages(QUERY_PATH, 2000, 2000);
		assertThat(page.length()).isGreaterThan(256 * 1024);
		assertThat(query(path, Account.class, Long.MAX_VALUE)).hasSize(2000);
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void makesOnePageRequestForTheFirstTenRecords(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubPages(QUERY_PATH, 4500, 2000);
		assertThat(query(path, Account.class, 10)).extracting(Account::id).containsExactlyElementsOf(ids(10));
		assertThat(pageRequests()).isOne();
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void makesNoFurtherPageRequestOnceAPageWholeIsTaken(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubPages(QUERY_PATH, 4500, 2000);
		assertThat(query(path, Account.class, 2000)).hasSize(2000);
		assertThat(pageRequests()).isOne();
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void renewsASessionThatEndsBetweenPagesAndLosesOrRepeatsNothing(Path path) {
		stubLogins("00D!first", "00D!second");
		stubPages(QUERY_PATH, 4500, 2000);
		this.instance.stubFor(get(urlPathEqualTo(CURSOR + "2000"))
			.withHeader("Authorization", equalTo("Bearer 00D!first"))
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		assertThat(query(path, Account.class, Long.MAX_VALUE)).extracting(Account::id)
			.containsExactlyElementsOf(ids(4500));
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(2);
		assertThat(this.instance.findAll(getRequestedFor(urlPathEqualTo(CURSOR + "2000")))).hasSize(2);
		assertThat(this.instance.findAll(getRequestedFor(urlPathEqualTo(CURSOR + "4000"))))
			.singleElement()
			.satisfies((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer 00D!second"));
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void signalsAMalformedQueryAsATypedException(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(SalesforceStubs.json(400,
				"[{\"message\":\"unexpected token: FORM\",\"errorCode\":\"MALFORMED_QUERY\"}]")));
		Throwable failure = catchThrowable(() -> query(path, Account.class, Long.MAX_VALUE));
		assertThat(failure).isInstanceOf(
				(path == Path.REACTIVE) ? SalesforceWebClientApiException.class : SalesforceRestClientApiException.class);
		SalesforceApiError error = (SalesforceApiError) failure;
		assertThat(error.getStatusCode().value()).isEqualTo(400);
		assertThat(error.getErrorCode()).isEqualTo("MALFORMED_QUERY");
		assertThat(error.getErrors()).containsExactly(
				new SalesforceError("MALFORMED_QUERY", "unexpected token: FORM", List.of()));
		assertThat(failure).hasMessageContaining("MALFORMED_QUERY: unexpected token: FORM");
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void signalsAnInvalidFieldOnALaterPageAsATypedExceptionWithItsFields(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubPages(QUERY_PATH, 4500, 2000);
		this.instance.stubFor(get(urlPathEqualTo(CURSOR + "2000")).willReturn(SalesforceStubs.json(400,
				"[{\"message\":\"No such column 'Nme'\",\"errorCode\":\"INVALID_FIELD\",\"fields\":[\"Nme\"]}]")));
		Throwable failure = catchThrowable(() -> query(path, Account.class, Long.MAX_VALUE));
		assertThat(failure).isInstanceOf(SalesforceApiError.class);
		assertThat(((SalesforceApiError) failure).getErrors()).singleElement()
			.satisfies((error) -> {
				assertThat(error.errorCode()).isEqualTo("INVALID_FIELD");
				assertThat(error.fields()).containsExactly("Nme");
			});
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void givesCallsOfTheApplicationsOwnTheTypedExceptionThroughTheHelpers(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		this.instance.stubFor(get(urlPathEqualTo("/services/data/v61.0/sobjects/Account/001")).willReturn(
				SalesforceStubs.json(404, "[{\"message\":\"not found\",\"errorCode\":\"NOT_FOUND\"}]")));
		String uri = "/services/data/v61.0/sobjects/Account/001";
		Throwable failure = catchThrowable(() -> {
			switch (path) {
				case REACTIVE -> this.clients.webClient()
					.get()
					.uri(uri)
					.retrieve()
					.onStatus(HttpStatusCode::isError, SalesforceWebClientApiException::from)
					.bodyToMono(String.class)
					.block(TIMEOUT);
				case BLOCKING -> this.clients.restClient()
					.get()
					.uri(uri)
					.retrieve()
					.onStatus(HttpStatusCode::isError, SalesforceRestClientApiException.errorHandler())
					.body(String.class);
			}
		});
		assertThat(failure).isInstanceOf(SalesforceApiError.class);
		assertThat(((SalesforceApiError) failure).getErrorCode()).isEqualTo("NOT_FOUND");
		assertThat(((SalesforceApiError) failure).getStatusCode().value()).isEqualTo(404);
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void asksForTheConfiguredBatchSize(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubPages(QUERY_PATH, 450, 200);
		List<Map<String, Object>> records = switch (path) {
			case REACTIVE -> this.clients.queries()
				.withBatchSize(200)
				.query(SOQL, Map.class)
				.<Map<String, Object>>map(SalesforceQueriesTests::typed)
				.collectList()
				.block(TIMEOUT);
			case BLOCKING -> {
				try (Stream<Map> stream = this.clients.blockingQueries().withBatchSize(200).query(SOQL, Map.class)) {
					yield stream.map(SalesforceQueriesTests::typed).toList();
				}
			}
		};
		assertThat(records).hasSize(450).allSatisfy((record) -> assertThat(record).containsKeys("attributes", "Id"));
		assertThat(this.instance.findAll(anyRequestedFor(anyUrl())))
			.hasSize(3)
			.allSatisfy((request) -> assertThat(request.getHeader("Sforce-Query-Options")).isEqualTo("batchSize=200"));
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void queriesDeletedAndArchivedRecordsThroughQueryAll(Path path) {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubPages("/services/data/v61.0/queryAll", 3, 2000);
		List<JsonNode> records = switch (path) {
			case REACTIVE -> this.clients.queries().queryAll(SOQL, JsonNode.class).collectList().block(TIMEOUT);
			case BLOCKING -> {
				try (Stream<JsonNode> stream = this.clients.blockingQueries().queryAll(SOQL, JsonNode.class)) {
					yield stream.toList();
				}
			}
		};
		assertThat(records).extracting((record) -> record.path("Id").asString()).containsExactlyElementsOf(ids(3));
		assertThat(records.get(0).path("attributes").path("type").asString()).isEqualTo("Account");
	}

	@Test
	void stopsAClosedStream() {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		stubPages(QUERY_PATH, 4500, 2000);
		Stream<Account> stream = this.clients.blockingQueries().query(SOQL, Account.class);
		Iterator<Account> records = stream.iterator();
		for (int i = 0; i < 2000; i++) {
			records.next();
		}
		stream.close();
		assertThat(records.hasNext()).isFalse();
		assertThat(pageRequests()).isOne();
	}

	@Test
	void refusesABatchSizeSalesforceDoesNotAccept() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.clients.queries().withBatchSize(199));
		assertThatIllegalArgumentException().isThrownBy(() -> this.clients.blockingQueries().withBatchSize(2001));
	}

	private <T> List<T> query(Path path, Class<T> type, long limit) {
		return switch (path) {
			case REACTIVE -> this.clients.queries().query(SOQL, type).take(limit).collectList().block(TIMEOUT);
			case BLOCKING -> {
				try (Stream<T> stream = this.clients.blockingQueries().query(SOQL, type)) {
					yield stream.limit(limit).toList();
				}
			}
		};
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> typed(Map<?, ?> record) {
		return (Map<String, Object>) record;
	}

	private int pageRequests() {
		return this.instance.findAll(anyRequestedFor(anyUrl())).size();
	}

	/**
	 * Stub the pages of a query answering {@code total} records, {@code size} a page.
	 * @return the first page's body
	 */
	private String stubPages(String path, int total, int size) {
		String first = null;
		for (int start = 0; start < total; start += size) {
			int end = Math.min(total, start + size);
			String next = (end < total) ? CURSOR + end : null;
			String body = page(total, start, end, next);
			MappingBuilder request = (start == 0)
					? get(urlPathEqualTo(path)).withQueryParam("q", equalTo(SOQL)) : get(urlPathEqualTo(CURSOR + start));
			this.instance.stubFor(request.willReturn(SalesforceStubs.json(200, body)));
			first = (first != null) ? first : body;
		}
		return first;
	}

	private static String page(int total, int start, int end, String next) {
		String records = IntStream.range(start, end)
			.mapToObj((i) -> "{\"attributes\":{\"type\":\"Account\",\"url\":\"/services/data/v61.0/sobjects/Account/"
					+ id(i) + "\"},\"Id\":\"" + id(i) + "\",\"Name\":\"Account " + i + " " + "x".repeat(80) + "\"}")
			.collect(Collectors.joining(","));
		return "{\"totalSize\":" + total + ",\"done\":" + (next == null)
				+ ((next != null) ? ",\"nextRecordsUrl\":\"" + next + "\"" : "") + ",\"records\":[" + records + "]}";
	}

	private static List<String> ids(int count) {
		return IntStream.range(0, count).mapToObj(SalesforceQueriesTests::id).toList();
	}

	private static String id(int i) {
		return "001" + String.format("%012d", i) + "AAA";
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

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
