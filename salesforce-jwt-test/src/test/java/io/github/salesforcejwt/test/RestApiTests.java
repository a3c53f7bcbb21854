package io.github.salesforcejwt.test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the REST API of {@link FakeSalesforceOrg}.
 */
class RestApiTests {

	private static FakeSalesforceOrg org;

	private static OrgClient client;

	@BeforeAll
	static void startOrg() {
		org = FakeSalesforceOrg.start();
		client = new OrgClient(org);
	}

	@AfterAll
	static void closeOrg() {
		org.close();
	}

	@BeforeEach
	void resetOrg() {
		org.reset();
	}

	@Test
	void startsWithSeedAccounts() {
		assertThat(org.accounts()).extracting(Account::name).containsExactly("Acme", "Globex", "Initech");
		assertThat(org.accounts()).allSatisfy((account) -> assertThat(account.id()).hasSize(18).startsWith("001"));
	}

	@Test
	void queriesAccountsWithLiveToken() {
		HttpResponse<String> response = client.query("SELECT Id, Name FROM Account", client.accessToken());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = OrgClient.json(response);
		assertThat(body.get("totalSize").asInt()).isEqualTo(3);
		assertThat(body.get("done").asBoolean()).isTrue();
		JsonNode first = body.get("records").get(0);
		Account acme = org.accounts().get(0);
		assertThat(first.get("attributes").get("type").asText()).isEqualTo("Account");
		assertThat(first.get("attributes").get("url").asText())
			.isEqualTo("/services/data/v66.0/sobjects/Account/" + acme.id());
		assertThat(first.get("Id").asText()).isEqualTo(acme.id());
		assertThat(first.get("Name").asText()).isEqualTo("Acme");
	}

	@Test
	void honoursLimitAndWhereOnName() {
		String accessToken = client.accessToken();
		JsonNode limited = OrgClient.json(client.query("SELECT Id, Name FROM Account ORDER BY Name LIMIT 2", accessToken));
		assertThat(limited.get("totalSize").asInt()).isEqualTo(2);
		JsonNode globex = OrgClient.json(client.query("SELECT Name FROM Account WHERE Name = 'Globex'", accessToken));
		assertThat(globex.get("totalSize").asInt()).isEqualTo(1);
		assertThat(globex.get("records").get(0).get("Name").asText()).isEqualTo("Globex");
		assertThat(globex.get("records").get(0).has("Id")).isFalse();
	}

	@Test
	void createsAccountThatQueriesThenFind() {
		String accessToken = client.accessToken();
		HttpResponse<String> response = client.postJson("/services/data/v66.0/sobjects/Account",
				"{\"Name\":\"Umbrella\"}", accessToken);
		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode body = OrgClient.json(response);
		String id = body.get("id").asText();
		assertThat(id).hasSize(18).startsWith("001");
		assertThat(body.get("success").asBoolean()).isTrue();
		assertThat(body.get("errors").isArray()).isTrue();
		assertThat(body.get("errors").size()).isZero();
		assertThat(org.accounts()).contains(new Account(id, "Umbrella"));
		JsonNode query = OrgClient.json(client.query("SELECT Id, Name FROM Account", accessToken));
		assertThat(query.get("totalSize").asInt()).isEqualTo(4);
		JsonNode fetched = OrgClient.json(client.get("/services/data/v66.0/sobjects/Account/" + id, accessToken));
		assertThat(fetched.get("Name").asText()).isEqualTo("Umbrella");
	}

	@Test
	void rejectsAccountWithoutName() {
		HttpResponse<String> response = client.postJson("/services/data/v66.0/sobjects/Account", "{\"Phone\":\"1\"}",
				client.accessToken());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo(
				"[{\"message\":\"Required fields are missing: [Name]\",\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"Name\"]}]");
		assertThat(org.accounts()).hasSize(3);
	}

