package io.github.salesforcejwt.test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.security.oauth2.jwt.JwtClaimsSet;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the token endpoint of {@link FakeSalesforceOrg}.
 */
class TokenEndpointTests {

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
	void logsInWithGoodAssertionAndAnswersTheDocumentedFields() {
		long before = Instant.now().toEpochMilli();
		HttpResponse<String> response = client.login(JwtAssertions.forOrg(org));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("application/json"));
		JsonNode body = OrgClient.json(response);
		assertThat(body.get("access_token").asText()).startsWith(org.orgId().substring(0, 15) + "!AQ").hasSizeGreaterThan(40);
		assertThat(body.get("scope").asText()).isEqualTo("api");
		assertThat(body.get("instance_url").asText()).isEqualTo(org.instanceUrl()).isNotEqualTo(org.loginUrl());
		assertThat(body.get("id").asText()).isEqualTo(org.loginUrl() + "/id/" + org.orgId() + "/" + org.userId());
		assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
		assertThat(Long.parseLong(body.get("issued_at").asText())).isGreaterThanOrEqualTo(before);
		assertThat(body.get("signature").asText()).isBase64();
		assertThat(body.has("expires_in")).isFalse();
		assertThat(body.has("refresh_token")).isFalse();
		assertThat(org.loginCount()).isEqualTo(1);
		assertThat(org.sessionCount()).isEqualTo(1);
	}

	@Test
	void issuesNewAccessTokenOnEveryLogin() {
		String first = client.accessToken();
		String second = client.accessToken();
		assertThat(first).isNotEqualTo(second);
		assertThat(org.sessionCount()).isEqualTo(2);
		assertThat(org.loginCount()).isEqualTo(2);
	}

	@Test
	void recordsTheFormItReceived() {
		String assertion = JwtAssertions.forOrg(org);
		client.login(assertion);
		org.loginWireMock()
			.verify(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))
				.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
				.withFormParam("grant_type", equalTo("urn:ietf:params:oauth:grant-type:jwt-bearer"))
				.withFormParam("assertion", equalTo(assertion)));
	}

	@Test
	void rejectsAssertionSignedWithAnotherKey() {
		KeyPair otherKey = KeyMaterial.generateRsaKeyPair();
		String assertion = JwtAssertions.sign(otherKey, JwtAssertions.goodClaims(org));
		assertLoginError(client.login(assertion), LoginError.INVALID_ASSERTION);
	}

	@Test
	void rejectsAssertionThatIsNotJwt() {
		assertLoginError(client.login("not-a-jwt"), LoginError.INVALID_ASSERTION);
	}

	@Test
	void rejectsAssertionWhoseIssuerIsNotTheConsumerKey() {
		String assertion = JwtAssertions.forOrg(org, (claims) -> claims.issuer("the-consumer-secret"));
		assertLoginError(client.login(assertion), LoginError.INVALID_CLIENT_ID);
	}

	@Test
	void rejectsAssertionWhoseSubjectIsNotTheUsername() {
		String assertion = JwtAssertions.forOrg(org, (claims) -> claims.subject("someone.else@example.com"));
		assertLoginError(client.login(assertion), LoginError.USER_NOT_APPROVED);
	}

	@Test
	void logsInEachPreAuthorizedUserWithAUserIdAndTokensOfItsOwn() {
		try (FakeSalesforceOrg team = FakeSalesforceOrg.builder()
			.preAuthorizedUsers("analyst@example.com", "auditor@example.com")
			.start()) {
			OrgClient teamClient = new OrgClient(team);
			assertThat(team.preAuthorizedUsers()).containsExactly(team.username(), "analyst@example.com",
					"auditor@example.com");
			JsonNode integration = OrgClient.json(teamClient.login(JwtAssertions.forOrg(team)));
			JsonNode analyst = OrgClient.json(teamClient
				.login(JwtAssertions.forOrg(team, (claims) -> claims.subject("Analyst@Example.com"))));
			assertThat(integration.get("id").asText())
				.isEqualTo(team.loginUrl() + "/id/" + team.orgId() + "/" + team.userId());
			assertThat(analyst.get("id").asText())
				.isEqualTo(team.loginUrl() + "/id/" + team.orgId() + "/" + team.userId("analyst@example.com"));
			assertThat(team.userId("analyst@example.com")).hasSize(18)
				.startsWith("005")
				.isNotEqualTo(team.userId())
				.isNotEqualTo(team.userId("auditor@example.com"));
			assertThat(analyst.get("access_token").asText()).isNotEqualTo(integration.get("access_token").asText());
			assertThat(team.sessionCount()).isEqualTo(2);
		}
	}

	@Test
	void rejectsUserWhoIsNotPreAuthorizedAsSalesforceDoes() {
		try (FakeSalesforceOrg team = FakeSalesforceOrg.builder().preAuthorizedUsers("analyst@example.com").start()) {
			String assertion = JwtAssertions.forOrg(team, (claims) -> claims.subject("intern@example.com"));
			HttpResponse<String> response = new OrgClient(team).login(assertion);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body())
				.isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"user hasn't approved this consumer\"}");
			assertThat(team.sessionCount()).isZero();
		}
	}

	@Test
	void rejectsAssertionWhoseAudienceIsNotTheAuthorizationServer() {
		String assertion = JwtAssertions.forOrg(org,
				(claims) -> claims.audience(List.of("https://test.salesforce.com")));
		assertLoginError(client.login(assertion), LoginError.INVALID_AUDIENCE);
	}

	@Test
	void acceptsAudienceListThatContainsTheAuthorizationServer() {
		String assertion = JwtAssertions.forOrg(org,
				(claims) -> claims.audience(List.of("https://example.com", org.audience())));
		assertThat(client.login(assertion).statusCode()).isEqualTo(200);
	}

	@Test
	void rejectsExpiredAssertion() {
		String assertion = JwtAssertions.forOrg(org,
				(claims) -> claims.expiresAt(Instant.now().minus(Duration.ofMinutes(1))));
		assertLoginError(client.login(assertion), LoginError.EXPIRED_ASSERTION);
	}

	@Test
	void rejectsAssertionThatExpiresTooFarAhead() {
		String assertion = JwtAssertions.forOrg(org,
				(claims) -> claims.expiresAt(Instant.now().plus(Duration.ofHours(1))));
		assertLoginError(client.login(assertion), LoginError.INVALID_ASSERTION);
	}

	@Test
	void rejectsAssertionWithoutExpiration() {
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(org.consumerKey())
			.subject(org.username())
			.audience(List.of(org.audience()));
		String assertion = JwtAssertions.sign(org.keyPair(), claims);
		assertLoginError(client.login(assertion), LoginError.INVALID_ASSERTION);
	}

	@Test
	void rejectsOtherGrantType() {
		HttpResponse<String> response = client.postForm("/services/oauth2/token",
				"grant_type=client_credentials&assertion=" + OrgClient.encode(JwtAssertions.forOrg(org)));
		assertLoginError(response, LoginError.UNSUPPORTED_GRANT_TYPE);
	}

	@Test
	void rejectsBodyThatIsNotForm() {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("/services/oauth2/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"" + TokenEndpoint.JWT_BEARER
					+ "\",\"assertion\":\"" + JwtAssertions.forOrg(org) + "\"}"))
			.build());
		assertLoginError(response, LoginError.UNSUPPORTED_GRANT_TYPE);
	}

	@ParameterizedTest
	@EnumSource(LoginError.class)
	void answersTheRejectionEvenToGoodAssertion(LoginError error) {
		org.rejectLogins(error);
		assertLoginError(client.login(JwtAssertions.forOrg(org)), error);
		assertThat(org.loginCount()).isEqualTo(1);
		assertThat(org.sessionCount()).isZero();
	}

	@Test
	void acceptsLoginsAgainAfterRejectingThem() {
		org.rejectLogins(LoginError.LOGIN_RATE_EXCEEDED);
		assertLoginError(client.login(JwtAssertions.forOrg(org)), LoginError.LOGIN_RATE_EXCEEDED);
		org.acceptLogins();
		assertThat(client.login(JwtAssertions.forOrg(org)).statusCode()).isEqualTo(200);
		assertThat(org.loginCount()).isEqualTo(2);
	}

	@Test
	void verifiesAgainstTrustedCertificate() throws Exception {
		try (FakeSalesforceOrg other = FakeSalesforceOrg.start()) {
			X509Certificate otherCertificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(other.certificatePem().getBytes(StandardCharsets.US_ASCII)));
			org.trustCertificate(otherCertificate);
			String signedWithOtherKey = JwtAssertions.sign(other.keyPair(), JwtAssertions.goodClaims(org));
			assertThat(client.login(signedWithOtherKey).statusCode()).isEqualTo(200);
			assertLoginError(client.login(JwtAssertions.forOrg(org)), LoginError.INVALID_ASSERTION);
			org.reset();
			assertThat(client.login(JwtAssertions.forOrg(org)).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void countsEveryTokenRequest() {
		client.login(JwtAssertions.forOrg(org));
		client.login("not-a-jwt");
		client.postForm("/services/oauth2/token", "grant_type=password");
		assertThat(org.loginCount()).isEqualTo(3);
		org.reset();
		assertThat(org.loginCount()).isZero();
	}

	@Test
	void revokesAccessToken() {
		String accessToken = client.accessToken();
		HttpResponse<String> response = client.postForm("/services/oauth2/revoke",
				"token=" + OrgClient.encode(accessToken));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(org.sessionCount()).isZero();
		assertThat(org.loginCount()).isEqualTo(1);
	}

	private static void assertLoginError(HttpResponse<String> response, LoginError error) {
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode body = OrgClient.json(response);
		assertThat(body.get("error").asText()).isEqualTo(error.error());
		assertThat(body.get("error_description").asText()).isEqualTo(error.errorDescription());
		assertThat(body.size()).isEqualTo(2);
	}

}
