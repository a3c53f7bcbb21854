package io.github.salesforcejwt.test;

import java.util.Map;

import io.github.salesforcejwt.SalesforceClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * End-to-end tests of the starter's per-user clients against an org of
 * {@link EnableFakeSalesforceOrg @EnableFakeSalesforceOrg} with several pre-authorized
 * users: the UserInfo endpoint tells whose token each request carried.
 * <p>
 * The clients keep their sessions from one test to the next, while {@link #reset()} ends
 * them in the org. Salesforce's identity service answers an ended session with 403
 * {@code Bad_OAuth_Token}, which no client takes for an ended session; so each test first
 * calls the REST API with each client, whose 401 {@code INVALID_SESSION_ID} makes the
 * client log in again, exactly once.
 */
@SpringBootTest(classes = StarterWithFakeOrgTests.TestApplication.class,
		properties = { "salesforce.jwt.login.cool-down=0", "salesforce.jwt.login.max-cool-down=0" })
@EnableFakeSalesforceOrg(preAuthorizedUsers = { "analyst@example.com", "auditor@example.com" })
class StarterWithPreAuthorizedUsersTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private FakeSalesforceOrg org;

	@Autowired
	private SalesforceClients clients;

	@BeforeEach
	void reset() {
		this.org.reset();
	}

	@Test
	void sendsTheTokenOfEachUserAndLogsInOncePerUser() {
		WebClient integration = live(this.clients.webClient());
		WebClient analyst = live(this.clients.webClient(SalesforceClients.DEFAULT_ORG, "analyst@example.com"));
		for (int i = 0; i < 3; i++) {
			assertThat(userInfo(integration)).containsEntry("user_id", this.org.userId())
				.containsEntry("preferred_username", "integration@example.com");
			assertThat(userInfo(analyst)).containsEntry("user_id", this.org.userId("analyst@example.com"))
				.containsEntry("preferred_username", "analyst@example.com");
		}
		assertThat(this.org.loginCount()).isEqualTo(2);
		assertThat(this.org.sessionCount()).isEqualTo(2);
	}

	@Test
	void failsForAUserWhoIsNotPreAuthorizedAndOnlyForThatUser() {
		Throwable failure = catchThrowable(
				() -> userInfo(this.clients.webClient(SalesforceClients.DEFAULT_ORG, "intern@example.com")));
		assertThat(failure).hasMessageContaining("user hasn't approved this consumer");
		assertThat(userInfo(live(this.clients.webClient(SalesforceClients.DEFAULT_ORG, "auditor@example.com"))))
			.containsEntry("preferred_username", "auditor@example.com");
	}

	@Test
	void answersBadOAuthTokenOnceTheSessionsEnd() {
		WebClient analyst = live(this.clients.webClient(SalesforceClients.DEFAULT_ORG, "analyst@example.com"));
		userInfo(analyst);
		this.org.expireSessions();
		// The identity service's 403 is not the REST API's ended session: no new login
		Throwable failure = catchThrowable(() -> userInfo(analyst));
		assertThat(failure).isInstanceOfSatisfying(WebClientResponseException.class, (ex) -> {
			assertThat(ex.getStatusCode().value()).isEqualTo(403);
			assertThat(ex.getResponseBodyAsString()).isEqualTo("Bad_OAuth_Token");
		});
		assertThat(this.org.loginCount()).isEqualTo(1);
	}

	/**
	 * Make sure that the client's session is live, with one REST API call.
	 * @param client the client
	 * @return the client
	 */
	private static WebClient live(WebClient client) {
		assertThat(StarterWithFakeOrgTests.query(client).records()).hasSize(3);
		return client;
	}

	private static Map<String, Object> userInfo(WebClient client) {
		return client.get()
			.uri("/services/oauth2/userinfo")
			.retrieve()
			.bodyToMono(JSON_OBJECT)
			.block(StarterWithFakeOrgTests.TIMEOUT);
	}

}