	@Test
	void answersQueriesOfEveryDeclaredObjectAndRefusesOthers() {
		String accessToken = client.accessToken();
		HttpResponse<String> contacts = client.query("SELECT Id FROM Contact", accessToken);
		assertThat(contacts.statusCode()).isEqualTo(200);
		assertThat(OrgClient.json(contacts).get("totalSize").asInt()).isZero();
		HttpResponse<String> unknown = client.query("SELECT Id FROM Opportunity", accessToken);
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(OrgClient.json(unknown).get(0).get("errorCode").asText()).isEqualTo("INVALID_TYPE");
		HttpResponse<String> notSoql = client.query("DELETE everything", accessToken);
		assertThat(OrgClient.json(notSoql).get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
	}

	@Test
	void answersInvalidSessionWithoutToken() {
		assertInvalidSession(client.getWithoutToken("/services/data/v66.0/query?q=SELECT+Id+FROM+Account"));
	}

	@Test
	void answersInvalidSessionToUnknownToken() {
		assertInvalidSession(client.query("SELECT Id, Name FROM Account", org.orgId() + "!AQmadeup"));
	}

	@Test
	void answersInvalidSessionAfterSessionsExpire() {
		String accessToken = client.accessToken();
		assertThat(client.query("SELECT Id, Name FROM Account", accessToken).statusCode()).isEqualTo(200);
		org.expireSessions();
		assertInvalidSession(client.query("SELECT Id, Name FROM Account", accessToken));
		assertInvalidSession(client.postJson("/services/data/v66.0/sobjects/Account", "{\"Name\":\"Late\"}",
				accessToken));
		assertThat(org.accounts()).extracting(Account::name).doesNotContain("Late");
		String renewed = client.accessToken();
		assertThat(client.query("SELECT Id, Name FROM Account", renewed).statusCode()).isEqualTo(200);
	}

	@Test
	void reportsApiUsageInEveryAnswer() {
		String accessToken = client.accessToken();
		List<String> usage = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			usage.add(client.query("SELECT Id FROM Account", accessToken)
				.headers()
				.firstValue("Sforce-Limit-Info")
				.orElseThrow());
		}
		assertThat(usage).containsExactly("api-usage=1/15000", "api-usage=2/15000", "api-usage=3/15000");
		assertThat(org.apiCallCount()).isEqualTo(3);
	}

	@Test
	void answersNotFoundToUnknownResource() {
		HttpResponse<String> response = client.get("/services/data/v66.0/sobjects/Opportunity/describe",
				client.accessToken());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(OrgClient.json(response).get(0).get("errorCode").asText()).isEqualTo("NOT_FOUND");
	}

	@Test
	void listsApiVersionsWithTheirReleases() {
		JsonNode versions = OrgClient.json(client.get("/services/data/", client.accessToken()));
		assertThat(versions).hasSize(38);
		assertThat(versions.get(0).toString())
			.isEqualTo("{\"label\":\"Summer '14\",\"url\":\"/services/data/v31.0\",\"version\":\"31.0\"}");
		assertThat(versions.get(versions.size() - 1).get("label").asText()).isEqualTo("Winter '27");
		assertThat(versions.findValuesAsText("label")).contains("Spring '26", "Summer '26", "Winter '26");
		assertThat(versions.findValuesAsText("url")).contains("/services/data/v66.0");
	}

	@Test
	void answersNotFoundForAVersionItDoesNotList() {
		String accessToken = client.accessToken();
		for (String version : List.of("v30.0", "v69.0", "v66", "latest")) {
			HttpResponse<String> response = client.query(version, "SELECT Id FROM Account", accessToken);
			assertThat(response.statusCode()).as(version).isEqualTo(404);
			assertThat(response.body())
				.isEqualTo("[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]");
		}
		assertThat(client.query("v31.0", "SELECT Id FROM Account", accessToken).statusCode()).isEqualTo(200);
	}

	@Test
	void listsTheResourcesOfAVersion() {
		String accessToken = client.accessToken();
		JsonNode resources = OrgClient.json(client.get("/services/data/v66.0/", accessToken));
		assertThat(resources.get("sobjects").asText()).isEqualTo("/services/data/v66.0/sobjects");
		assertThat(resources.get("query").asText()).isEqualTo("/services/data/v66.0/query");
		assertThat(resources.get("limits").asText()).isEqualTo("/services/data/v66.0/limits");
		assertThat(resources.get("identity").asText())
			.isEqualTo(org.loginUrl() + "/id/" + org.orgId() + "/" + org.userId());
	}

