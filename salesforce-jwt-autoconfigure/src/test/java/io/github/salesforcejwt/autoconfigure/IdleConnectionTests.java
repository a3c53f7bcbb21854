package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.salesforcejwt.SalesforceClient;
import io.github.salesforcejwt.autoconfigure.IdleDroppingInstance.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code salesforce.jwt.connections.max-idle-time}: the Salesforce clients' pool closes a
 * connection idle for longer, so a request after a pause goes out on a new connection
 * rather than on one the server may have closed meanwhile. The instance here drops, without
 * an answer, any request that comes on a connection idle for 1.5 s or more (as a server
 * whose keep-alive ended would): with a maximum idle time of 1 s, POSTs after 2.5 s pauses
 * all succeed, each sent once, on both client paths. With a maximum of 60 s, the first POST
 * after each pause fails on either path (a POST is never sent twice).
 */
@SpringBootTest(classes = IdleConnectionTests.TestApplication.class, properties = {
		"salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8,
		"salesforce.jwt.connections.max-idle-time=1s" })
@EnableWireMock(@ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"))
class IdleConnectionTests {

	private static IdleDroppingInstance instance;

	@InjectWireMock("login")
	WireMockServer login;

	@Autowired
	@SalesforceClient
	WebClient webClient;

	@Autowired
	@SalesforceClient
	RestClient restClient;

	@BeforeAll
	static void startInstance() {
		instance = new IdleDroppingInstance(Duration.ofSeconds(30), Duration.ofMillis(1_500));
	}

	@AfterAll
	static void stopInstance() {
		instance.close();
	}

	@BeforeEach
	void stubLogin() {
		SalesforceStubs.stubToken(this.login, "00D!token", instance.baseUrl());
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void postsAfterPausesLongerThanTheMaximumIdleTimeGoOutOnNewConnections(Path path) throws Exception {
		int connectionsBefore = instance.connections();
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 5; i++) {
				assertThat(path.createTask(this.webClient, this.restClient, path + "-" + round + "-" + i)).isTrue();
			}
			Thread.sleep(2_500);
		}
		assertThat(instance.posts().entrySet()).filteredOn((post) -> post.getKey().startsWith(path.name()))
			.hasSize(15)
			.allSatisfy((post) -> assertThat(post.getValue().get()).as("sends of POST %s", post.getKey()).isOne());
		// A new connection after each pause
		assertThat(instance.connections() - connectionsBefore).isGreaterThanOrEqualTo(3);
	}

	/**
	 * The same with the {@code RestClient} on Reactor Netty rather than Apache HttpClient.
	 */
	@Nested
	@TestPropertySource(properties = "spring.http.clients.imperative.factory=reactor")
	class OnReactorNettyRestClient {

		@Autowired
		@SalesforceClient
		RestClient reactorRestClient;

		@Test
		void postsAfterPausesLongerThanTheMaximumIdleTimeGoOutOnNewConnections() throws Exception {
			assertThat(this.reactorRestClient).extracting("clientRequestFactory")
				.isInstanceOf(ReactorClientHttpRequestFactory.class);
			int connectionsBefore = instance.connections();
			for (int round = 0; round < 3; round++) {
				for (int i = 0; i < 5; i++) {
					assertThat(Path.REST_CLIENT.createTask(IdleConnectionTests.this.webClient, this.reactorRestClient,
							"REACTOR-" + round + "-" + i))
						.isTrue();
				}
				Thread.sleep(2_500);
			}
			assertThat(instance.posts().entrySet()).filteredOn((post) -> post.getKey().startsWith("REACTOR"))
				.hasSize(15)
				.allSatisfy((post) -> assertThat(post.getValue().get()).as("sends of POST %s", post.getKey()).isOne());
			assertThat(instance.connections() - connectionsBefore).isGreaterThanOrEqualTo(3);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
