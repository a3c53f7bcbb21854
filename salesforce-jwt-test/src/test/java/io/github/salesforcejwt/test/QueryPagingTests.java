package io.github.salesforcejwt.test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the pages of query results of {@link FakeSalesforceOrg}: {@code nextRecordsUrl},
 * {@code Sforce-Query-Options: batchSize}, {@code queryAll} and the query cursors.
 */
class QueryPagingTests {

	private static final int RECORDS = 4500;

	private static FakeSalesforceOrg org;

	private static OrgClient client;

	@BeforeAll
	static void startOrg() {
		org = FakeSalesforceOrg.builder().accounts().preAuthorizedUsers("analyst@example.com").start();
		List<Map<String, Object>> accounts = new ArrayList<>();
		for (int i = 1; i <= RECORDS; i++) {
			accounts.add(Map.of("Name", String.format("Account %04d", i)));
		}
		org.create("Account", accounts);
		client = new OrgClient(org);
	}

	@AfterAll
	static void closeOrg() {
		org.close();
	}

	@Test
	void answersAtMostTwoThousandRecordsAPageAndTheRestThroughNextRecordsUrl() {
		String accessToken = client.accessToken();
		JsonNode first = OrgClient.json(client.query("SELECT Id, Name FROM Account ORDER BY Name", accessToken));
		assertThat(first.get("totalSize").asInt()).isEqualTo(RECORDS);
		assertThat(first.get("done").asBoolean()).isFalse();
		assertThat(first.get("records")).hasSize(2000);
		String nextRecordsUrl = first.get("nextRecordsUrl").asText();
		assertThat(nextRecordsUrl).matches("/services/data/v66\\.0/query/01g\\w{15}-2000");
		JsonNode second = OrgClient.json(client.get(nextRecordsUrl, accessToken));
		assertThat(second.get("totalSize").asInt()).isEqualTo(RECORDS);
		assertThat(second.get("records")).hasSize(2000);
		assertThat(second.get("nextRecordsUrl").asText()).endsWith("-4000")
			.startsWith(nextRecordsUrl.substring(0, nextRecordsUrl.indexOf('-')));
		JsonNode third = OrgClient.json(client.get(second.get("nextRecordsUrl").asText(), accessToken));
		assertThat(third.get("done").asBoolean()).isTrue();
		assertThat(third.has("nextRecordsUrl")).isFalse();
		List<String> names = new ArrayList<>();
		for (JsonNode page : List.of(first, second, third)) {
			names.addAll(page.get("records").findValuesAsText("Name"));
		}
		assertThat(names).hasSize(RECORDS).doesNotHaveDuplicates().isSorted();
		assertThat(names.get(0)).isEqualTo("Account 0001");
		assertThat(names.get(RECORDS - 1)).isEqualTo("Account 4500");
	}

	@ParameterizedTest
	@CsvSource({ "batchSize=500, 500", "batchSize=1000, 1000", "batchSize = 750 , 750", "batchSize=100, 200",
			"batchSize=5000, 2000", "batchSize=many, 2000", "other=1, 2000" })
	void honoursTheBatchSizeOfTheQueryOptionsBetweenTwoHundredAndTwoThousand(String options, int pageSize) {
		String accessToken = client.accessToken();
		JsonNode first = OrgClient.json(query(client, "query", "SELECT Id FROM Account", accessToken, options));
		assertThat(first.get("records")).hasSize(pageSize);
		String nextRecordsUrl = first.get("nextRecordsUrl").asText();
		assertThat(nextRecordsUrl).endsWith("-" + pageSize);
		assertThat(OrgClient.json(client.get(nextRecordsUrl, accessToken)).get("records")).hasSize(pageSize);
	}

	@Test
	void answersInOnePageWhatFits() {
		JsonNode result = OrgClient
			.json(client.query("SELECT Id FROM Account ORDER BY Name LIMIT 2000", client.accessToken()));
		assertThat(result.get("done").asBoolean()).isTrue();
		assertThat(result.has("nextRecordsUrl")).isFalse();
		assertThat(result.get("records")).hasSize(2000);
	}

	@Test
	void keepsTheResultOfTheQueryWhileRecordsChange() {
		try (FakeSalesforceOrg small = orgWithAccounts(300)) {
			OrgClient smallClient = new OrgClient(small);
			String accessToken = smallClient.accessToken();
			HttpResponse<String> response = query(smallClient, "query", "SELECT Name FROM Account", accessToken,
					"batchSize=200");
			String nextRecordsUrl = OrgClient.json(response).get("nextRecordsUrl").asText();
			small.create("Account", Map.of("Name", "Late"));
			JsonNode next = OrgClient.json(smallClient.get(nextRecordsUrl, accessToken));
			assertThat(next.get("totalSize").asInt()).isEqualTo(300);
			assertThat(next.get("records").findValuesAsText("Name")).hasSize(100).doesNotContain("Late");
		}
	}

