package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.salesforcejwt.SalesforceClient;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code salesforce.jwt.connections.max-idle-time}: the Salesforce clients' pool closes a
 * connection idle for longer, so a request after a pause goes out on a new connection
 * rather than on one the server may have closed meanwhile. The instance here drops, without
 * an answer, any request that comes on a connection idle for 1.5 s or more (as a server
 * whose keep-alive ended would): with a maximum idle time of 1 s, POSTs after 2.5 s pauses all
 * succeed, each sent once, on both client paths. Without it, each pause would cost the
 * first POST after it (a POST is never sent twice).
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8,
		"salesforce.jwt.connections.max-idle-time=1s" })
@EnableWireMock(@ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"))
class IdleConnectionTests {

	private static final Duration IDLE_DROP = Duration.ofMillis(1_500);

	private static final AttributeKey<Long> LAST_REQUEST = AttributeKey.valueOf("lastRequest");

	private static final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();

	private static final AtomicInteger connections = new AtomicInteger();

	private static DisposableServer instance;

	@InjectWireMock("login")
	WireMockServer login;

	@Autowired
	@SalesforceClient
	WebClient webClient;

	@Autowired
	@SalesforceClient
	RestClient restClient;

	enum Path {

		WEB_CLIENT, REST_CLIENT

	}

	@BeforeAll
	static void startInstance() {
		instance = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.idleTimeout(Duration.ofSeconds(30))
			.doOnChannelInit((observer, channel, address) -> connections.incrementAndGet())
			.route((routes) -> routes.post("/services/data/v66.0/sobjects/Task",
					(request, response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
						posts.computeIfAbsent(request.requestHeaders().get("X-Call"), (id) -> new AtomicInteger())
							.incrementAndGet();
						if (reusedAfterIdle(request)) {
							return Mono.empty();
						}
						// The body read, the connection stays open for the next request
						return response.status(HttpResponseStatus.CREATED)
							.header("Content-Type", "application/json")
							.sendString(Mono.just("{\"success\":true}"))
							.then();
					})))
			.bindNow();
	}

	/**
	 * Close the connection without an answer when the request came on a connection idle
	 * for 1.5 s or more.
	 */
	private static boolean reusedAfterIdle(HttpServerRequest request) {
		long now = System.nanoTime();
		boolean[] drop = { false };
		request.withConnection((connection) -> {
			Long last = connection.channel().attr(LAST_REQUEST).getAndSet(now);
			if (last != null && now - last >= IDLE_DROP.toNanos()) {
				drop[0] = true;
				connection.channel().close();
			}
		});
		return drop[0];
	}

	@AfterAll
	static void stopInstance() {
		instance.disposeNow();
	}

	@BeforeEach
	void stubLogin() {
		SalesforceStubs.stubToken(this.login, "00D!token", "http://127.0.0.1:" + instance.port());
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void postsAfterPausesLongerThanTheMaximumIdleTimeGoOutOnNewConnections(Path path) throws Exception {
		int connectionsBefore = connections.get();
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 5; i++) {
				assertThat(create(path, path + "-" + round + "-" + i)).isTrue();
			}
			Thread.sleep(2_500);
		}
		assertThat(posts.entrySet()).filteredOn((post) -> post.getKey().startsWith(path.name()))
			.hasSize(15)
			.allSatisfy((post) -> assertThat(post.getValue().get()).as("sends of POST %s", post.getKey()).isOne());
		// A new connection after each pause
		assertThat(connections.get() - connectionsBefore).isGreaterThanOrEqualTo(3);
	}

	private boolean create(Path path, String id) {
		return switch (path) {
			case WEB_CLIENT -> this.webClient.post()
				.uri("/services/data/v66.0/sobjects/Task")
				.header("X-Call", id)
				.bodyValue("{\"Subject\":\"Call\"}")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(30)) != null;
			case REST_CLIENT -> this.restClient.post()
				.uri("/services/data/v66.0/sobjects/Task")
				.header("X-Call", id)
				.body("{\"Subject\":\"Call\"}")
				.retrieve()
				.toBodilessEntity() != null;
		};
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
