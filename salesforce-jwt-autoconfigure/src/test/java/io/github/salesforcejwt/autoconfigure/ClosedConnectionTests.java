package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.List;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
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
 * An instance whose keep-alive connections close after 5 s idle, as a server or a load
 * balancer in front of it would, and that, like one closing a connection just as a request
 * arrives on it, drops without an answer any request that comes on a connection idle for
 * 4.5 s or more: bursts of GETs after idle pauses of 4.6 to 5.4 s lose no call on either
 * client path, and a POST is never sent twice.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8 })
@EnableWireMock(@ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"))
class ClosedConnectionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int BURST = 300;

	private static final List<Long> PAUSES_MS = List.of(4_600L, 5_000L, 5_400L);

	private static final Duration IDLE_DROP = Duration.ofMillis(4_500);

	private static final AttributeKey<Long> LAST_REQUEST = AttributeKey.valueOf("lastRequest");

	private static final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();

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
			.idleTimeout(Duration.ofSeconds(5))
			.route((routes) -> routes.get("/services/data/v66.0/limits", (request, response) -> {
				if (reusedAfterIdle(request)) {
					return Mono.empty();
				}
				return response.header("Content-Type", "application/json").sendString(Mono.just("{}"));
			}).post("/services/data/v66.0/sobjects/Task", (request, response) -> {
				posts.computeIfAbsent(request.requestHeaders().get("X-Call"), (id) -> new AtomicInteger())
					.incrementAndGet();
				if (reusedAfterIdle(request)) {
					return Mono.empty();
				}
				return response.status(HttpResponseStatus.CREATED)
					.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"success\":true}"));
			}))
			.bindNow();
	}

	/**
	 * Close the connection without an answer when the request came on a connection idle
	 * for 4.5 s or more.
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
	void losesNoGetAfterIdlePausesAroundTheServersKeepAliveAndNeverRepeatsAPost(Path path) throws Exception {
		assertThat(burst(path)).isZero();
		int failures = 0;
		for (long pause : PAUSES_MS) {
			Thread.sleep(pause);
			failures += burst(path);
		}
		assertThat(failures).as("GETs lost after idle pauses").isZero();
		Thread.sleep(PAUSES_MS.get(0));
		List<Boolean> created = Flux.range(0, 50)
			.flatMap((i) -> Mono.fromCallable(() -> create(path, path + "-" + i))
				.subscribeOn(Schedulers.boundedElastic())
				.onErrorReturn(false), 50)
			.collectList()
			.block(TIMEOUT);
		assertThat(created).hasSize(50);
		// A POST that met a dropped connection failed: it was not sent again
		assertThat(posts).allSatisfy((id, count) -> assertThat(count.get()).as("sends of POST %s", id).isOne());
	}

	/**
	 * Send a burst of GETs at once and return how many failed.
	 */
	private int burst(Path path) {
		return Flux.range(0, BURST)
			.flatMap((i) -> Mono.fromCallable(() -> limits(path))
				.subscribeOn(Schedulers.boundedElastic())
				.map((body) -> 0)
				.onErrorReturn(1), BURST)
			.reduce(0, Integer::sum)
			.block(TIMEOUT);
	}

	private String limits(Path path) {
		return switch (path) {
			case WEB_CLIENT ->
				this.webClient.get().uri("/services/data/v66.0/limits").retrieve().bodyToMono(String.class).block(TIMEOUT);
			case REST_CLIENT -> this.restClient.get().uri("/services/data/v66.0/limits").retrieve().body(String.class);
		};
	}

	private boolean create(Path path, String id) {
		return switch (path) {
			case WEB_CLIENT -> this.webClient.post()
				.uri("/services/data/v66.0/sobjects/Task")
				.header("X-Call", id)
				.bodyValue("{\"Subject\":\"Call\"}")
				.retrieve()
				.toBodilessEntity()
				.block(TIMEOUT) != null;
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