	@Test
	void answersQueryAllWithDeletedRecordsAndPagesItThroughQueryOrQueryAll() {
		try (FakeSalesforceOrg small = orgWithAccounts(250)) {
			small.delete(small.accounts().get(0).id());
			OrgClient smallClient = new OrgClient(small);
			String accessToken = smallClient.accessToken();
			String soql = "SELECT Id, IsDeleted FROM Account";
			JsonNode query = OrgClient.json(smallClient.query(soql, accessToken));
			assertThat(query.get("totalSize").asInt()).isEqualTo(249);
			JsonNode queryAll = OrgClient.json(query(smallClient, "queryAll", soql, accessToken, "batchSize=200"));
			assertThat(queryAll.get("totalSize").asInt()).isEqualTo(250);
			assertThat(queryAll.get("records").get(0).get("IsDeleted").asBoolean()).isTrue();
			String nextRecordsUrl = queryAll.get("nextRecordsUrl").asText();
			// as Salesforce, the locator is a query locator, readable through query and queryAll
			assertThat(nextRecordsUrl).contains("/query/");
			JsonNode viaQuery = OrgClient.json(smallClient.get(nextRecordsUrl, accessToken));
			JsonNode viaQueryAll = OrgClient
				.json(smallClient.get(nextRecordsUrl.replace("/query/", "/queryAll/"), accessToken));
			assertThat(viaQuery.get("records")).hasSize(50).isEqualTo(viaQueryAll.get("records"));
		}
	}

	@Test
	void servesTheNextPageToAnySessionOfTheUserAndNoOtherUser() {
		String accessToken = client.accessToken();
		String nextRecordsUrl = OrgClient.json(client.query("SELECT Id FROM Account", accessToken))
			.get("nextRecordsUrl")
			.asText();
		org.expireSessions();
		HttpResponse<String> renewed = client.get(nextRecordsUrl, client.accessToken());
		assertThat(renewed.statusCode()).isEqualTo(200);
		assertThat(OrgClient.json(renewed).get("records")).hasSize(2000);
		assertInvalidQueryLocator(client.get(nextRecordsUrl, client.accessToken("analyst@example.com")));
	}

	@ParameterizedTest
	@CsvSource({ "01gFk0000000999AAA-2000", "nonsense", "01gFk0000000001AAA", "-2000" })
	void answersInvalidQueryLocatorToAnUnknownLocator(String locator) {
		assertInvalidQueryLocator(client.get("/services/data/v66.0/query/" + locator, client.accessToken()));
	}

	@Test
	void answersInvalidQueryLocatorPastTheEndOfTheResult() {
		String accessToken = client.accessToken();
		String nextRecordsUrl = OrgClient.json(client.query("SELECT Id FROM Account", accessToken))
			.get("nextRecordsUrl")
			.asText();
		String cursor = nextRecordsUrl.substring(0, nextRecordsUrl.indexOf('-'));
		assertInvalidQueryLocator(client.get(cursor + "-" + RECORDS, accessToken));
		assertInvalidQueryLocator(client.get(cursor + "-x", accessToken));
	}

	@Test
	void keepsTenCursorsOpenPerUserAndReleasesTheOldest() {
		String accessToken = client.accessToken("analyst@example.com");
		Set<String> cursors = new HashSet<>();
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < QueryCursors.MAX_PER_USER + 1; i++) {
			String url = OrgClient.json(client.query("SELECT Id FROM Account", accessToken))
				.get("nextRecordsUrl")
				.asText();
			urls.add(url);
			cursors.add(url.substring(0, url.indexOf('-')));
		}
		assertThat(cursors).hasSize(QueryCursors.MAX_PER_USER + 1);
		assertInvalidQueryLocator(client.get(urls.get(0), accessToken));
		assertThat(client.get(urls.get(1), accessToken).statusCode()).isEqualTo(200);
		assertThat(client.get(urls.get(QueryCursors.MAX_PER_USER), accessToken).statusCode()).isEqualTo(200);
	}

	private static FakeSalesforceOrg orgWithAccounts(int count) {
		FakeSalesforceOrg org = FakeSalesforceOrg.builder().accounts().start();
		List<Map<String, Object>> accounts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			accounts.add(Map.of("Name", "Account " + i));
		}
		org.create("Account", accounts);
		return org;
	}

	private static HttpResponse<String> query(OrgClient client, String resource, String soql, String accessToken,
			String options) {
		return client.send(HttpRequest
			.newBuilder(client.instanceUri("/services/data/v66.0/" + resource + "?q=" + OrgClient.encode(soql)))
			.header("Authorization", "Bearer " + accessToken)
			.header("Sforce-Query-Options", options)
			.build());
	}

	private static void assertInvalidQueryLocator(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.isEqualTo("[{\"message\":\"invalid query locator\",\"errorCode\":\"INVALID_QUERY_LOCATOR\"}]");
	}

}
