package io.github.salesforcejwt.test;

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

	private static void assertIdentityError(HttpResponse<String> response, String errorCode) {
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo(errorCode);
	}

}
