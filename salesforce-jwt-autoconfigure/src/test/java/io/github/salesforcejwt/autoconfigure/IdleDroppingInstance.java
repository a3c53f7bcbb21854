package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A Salesforce instance on loopback whose keep-alive connections close after an idle
 * timeout, as a server or a load balancer in front of it would, and that, like one closing
 * a connection just as a request arrives on it, drops without an answer any request that
 * comes on a connection idle for a given time or more. It answers
 * {@code GET /services/data/v66.0/limits} and {@code POST /services/data/v66.0/sobjects/Task},
 * and counts the connections opened and the sends of each POST (by its {@code X-Call}
 * header).
 */
final class IdleDroppingInstance implements AutoCloseable {

	static final String LIMITS = "/services/data/v66.0/limits";

	static final String TASKS = "/services/data/v66.0/sobjects/Task";

	private static final AttributeKey<Long> LAST_REQUEST = AttributeKey.valueOf("lastRequest");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final Duration dropAfterIdle;

	private final DisposableServer server;

	IdleDroppingInstance(Duration idleTimeout, Duration dropAfterIdle) {
		this.dropAfterIdle = dropAfterIdle;
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.idleTimeout(idleTimeout)
			.doOnChannelInit((observer, channel, address) -> this.connections.incrementAndGet())
			.route((routes) -> routes.get(LIMITS, (request, response) -> {
				if (reusedAfterIdle(request)) {
					return Mono.empty();
				}
				return response.header("Content-Type", "application/json").sendString(Mono.just("{}"));
			})
				.post(TASKS, (request, response) -> request.receive()
					.aggregate()
					.asString()
					.defaultIfEmpty("")
					.flatMap((body) -> {
						this.posts.computeIfAbsent(request.requestHeaders().get("X-Call"), (id) -> new AtomicInteger())
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
	 * for the drop time or more.
	 */
	private boolean reusedAfterIdle(HttpServerRequest request) {
		long now = System.nanoTime();
		boolean[] drop = { false };
		request.withConnection((connection) -> {
			Long last = connection.channel().attr(LAST_REQUEST).getAndSet(now);
			if (last != null && now - last >= this.dropAfterIdle.toNanos()) {
				drop[0] = true;
				connection.channel().close();
			}
		});
		return drop[0];
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	int connections() {
		return this.connections.get();
	}

	/**
	 * How many times each POST was received, by its {@code X-Call} header.
	 */
	Map<String, AtomicInteger> posts() {
		return this.posts;
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/**
	 * The two client paths, each with the instance's two calls.
	 */
	enum Path {

		WEB_CLIENT, REST_CLIENT;

		String limits(WebClient webClient, RestClient restClient) {
			return switch (this) {
				case WEB_CLIENT -> webClient.get().uri(LIMITS).retrieve().bodyToMono(String.class).block(TIMEOUT);
				case REST_CLIENT -> restClient.get().uri(LIMITS).retrieve().body(String.class);
			};
		}

		boolean createTask(WebClient webClient, RestClient restClient, String id) {
			return switch (this) {
				case WEB_CLIENT -> webClient.post()
					.uri(TASKS)
					.header("X-Call", id)
					.bodyValue("{\"Subject\":\"Call\"}")
					.retrieve()
					.toBodilessEntity()
					.block(TIMEOUT) != null;
				case REST_CLIENT -> restClient.post()
					.uri(TASKS)
					.header("X-Call", id)
					.body("{\"Subject\":\"Call\"}")
					.retrieve()
					.toBodilessEntity() != null;
			};
		}

	}

}
