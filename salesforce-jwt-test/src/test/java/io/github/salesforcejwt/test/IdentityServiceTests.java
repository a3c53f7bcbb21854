package io.github.salesforcejwt.test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the UserInfo endpoint of {@link FakeSalesforceOrg},
 * {@code /services/oauth2/userinfo}.
 */
class IdentityServiceTests {

	private static final String USERINFO = "/services/oauth2/userinfo";

	private final FakeSalesforceOrg org = FakeSalesforceOrg.builder().preAuthorizedUsers("analyst@example.com").start();

	private final OrgClient client = new OrgClient(this.org);

	@AfterEach
	void closeOrg() {
		this.org.close();
	}

	@Test
	void answersTheUserOfTheTokenWithTheFieldsSalesforceDocuments() {
		HttpResponse<String> login = this.client.login(JwtAssertions.forOrg(this.org));
		String accessToken = OrgClient.json(login).get("access_token").asText();
		HttpResponse<String> response = this.client.get(USERINFO, accessToken);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("application/json"));
		JsonNode userInfo = OrgClient.json(response);
		assertThat(userInfo.get("sub").asText()).isEqualTo(OrgClient.json(login).get("id").asText());
		assertThat(userInfo.get("user_id").asText()).isEqualTo(this.org.userId());
		assertThat(userInfo.get("organization_id").asText()).isEqualTo(this.org.orgId());
		assertThat(userInfo.get("preferred_username").asText()).isEqualTo("integration@example.com");
		assertThat(userInfo.get("email").asText()).isEqualTo("integration@example.com");
		assertThat(userInfo.get("name").asText()).isEqualTo("integration");
		assertThat(userInfo.get("active").asBoolean()).isTrue();
		assertThat(userInfo.get("urls").get("rest").asText()).isEqualTo(this.org.instanceUrl() + "/services/data/v{version}/");
	}

	@Test
	void answersEachUserWithTheirOwnIdentity() {
		JsonNode integration = OrgClient.json(this.client.get(USERINFO, this.client.accessToken()));
		JsonNode analyst = OrgClient.json(this.client.get(USERINFO, this.client.accessToken("analyst@example.com")));
		assertThat(analyst.get("preferred_username").asText()).isEqualTo("analyst@example.com");
		assertThat(analyst.get("user_id").asText()).isEqualTo(this.org.userId("analyst@example.com"))
			.isNotEqualTo(integration.get("user_id").asText());
		assertThat(analyst.get("sub").asText()).endsWith("/" + this.org.orgId() + "/" + this.org.userId("analyst@example.com"));
		assertThat(analyst.get("organization_id").asText()).isEqualTo(integration.get("organization_id").asText());
	}

	@Test
	void answersPostAsGet() {
		String accessToken = this.client.accessToken("analyst@example.com");
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(this.client.uri(USERINFO))
			.header("Authorization", "Bearer " + accessToken)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(OrgClient.json(response).get("preferred_username").asText()).isEqualTo("analyst@example.com");
	}

	@Test
	void answersBadOAuthTokenToATokenOfNoLiveSession() {
		String accessToken = this.client.accessToken();
		this.org.expireSessions();
		assertIdentityError(this.client.get(USERINFO, accessToken), "Bad_OAuth_Token");
		assertIdentityError(this.client.get(USERINFO, this.org.orgId() + "!AQmadeup"), "Bad_OAuth_Token");
	}

	@Test
	void answersMissingOAuthTokenWithoutToken() {
		assertIdentityError(this.client.getWithoutToken(USERINFO), "Missing_OAuth_Token");
	}

	@Test
	void doesNotCountAsApiCall() {
		HttpResponse<String> response = this.client.get(USERINFO, this.client.accessToken());
		assertThat(response.headers().firstValue("Sforce-Limit-Info")).isEmpty();
		assertThat(this.org.apiCallCount()).isZero();
	}

	@Test
	void answersTheIdentityUrlOfTheTokenResponseOnTheLoginHost() {
		HttpResponse<String> login = this.client.login(JwtAssertions.forOrg(this.org));
		String accessToken = OrgClient.json(login).get("access_token").asText();
		String id = OrgClient.json(login).get("id").asText();
		assertThat(id).startsWith(this.org.loginUrl() + "/id/");
		HttpResponse<String> response = this.client.get(URI.create(id), accessToken);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode identity = OrgClient.json(response);
		assertThat(identity.get("id").asText()).isEqualTo(id);
		assertThat(identity.get("asserted_user").asBoolean()).isTrue();
		assertThat(identity.get("user_id").asText()).isEqualTo(this.org.userId());
		assertThat(identity.get("organization_id").asText()).isEqualTo(this.org.orgId());
		assertThat(identity.get("username").asText()).isEqualTo("integration@example.com");
		assertThat(identity.get("display_name").asText()).isEqualTo("integration");
		assertThat(identity.get("urls").get("rest").asText())
			.isEqualTo(this.org.instanceUrl() + "/services/data/v{version}/");
		assertThat(this.org.apiCallCount()).isZero();
	}

	@Test
	void answersTheIdentityUrlWithTheTokenAsParameter() {
		String accessToken = this.client.accessToken();
		String path = "/id/" + this.org.orgId() + "/" + this.org.userId() + "?format=json&oauth_token="
				+ OrgClient.encode(accessToken);
		HttpResponse<String> response = this.client.getWithoutToken(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(OrgClient.json(response).get("user_id").asText()).isEqualTo(this.org.userId());
	}

	@Test
	void answersTheIdentityOfAnotherUserOfTheOrgAsNotAsserted() {
		String accessToken = this.client.accessToken();
		String analystId = this.org.userId("analyst@example.com");
		JsonNode identity = OrgClient.json(this.client.get("/id/" + this.org.orgId() + "/" + analystId, accessToken));
		assertThat(identity.get("username").asText()).isEqualTo("analyst@example.com");
		assertThat(identity.get("asserted_user").asBoolean()).isFalse();
	}

	@Test
	void answersTheErrorsOfTheIdentityService() {
		String accessToken = this.client.accessToken();
		String orgId = this.org.orgId();
		assertIdentityError(this.client.get("/id/" + orgId + "/" + SalesforceIds.of("005", 99), accessToken), 404,
				"Bad_Id");
		assertIdentityError(this.client.get("/id/" + SalesforceIds.of("00D", 99) + "/" + this.org.userId(), accessToken),
				403, "Wrong_Org");
		assertIdentityError(this.client.get("/id/nope/" + this.org.userId(), accessToken), 404, "Bad_Id");
		assertIdentityError(this.client.getWithoutToken("/id/" + orgId + "/" + this.org.userId()), 403,
				"Missing_OAuth_Token");
		this.org.expireSessions();
		assertIdentityError(this.client.get("/id/" + orgId + "/" + this.org.userId(), accessToken), 403,
				"Bad_OAuth_Token");
	}

	@Test
	void answersUserInfoOnTheLoginHostAndOnTheInstance() {
		String accessToken = this.client.accessToken();
		JsonNode onLogin = OrgClient.json(this.client.get(this.client.loginUri(USERINFO), accessToken));
		JsonNode onInstance = OrgClient.json(this.client.get(this.client.instanceUri(USERINFO), accessToken));
		assertThat(onLogin).isEqualTo(onInstance);
		assertThat(onLogin.get("user_id").asText()).isEqualTo(this.org.userId());
	}

	@Test
	void answersNoIdentityUrlOnTheInstance() {
		String accessToken = this.client.accessToken();
		String path = "/id/" + this.org.orgId() + "/" + this.org.userId();
		assertThat(this.client.get(this.client.instanceUri(path), accessToken).statusCode()).isEqualTo(404);
	}

	private static void assertIdentityError(HttpResponse<String> response, int status, String errorCode) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).isEqualTo(errorCode);
	}

	private static void assertIdentityError(HttpResponse<String> response, String errorCode) {
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo(errorCode);
	}

}
