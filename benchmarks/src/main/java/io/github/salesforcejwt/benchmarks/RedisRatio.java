package io.github.salesforcejwt.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The steady state with the Redis token store ({@code --parts=ratio-redis}): the plain
 * client, {@code salesforceWebClient} with the memory store and with the Redis store (a
 * second context, {@code salesforce.jwt.token-store.type=redis}, on a {@code redis-server}
 * started on a free loopback port), in rotating 1 s slices; and the commands Redis
 * processed meanwhile, which should be none.
 */
final class RedisRatio {

	private static final Duration SLICE = Duration.ofSeconds(1);

	private RedisRatio() {
	}

	/**
	 * Measure, and write the section's lines.
	 */
	static void run(SalesforceStub stub, Clients clients, int[] concurrency, int rounds, Consumer<String> line,
			Consumer<String> log) throws Exception {
		int port = freePort();
		Process redis = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		List<String> properties = new ArrayList<>(List.of(Clients.starterProperties(stub.loginUrl())));
		properties.addAll(List.of("salesforce.jwt.token-store.type=redis",
				"salesforce.jwt.token-store.secret=benchmark secret, 16+ characters", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + port));
		try (ConfigurableApplicationContext fleet = new SpringApplicationBuilder(Clients.StarterApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.bannerMode(Banner.Mode.OFF)
			.properties(properties.toArray(String[]::new))
			.run()) {
			ReactiveStringRedisTemplate template = fleet.getBean(ReactiveStringRedisTemplate.class);
			awaitRedis(template);
			WebClient plain = clients.plainWebClient(stub.issueFixedToken());
			WebClient memory = clients.salesforceWebClient();
			WebClient shared = fleet.getBean("salesforceWebClient", WebClient.class);
			List<String> names = List.of("plain WebClient", "salesforceWebClient, memory store",
					"salesforceWebClient, Redis store");
			List<WebClient> clientsToRun = List.of(plain, memory, shared);
			line.accept(rounds + " rounds of 1 s slices of each client in turn (order rotated every round), after a "
					+ "3 s warm-up each: totals over all slices. The Redis store's client is the `salesforceWebClient` "
					+ "of a second context with `salesforce.jwt.token-store.type=redis`, on a `redis-server` started "
					+ "for the run. Redis commands: `total_commands_processed` of the server across the measured "
					+ "slices, less the one `INFO` that reads it.");
			line.accept("");
			line.accept("| c | client | calls/s (all slices) | ratio to plain (all slices) | ratio per round, median "
					+ "(min–max) | JVM CPU µs/call | logins | Redis commands |");
			line.accept("|---:|---|---:|---:|---:|---:|---:|---:|");
			for (int c : concurrency) {
				for (WebClient client : clientsToRun) {
					Load.run(new Load.Accumulator(), () -> Clients.query(client), c, Duration.ofSeconds(3));
				}
				List<Load.Accumulator> sums = List.of(new Load.Accumulator(), new Load.Accumulator(),
						new Load.Accumulator());
				List<List<Double>> ratios = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
				long logins = stub.tokenRequests();
				long commands = commandsProcessed(template);
				for (int round = 0; round < rounds; round++) {
					double[] throughput = new double[3];
					for (int i = 0; i < 3; i++) {
						int which = (i + round) % 3;
						Load.Accumulator sum = sums.get(which);
						long calls = sum.histogram.count();
						long nanos = sum.nanos.get();
						WebClient client = clientsToRun.get(which);
						Load.run(sum, () -> Clients.query(client), c, SLICE);
						throughput[which] = (sum.histogram.count() - calls) / (double) (sum.nanos.get() - nanos);
					}
					for (int i = 0; i < 3; i++) {
						ratios.get(i).add(throughput[i] / throughput[0]);
					}
				}
				long redisCommands = commandsProcessed(template) - commands - 1;
				long measuredLogins = stub.tokenRequests() - logins;
				Load.Result base = sums.get(0).result(names.get(0), c);
				for (int i = 0; i < 3; i++) {
					Load.Result result = sums.get(i).result(names.get(i), c);
					log.accept(String.format(Locale.ROOT, "  c=%-3d %-36s %9.0f calls/s  ratio %.3f  cpu %.1f µs/call",
							c, result.client(), result.throughput(), result.throughput() / base.throughput(),
							result.cpuMicrosPerCall()));
					line.accept(String.format(Locale.ROOT, "| %d | %s | %.0f | %.3f | %s | %.1f | %s | %s |", c,
							result.client(), result.throughput(), result.throughput() / base.throughput(),
							Stats.of(ratios.get(i)).format("%.3f"), result.cpuMicrosPerCall(),
							(i == 2) ? Long.toString(measuredLogins) : "",
							(i == 2) ? Long.toString(redisCommands) : ""));
				}
			}
			line.accept("");
			line.accept("Logins: token requests the stub answered during the measured slices (all clients). The "
					+ "Redis store's instance took its token once, before the slices. With a token, both starter "
					+ "rows run the same code per call (the token manager's local copy; the store is asked only "
					+ "when there is no token to use), so the Redis commands column is the figure to read: the "
					+ "difference between the two starter rows is this machine's noise, which the per-round "
					+ "min–max shows.");
		}
		finally {
			redis.destroy();
			redis.waitFor();
		}
	}

	private static long commandsProcessed(ReactiveStringRedisTemplate template) {
		Properties info = template.execute((connection) -> connection.serverCommands().info("stats"))
			.next()
			.block(Duration.ofSeconds(10));
		return Long.parseLong(info.getProperty("total_commands_processed").strip());
	}

	private static void awaitRedis(ReactiveStringRedisTemplate template) throws InterruptedException {
		for (int attempt = 0; attempt < 200; attempt++) {
			try {
				template.hasKey("ping").block(Duration.ofSeconds(1));
				return;
			}
			catch (RuntimeException ex) {
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException("redis-server did not start");
	}

	private static String binary() {
		for (String directory : (System.getenv("PATH") + ":/usr/bin:/usr/sbin:/usr/local/bin").split(":")) {
			Path candidate = Path.of(directory, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new IllegalStateException("--parts=ratio-redis needs redis-server: apt-get install redis-server");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
