package io.github.salesforcejwt.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of salesforce-jwt-starter against {@link FakeSalesforceOrg}: the
 * starter signs its own assertion, the org verifies it, and the
 * {@code salesforceWebClient} queries and creates Accounts at the org's
 * {@code instance_url}.
 */
@SpringBootTest(classes = StarterWithFakeOrgTests.TestApplication.class)
@EnableFakeSalesforceOrg
class StarterWithFakeOrgTests {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private FakeSalesforceOrg org;

	@Autowired
	@Qualifier("salesforceWebClient")
	private WebClient salesforce;

	@BeforeEach
	void reset() {
		this.org.reset();
	}

	@Test
	void logsInWithAnAssertionTheOrgVerifiesAndQueriesAccounts() throws Exception {
		QueryResult result = query(this.salesforce);
		assertThat(result.records()).extracting(AccountRecord::name).containsExactly("Acme", "Globex", "Initech");
		assertThat(result.records()).extracting(AccountRecord::id)
			.containsExactlyElementsOf(this.org.accounts().stream().map(Account::id).toList());
		assertThat(this.org.loginCount()).isEqualTo(1);
		List<LoggedRequest> logins = this.org.loginWireMock()
			.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token")));
		assertThat(logins).hasSize(1);
		Map<String, String> form = formParameters(logins.get(0));
		assertThat(form).containsOnlyKeys("grant_type", "assertion");
		assertThat(logins.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
		// The org verified it already; check again, and the exact claims, as Salesforce sees them
		SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
		assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) this.org.certificate().getPublicKey())))
			.isTrue();
		assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		JWTClaimsSet claims = assertion.getJWTClaimsSet();
		assertThat(claims.getClaims().keySet()).isEqualTo(Set.of("iss", "sub", "aud", "exp"));
		assertThat(claims.getIssuer()).isEqualTo(this.org.consumerKey());
		assertThat(claims.getSubject()).isEqualTo(this.org.username());
		assertThat(claims.getAudience()).containsExactly(this.org.audience());
	}

	@Test
	void createsAccounts() {
		SaveResult result = this.salesforce.post()
			.uri("/services/data/v66.0/sobjects/Account")
			.bodyValue(Map.of("Name", "Initech 2"))
			.retrieve()
			.bodyToMono(SaveResult.class)
			.block(TIMEOUT);
		assertThat(result.success()).isTrue();
		assertThat(this.org.accounts()).last().isEqualTo(new Account(result.id(), "Initech 2"));
		assertThat(query(this.salesforce).records()).extracting(AccountRecord::name).endsWith("Initech 2");
	}

	@Test
	void logsInOnceForManyCalls() {
		for (int i = 0; i < 25; i++) {
			assertThat(query(this.salesforce).records()).hasSize(3);
		}
		assertThat(this.org.loginCount()).isEqualTo(1);
		assertThat(this.org.sessionCount()).isEqualTo(1);
		assertThat(this.org.apiCallCount()).isEqualTo(25);
	}

	@Test
	void logsInExactlyOnceMoreWhenTheSessionsExpire() {
		query(this.salesforce);
		assertThat(this.org.loginCount()).isEqualTo(1);
		this.org.expireSessions();
		assertThat(query(this.salesforce).records()).hasSize(3);
		assertThat(this.org.loginCount()).isEqualTo(2);
		for (int i = 0; i < 5; i++) {
			query(this.salesforce);
		}
		assertThat(this.org.loginCount()).isEqualTo(2);
	}

	private static Map<String, String> formParameters(LoggedRequest request) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : request.getBodyAsString().split("&")) {
			String[] nameAndValue = pair.split("=", 2);
			parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
					URLDecoder.decode((nameAndValue.length > 1) ? nameAndValue[1] : "", StandardCharsets.UTF_8));
		}
		return parameters;
	}

	static QueryResult query(WebClient salesforce) {
		return salesforce.get()
			.uri("/services/data/v66.0/query?q={soql}", "SELECT Id, Name FROM Account")
			.retrieve()
			.bodyToMono(QueryResult.class)
			.block(TIMEOUT);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record QueryResult(int totalSize, boolean done, List<AccountRecord> records) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record AccountRecord(@JsonProperty("Id") String id, @JsonProperty("Name") String name) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record SaveResult(String id, boolean success) {
	}

}