	@Test
	void answersLimitsThatMatchTheApiUsageItReports() {
		String accessToken = client.accessToken();
		org.setLimit("DailyApiRequests", 100, 2);
		org.setLimit("DailyBulkV2QueryJobs", 10000, 9990);
		HttpResponse<String> limits = client.get("/services/data/v66.0/limits", accessToken);
		assertThat(limits.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=99/100");
		JsonNode body = OrgClient.json(limits);
		assertThat(body.get("DailyApiRequests").toString()).isEqualTo("{\"Max\":100,\"Remaining\":1}");
		assertThat(body.get("DailyBulkV2QueryJobs").toString()).isEqualTo("{\"Max\":10000,\"Remaining\":9990}");
		assertThat(body.get("DataStorageMB").get("Max").asInt()).isEqualTo(5);
		HttpResponse<String> last = client.query("SELECT Id FROM Account", accessToken);
		assertThat(last.statusCode()).isEqualTo(200);
		assertThat(last.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=100/100");
		HttpResponse<String> refused = client.query("SELECT Id FROM Account", accessToken);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body())
			.isEqualTo("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
		assertThat(refused.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=100/100");
		assertThat(org.apiCallCount()).isEqualTo(2);
		org.reset();
		HttpResponse<String> afterReset = client.get("/services/data/v66.0/limits", client.accessToken());
		assertThat(OrgClient.json(afterReset).get("DailyApiRequests").get("Remaining").asInt()).isEqualTo(14999);
	}

	@Test
	void answersNotFoundSayingHowToStubWhatItDoesNotImplement() {
		HttpResponse<String> response = client.get("/services/data/v66.0/search?q=FIND+%7BAcme%7D",
				client.accessToken());
		assertThat(response.statusCode()).isEqualTo(404);
		JsonNode error = OrgClient.json(response).get(0);
		assertThat(error.get("errorCode").asText()).isEqualTo("NOT_FOUND");
		assertThat(error.get("message").asText()).startsWith("The requested resource does not exist. ")
			.contains("does not answer GET /services/data/v66.0/search on the instance")
			.contains("FakeSalesforceOrg.wireMock()");
	}

	@Test
	void answersTheRestApiOnTheInstanceOnly() {
		String accessToken = client.accessToken();
		String query = "/services/data/v66.0/query?q=" + OrgClient.encode("SELECT Id FROM Account");
		HttpResponse<String> onLoginHost = client.get(client.loginUri(query), accessToken);
		assertThat(onLoginHost.statusCode()).isEqualTo(404);
		assertThat(OrgClient.json(onLoginHost).get(0).get("message").asText())
			.contains("does not answer this request on the login host");
		assertThat(org.apiCallCount()).isZero();
		HttpResponse<String> tokenOnInstance = client.send(HttpRequest
			.newBuilder(client.instanceUri("/services/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("grant_type=" + OrgClient.encode(TokenEndpoint.JWT_BEARER) + "&assertion="
						+ JwtAssertions.forOrg(org)))
			.build());
		assertThat(tokenOnInstance.statusCode()).isEqualTo(404);
		assertThat(org.loginCount()).isEqualTo(1);
	}

	@Test
	void servesStubsAddedThroughWireMockBeforeItsOwn() {
		org.wireMock()
			.stubFor(get(urlPathEqualTo("/services/data/v66.0/limits")).willReturn(okJson("{\"DailyApiRequests\":{}}")));
		HttpResponse<String> response = client.getWithoutToken("/services/data/v66.0/limits");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("DailyApiRequests");
		org.reset();
		assertInvalidSession(client.getWithoutToken("/services/data/v66.0/limits"));
	}

	@Test
	void resetForgetsCreatedAccountsAndSessions() {
		String accessToken = client.accessToken();
		client.postJson("/services/data/v66.0/sobjects/Account", "{\"Name\":\"Umbrella\"}", accessToken);
		org.reset();
		assertThat(org.accounts()).extracting(Account::name).containsExactly("Acme", "Globex", "Initech");
		assertInvalidSession(client.query("SELECT Id, Name FROM Account", accessToken));
		assertThat(org.apiCallCount()).isZero();
	}

	private static void assertInvalidSession(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body())
			.isEqualTo("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
	}

}
