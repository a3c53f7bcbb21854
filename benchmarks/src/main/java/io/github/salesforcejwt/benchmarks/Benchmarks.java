package io.github.salesforcejwt.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.core.SpringSecurityCoreVersion;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Runs every measurement of issue 6 against an in-process Salesforce stub and writes
 * {@code RESULTS.md} and {@code throughput.png}. See {@code benchmarks/README.md}.
 */
public final class Benchmarks {

	static final String PLAIN = "plain WebClient";

	static final String STARTER = "salesforceWebClient";

	static final String SPRING_SECURITY = "Spring Security";

	static final String SPRING_SECURITY_NO_DELAY = "Spring Security, token delay 0";

	private static final Duration SLICE = Duration.ofSeconds(1);

	private static final Duration SESSION_END_WINDOW = Duration.ofSeconds(3);

	private static final Duration SESSION_END_PERIOD = Duration.ofMillis(250);

	private final Options options;

	private final SalesforceStub stub;

	private final Clients clients;

	private final StringBuilder report = new StringBuilder();

	private final Map<String, Map<Integer, Stats>> throughput = new LinkedHashMap<>();

	private Benchmarks(Options options, SalesforceStub stub, Clients clients) {
		this.options = options;
		this.stub = stub;
		this.clients = clients;
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		Options options = Options.parse(args);
		long start = System.nanoTime();
		try (SalesforceStub stub = new SalesforceStub(publicKey(), options.tokenDelay);
				Clients clients = new Clients(stub)) {
			Benchmarks benchmarks = new Benchmarks(options, stub, clients);
			benchmarks.header();
			if (options.parts.contains("steady")) {
				benchmarks.steadyState();
			}
			if (options.parts.contains("logins")) {
				benchmarks.logins();
			}
			if (options.parts.contains("session-end")) {
				benchmarks.sessionEndUnderLoad();
			}
			if (options.parts.contains("startup")) {
				benchmarks.startup();
			}
			if (options.parts.contains("ratio")) {
				benchmarks.longRatio();
			}
			if (options.parts.contains("restclient-ratio")) {
				benchmarks.restClientRatio();
			}
			if (options.parts.contains("queries")) {
				benchmarks.queries();
			}
			if (options.parts.contains("sessions")) {
				benchmarks.idleSessions();
			}
			if (options.parts.contains("ratio-redis")) {
				benchmarks.section("Steady state with the Redis token store");
				RedisRatio.run(stub, clients, options.concurrency, options.pairs, benchmarks::line, Benchmarks::log);
			}
			benchmarks.footer(Duration.ofNanos(System.nanoTime() - start));
			benchmarks.write();
		}
		System.exit(0);
	}

	// 1 and 3: throughput and latency, alternating the clients in the same run

	private void steadyState() {
		String fixedToken = this.stub.issueFixedToken();
		WebClient plain = this.clients.plainWebClient(fixedToken);
		WebClient starter = this.clients.salesforceWebClient();
		WebClient springSecurity = this.clients.springSecurityWebClient();
		List<Contender> contenders = new ArrayList<>();
		contenders.add(new Contender(PLAIN, () -> Clients.query(plain), this.options.tokenDelay));
		contenders.add(new Contender(STARTER, () -> Clients.query(starter), this.options.tokenDelay));
		contenders.add(new Contender(SPRING_SECURITY, () -> Clients.query(springSecurity), this.options.tokenDelay));
		contenders
			.add(new Contender(SPRING_SECURITY_NO_DELAY, () -> Clients.query(springSecurity), Duration.ZERO));
		log("Warming up every client at concurrency 16 for " + 2 * this.options.warmup.toSeconds() + " s each");
		for (Contender contender : contenders) {
			measure(contender, 16, this.options.warmup.multipliedBy(2));
		}
		Map<String, Map<Integer, List<Measured>>> results = new LinkedHashMap<>();
		Contender first = contenders.get(0);
		Contender second = contenders.get(1);
		Map<Integer, List<Double>> sliceRatios = new LinkedHashMap<>();
		for (int concurrency : this.options.concurrency) {
			for (Contender contender : contenders) {
				measure(contender, concurrency, this.options.warmup);
			}
			for (int run = 0; run < this.options.runs; run++) {
				// The plain client and the starter: 1 s slices, interleaved, the order swapped every
				// run, so that both see the same moments of a shared, noisy machine
				Contender a = (run % 2 == 0) ? first : second;
				Contender b = (run % 2 == 0) ? second : first;
				Load.Accumulator sumA = new Load.Accumulator();
				Load.Accumulator sumB = new Load.Accumulator();
				long loginsA = 0;
				long loginsB = 0;
				long slices = Math.max(1, this.options.window.toMillis() / SLICE.toMillis());
				for (int slice = 0; slice < slices; slice++) {
					double[] before = { sumA.histogram.count(), sumA.nanos.get(), sumB.histogram.count(), sumB.nanos.get() };
					loginsA += measure(a, concurrency, SLICE, sumA);
					loginsB += measure(b, concurrency, SLICE, sumB);
					double throughputA = (sumA.histogram.count() - before[0]) / (sumA.nanos.get() - before[1]);
					double throughputB = (sumB.histogram.count() - before[2]) / (sumB.nanos.get() - before[3]);
					double ratio = (a == second) ? throughputA / throughputB : throughputB / throughputA;
					sliceRatios.computeIfAbsent(concurrency, (k) -> new ArrayList<>()).add(ratio);
				}
				record(results, concurrency, run, a, new Measured(sumA.result(a.name, concurrency), loginsA));
				record(results, concurrency, run, b, new Measured(sumB.result(b.name, concurrency), loginsB));
				for (Contender contender : contenders.subList(2, contenders.size())) {
					record(results, concurrency, run, contender, measure(contender, concurrency, this.options.window));
				}
			}
		}
		this.stub.setTokenDelay(this.options.tokenDelay);
		writeSteadyState(results, sliceRatios);
	}

	private Measured measure(Contender contender, int concurrency, Duration window) {
		Load.Accumulator sum = new Load.Accumulator();
		long logins = measure(contender, concurrency, window, sum);
		return new Measured(sum.result(contender.name, concurrency), logins);
	}

	private long measure(Contender contender, int concurrency, Duration window, Load.Accumulator into) {
		this.stub.setTokenDelay(contender.tokenDelay);
		long before = this.stub.tokenRequests();
		Load.run(into, contender.call, concurrency, window);
		long logins = this.stub.tokenRequests() - before;
		this.stub.setTokenDelay(this.options.tokenDelay);
		return logins;
	}

	private static void record(Map<String, Map<Integer, List<Measured>>> results, int concurrency, int run,
			Contender contender, Measured measured) {
		results.computeIfAbsent(contender.name, (k) -> new LinkedHashMap<>())
			.computeIfAbsent(concurrency, (k) -> new ArrayList<>())
			.add(measured);
		log(String.format(Locale.ROOT, "  c=%-3d run %d %-31s %9.0f calls/s  p50 %6d µs  p99 %7d µs  "
				+ "cpu %6.1f µs/call  logins %5d  errors %d%s", concurrency, run + 1, contender.name,
				measured.result.throughput(), measured.result.p50Micros(), measured.result.p99Micros(),
				measured.result.cpuMicrosPerCall(), measured.logins, measured.result.errors(),
				(measured.result.firstError() != null) ? "  first: " + measured.result.firstError() : ""));
	}

	private void writeSteadyState(Map<String, Map<Integer, List<Measured>>> results,
			Map<Integer, List<Double>> sliceRatios) {
		section("1. Steady state: throughput and latency (and 3. Spring Security's throughput)");
		line("Closed loop: `c` callers each send the next `GET " + Clients.QUERY
				+ "` as soon as the previous answered, for " + this.options.window.toSeconds() + " s per client and run, "
				+ this.options.runs + " runs per point after a " + this.options.warmup.toSeconds()
				+ " s warm-up per client and point. Within each run the plain client and `salesforceWebClient` "
				+ "alternate in 1 s slices (which goes first swaps every run), then Spring Security's client runs. "
				+ "Figures: median (min–max) over the runs. Logins: token requests during the measured runs. "
				+ "Spring Security is measured with the stub's token delay of " + this.options.tokenDelay.toMillis()
				+ " ms (all clients) and again with no token delay (its upper bound).");
		line("");
		line("| c | client | calls/s | p50 µs | p99 µs | JVM CPU µs/call | logins | errors |");
		line("|---:|---|---:|---:|---:|---:|---:|---:|");
		for (int concurrency : this.options.concurrency) {
			for (Map.Entry<String, Map<Integer, List<Measured>>> client : results.entrySet()) {
				List<Measured> runs = client.getValue().get(concurrency);
				Stats calls = Stats.of(runs.stream().map((m) -> m.result.throughput()).toList());
				this.throughput.computeIfAbsent(client.getKey(), (k) -> new LinkedHashMap<>()).put(concurrency, calls);
				line(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %d | %d |", concurrency,
						client.getKey(), calls.format("%.0f"),
						Stats.of(runs.stream().map((m) -> m.result.p50Micros()).toList()).format("%.0f"),
						Stats.of(runs.stream().map((m) -> m.result.p99Micros()).toList()).format("%.0f"),
						Stats.of(runs.stream().map((m) -> m.result.cpuMicrosPerCall()).toList()).format("%.0f"),
						runs.stream().mapToLong((m) -> m.logins).sum(),
						runs.stream().mapToLong((m) -> m.result.errors()).sum()));
			}
		}
		line("");
		line("Ratio of `salesforceWebClient` to the plain client (target ≥ 0.95): per run (3 s each, interleaved), "
				+ "and per pair of adjacent 1 s slices (the steadiest figure on a noisy machine); latency and CPU "
				+ "ratios per run. Median (min–max).");
		line("");
		line("| c | throughput ratio, per run | throughput ratio, per 1 s slice pair | p50 ratio | p99 ratio | "
				+ "CPU per call ratio | target met |");
		line("|---:|---:|---:|---:|---:|---:|---|");
		for (int concurrency : this.options.concurrency) {
			List<Measured> plain = results.get(PLAIN).get(concurrency);
			List<Measured> starter = results.get(STARTER).get(concurrency);
			List<Double> ratio = new ArrayList<>();
			List<Double> p50 = new ArrayList<>();
			List<Double> p99 = new ArrayList<>();
			List<Double> cpu = new ArrayList<>();
			for (int run = 0; run < plain.size(); run++) {
				cpu.add(starter.get(run).result.cpuMicrosPerCall() / plain.get(run).result.cpuMicrosPerCall());
				ratio.add(starter.get(run).result.throughput() / plain.get(run).result.throughput());
				p50.add((double) starter.get(run).result.p50Micros() / plain.get(run).result.p50Micros());
				p99.add((double) starter.get(run).result.p99Micros() / plain.get(run).result.p99Micros());
			}
			Stats ratios = Stats.of(ratio);
			Stats slices = Stats.of(sliceRatios.get(concurrency));
			line(String.format(Locale.ROOT, "| %d | %s | %s (%d pairs) | %s | %s | %s | %s |", concurrency,
					ratios.format("%.3f"), slices.format("%.3f"), slices.runs(), Stats.of(p50).format("%.2f"),
					Stats.of(p99).format("%.2f"), Stats.of(cpu).format("%.2f"),
					verdict(ratios.median(), slices.median())));
		}
		line("");
		line("Chart: [throughput.png](throughput.png) (log-log).");
	}

	private static String verdict(double perRun, double perSlice) {
		if (perRun >= 0.95 && perSlice >= 0.95) {
			return "yes";
		}
		if (perRun < 0.95 && perSlice < 0.95) {
			return "**no**";
		}
		return "unclear: the two medians disagree, within this machine's noise";
	}

	// A longer look at the ratio (not in a default run): where does the starter's cost come from?

	private void longRatio() {
		section("Long ratio: the plain client, `salesforceWebClient` with relative URIs, and with absolute URIs");
		String fixedToken = this.stub.issueFixedToken();
		WebClient plain = this.clients.plainWebClient(fixedToken);
		WebClient starter = this.clients.salesforceWebClient();
		String absolute = this.stub.baseUrl() + Clients.QUERY;
		List<Contender> contenders = List.of(new Contender(PLAIN, () -> Clients.query(plain), this.options.tokenDelay),
				new Contender(STARTER + ", relative URI", () -> Clients.query(starter), this.options.tokenDelay),
				new Contender(STARTER + ", absolute URI",
						() -> starter.get().uri(absolute).retrieve().bodyToMono(String.class), this.options.tokenDelay));
		line(this.options.pairs + " rounds of 1 s slices of each client in turn (order rotated every round), after a "
				+ "3 s warm-up each: totals over all slices. A relative URI is expanded against the token's instance URL "
				+ "by the client's `SalesforceInstanceUriBuilderFactory`, as the plain client's base URL expands it; an "
				+ "absolute URI needs no base: the difference between the two starter rows is that expansion. "
				+ "CPU per call: process CPU time (`OperatingSystemMXBean.getProcessCpuTime()`, client and stub) over "
				+ "each client's slices divided by its calls, in total and per round (target: within 10 % of the plain "
				+ "client, a ratio of at most 1.10).");
		line("");
		line("| c | client | calls/s (all slices) | ratio to plain (all slices) | ratio per round, median (min–max) | "
				+ "JVM CPU µs/call | CPU µs/call over plain | CPU per call ratio (all slices) | "
				+ "CPU per call ratio per round, median (min–max) |");
		line("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
		for (int concurrency : this.options.concurrency) {
			for (Contender contender : contenders) {
				measure(contender, concurrency, Duration.ofSeconds(3));
			}
			List<Load.Accumulator> sums = List.of(new Load.Accumulator(), new Load.Accumulator(),
					new Load.Accumulator());
			List<List<Double>> rounds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
			List<List<Double>> cpuRounds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
			for (int round = 0; round < this.options.pairs; round++) {
				double[] throughput = new double[3];
				double[] cpuPerCall = new double[3];
				for (int i = 0; i < 3; i++) {
					int which = (i + round) % 3;
					Load.Accumulator sum = sums.get(which);
					long calls = sum.histogram.count();
					long nanos = sum.nanos.get();
					long cpu = sum.cpuNanos.get();
					measure(contenders.get(which), concurrency, SLICE, sum);
					throughput[which] = (sum.histogram.count() - calls) / (double) (sum.nanos.get() - nanos);
					cpuPerCall[which] = (sum.cpuNanos.get() - cpu) / (double) (sum.histogram.count() - calls);
				}
				for (int i = 0; i < 3; i++) {
					rounds.get(i).add(throughput[i] / throughput[0]);
					cpuRounds.get(i).add(cpuPerCall[i] / cpuPerCall[0]);
				}
			}
			Load.Result base = sums.get(0).result(PLAIN, concurrency);
			for (int i = 0; i < 3; i++) {
				Load.Result result = sums.get(i).result(contenders.get(i).name, concurrency);
				log(String.format(Locale.ROOT, "  c=%-3d %-36s %9.0f calls/s  ratio %.3f  cpu %.1f µs/call  "
						+ "cpu ratio %.3f (per round %s)", concurrency, result.client(), result.throughput(),
						result.throughput() / base.throughput(), result.cpuMicrosPerCall(),
						result.cpuMicrosPerCall() / base.cpuMicrosPerCall(), Stats.of(cpuRounds.get(i)).format("%.3f")));
				line(String.format(Locale.ROOT, "| %d | %s | %.0f | %.3f | %s | %.1f | %+.1f | %.3f | %s |", concurrency,
						result.client(), result.throughput(), result.throughput() / base.throughput(),
						Stats.of(rounds.get(i)).format("%.3f"), result.cpuMicrosPerCall(),
						result.cpuMicrosPerCall() - base.cpuMicrosPerCall(),
						result.cpuMicrosPerCall() / base.cpuMicrosPerCall(), Stats.of(cpuRounds.get(i)).format("%.3f")));
			}
		}
	}

	// The same ratio for salesforceRestClient (issue 11, not in a default run)

	private void restClientRatio() {
		section("RestClient ratio: a plain `RestClient` and `salesforceRestClient`");
		String fixedToken = this.stub.issueFixedToken();
		RestClient plain = this.clients.plainRestClient(fixedToken);
		RestClient starter = this.clients.salesforceRestClient();
		RestClient intercepted = this.clients.plainRestClientWithInterceptor(fixedToken);
		List<String> names = List.of("plain RestClient", "salesforceRestClient",
				"plain RestClient, token in an interceptor");
		List<Runnable> calls = List.of(() -> Clients.query(plain), () -> Clients.query(starter),
				() -> Clients.query(intercepted));
		int n = calls.size();
		line(this.options.pairs + " rounds of 1 s slices of each client in turn (order rotated every round), "
				+ "after a 3 s warm-up each. Blocking callers: `c` platform threads of a fixed pool, each sending "
				+ "`GET " + Clients.QUERY + "` (a relative URI) as soon as the previous call returned. The plain client "
				+ "sends a fixed bearer token to the stub's base URL; `salesforceRestClient` is the starter's bean (its "
				+ "token from the stub's token endpoint, its URI expanded against the token's instance URL). Both are "
				+ "built from the same auto-configured `RestClient.Builder` (cloned), so they use the same HTTP library ("
				+ "Reactor Netty, WebFlux being on this module's class path) with the same settings; the starter's "
				+ "connections apart from the plain clients' in Reactor Netty's global pool (they close after "
				+ "`salesforce.jwt.connections.max-idle-time` idle). CPU per call: process CPU time "
				+ "(client and stub) over each client's slices divided by its calls. Target: throughput ratio "
				+ "≥ 0.95; CPU per call ratio ≤ 1.10. The third row adds the plain client's fixed token in a "
				+ "`ClientHttpRequestInterceptor` instead of a default header: what Spring's intercepting request "
				+ "path costs (the starter's token is added by an interceptor too), whatever the interceptor does.");
		line("");
		line("| c | client | calls/s (all slices) | ratio to plain (all slices) | ratio per round, median (min–max) | "
				+ "p50 µs | p99 µs | JVM CPU µs/call | CPU µs/call over plain | CPU per call ratio (all slices) | "
				+ "CPU per call ratio per round, median (min–max) | errors |");
		line("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		this.stub.setTokenDelay(this.options.tokenDelay);
		for (int concurrency : this.options.concurrency) {
			java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(concurrency);
			try {
				for (Runnable call : calls) {
					Load.runBlocking(new Load.Accumulator(), call, concurrency, Duration.ofSeconds(3), pool);
				}
				List<Load.Accumulator> sums = new ArrayList<>();
				List<List<Double>> rounds = new ArrayList<>();
				List<List<Double>> cpuRounds = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					sums.add(new Load.Accumulator());
					rounds.add(new ArrayList<>());
					cpuRounds.add(new ArrayList<>());
				}
				for (int round = 0; round < this.options.pairs; round++) {
					double[] throughput = new double[n];
					double[] cpuPerCall = new double[n];
					for (int i = 0; i < n; i++) {
						int which = (i + round) % n;
						Load.Accumulator sum = sums.get(which);
						long callsBefore = sum.histogram.count();
						long nanos = sum.nanos.get();
						long cpu = sum.cpuNanos.get();
						Load.runBlocking(sum, calls.get(which), concurrency, SLICE, pool);
						throughput[which] = (sum.histogram.count() - callsBefore) / (double) (sum.nanos.get() - nanos);
						cpuPerCall[which] = (sum.cpuNanos.get() - cpu) / (double) (sum.histogram.count() - callsBefore);
					}
					for (int i = 0; i < n; i++) {
						rounds.get(i).add(throughput[i] / throughput[0]);
						cpuRounds.get(i).add(cpuPerCall[i] / cpuPerCall[0]);
					}
					log(String.format(Locale.ROOT, "  c=%-3d round %2d  ratio %.3f  cpu ratio %.3f  (interceptor only: %.3f, %.3f)",
							concurrency, round + 1, throughput[1] / throughput[0], cpuPerCall[1] / cpuPerCall[0],
							throughput[2] / throughput[0], cpuPerCall[2] / cpuPerCall[0]));
				}
				Load.Result base = sums.get(0).result(names.get(0), concurrency);
				for (int i = 0; i < n; i++) {
					Load.Result result = sums.get(i).result(names.get(i), concurrency);
					log(String.format(Locale.ROOT, "  c=%-3d %-42s %9.0f calls/s  ratio %.3f (per round %s)  "
							+ "cpu %.1f µs/call  cpu ratio %.3f (per round %s)  errors %d%s", concurrency,
							result.client(), result.throughput(), result.throughput() / base.throughput(),
							Stats.of(rounds.get(i)).format("%.3f"), result.cpuMicrosPerCall(),
							result.cpuMicrosPerCall() / base.cpuMicrosPerCall(),
							Stats.of(cpuRounds.get(i)).format("%.3f"), result.errors(),
							(result.firstError() != null) ? "  first: " + result.firstError() : ""));
					line(String.format(Locale.ROOT,
							"| %d | %s | %.0f | %.3f | %s | %d | %d | %.1f | %+.1f | %.3f | %s | %d |", concurrency,
							result.client(), result.throughput(), result.throughput() / base.throughput(),
							Stats.of(rounds.get(i)).format("%.3f"), result.p50Micros(), result.p99Micros(),
							result.cpuMicrosPerCall(), result.cpuMicrosPerCall() - base.cpuMicrosPerCall(),
							result.cpuMicrosPerCall() / base.cpuMicrosPerCall(),
							Stats.of(cpuRounds.get(i)).format("%.3f"), result.errors()));
				}
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	// 5: memory per idle session (not in a default run)

	private void idleSessions() {
		section("5. Memory per idle session");
		this.stub.setTokenDelay(Duration.ZERO);
		line("For each `N`: a new Spring context with the starter and `salesforce.jwt.sessions.max-size=N`; "
				+ "after a warm-up (" + IdleSessions.WARM_UP_SESSIONS
				+ " sessions, then `SalesforceClients.forget(\"default\")`), `N` per-user sessions are created "
				+ "through `SalesforceClients.webClient(\"default\", username)` and each makes one call (one login "
				+ "each: it holds its token), " + IdleSessions.CONCURRENCY + " calls in flight, token delay 0. "
				+ "Heap: used heap after `System.gc()` (the least of 4), once the stub has dropped the tokens it "
				+ "keeps, before and after; the difference divided by `N` is the heap retained per idle session. "
				+ "Then `N` more sessions are created: the cache holds at most `N`, so the heap must stay that "
				+ "of `N` sessions. Before all that, `N` sessions are created and not used (no call, no login), "
				+ "measured the same way, and forgotten.");
		line("");
		line("| N (= max-size) | logins | failed calls | time to create, s | heap per unused session, bytes | "
				+ "retained heap per idle session, bytes | heap of the full cache, KiB | "
				+ "heap after N more sessions (N evicted), KiB |");
		line("|---:|---:|---:|---:|---:|---:|---:|---:|");
		IdleSessions sessions = new IdleSessions(this.stub);
		IdleSessions.Result largest = null;
		for (int n : this.options.sessions) {
			IdleSessions.Result result = sessions.measure(n);
			log(String.format(Locale.ROOT, "  sessions N=%d: %d logins, %d failed, %.1f s, unused %.0f bytes, "
					+ "idle %.0f bytes per session, cache %d KiB, after eviction %d KiB", n, result.logins(),
					result.failed(), result.seconds(), result.bytesPerUnusedSession(), result.bytesPerSession(),
					result.cacheBytes() / 1024, result.afterEvictionBytes() / 1024));
			line(String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.0f | %.0f | %d | %d |", n, result.logins(),
					result.failed(), result.seconds(), result.bytesPerUnusedSession(), result.bytesPerSession(),
					result.cacheBytes() / 1024, result.afterEvictionBytes() / 1024));
			largest = result;
		}
		this.stub.setTokenDelay(this.options.tokenDelay);
		if (largest != null && !largest.topClasses().isEmpty()) {
			line("");
			line("Where it goes, for N = " + largest.sessions() + ": the classes whose live instances grew most "
					+ "(`GC.class_histogram` before and after, divided by N; shallow sizes).");
			line("");
			line("| class | instances per session | bytes per session |");
			line("|---|---:|---:|");
			for (IdleSessions.ClassGrowth growth : largest.topClasses()) {
				line(String.format(Locale.ROOT, "| `%s` | %.1f | %.0f |", growth.className(),
						growth.instancesPerSession(), growth.bytesPerSession()));
			}
		}
	}

	// 2: logins

	private void logins() {
		section("2. Logins (token requests counted by the stub)");
		line("Each client is new (empty token store) for the cold start. `N` calls are sent at once and all "
				+ "awaited; then every session is ended in the stub and `N` calls are sent at once again. Repeated "
				+ this.options.runs + " times; the figures are the median (min–max). Token delay "
				+ this.options.tokenDelay.toMillis() + " ms. Target for the starter: exactly 1 per cold start and "
				+ "per ended session, 0 in steady state.");
		line("");
		line("| client | N | logins, cold start | failed calls | logins after session end | failed calls |");
		line("|---|---:|---:|---:|---:|---:|");
		for (int n : this.options.concurrency) {
			loginRow(STARTER, this.clients::freshSalesforceWebClient, n);
			loginRow(SPRING_SECURITY, this.clients::springSecurityWebClient, n);
		}
		line("");
		line("1,000 sequential calls (token delay set to 0 for this part only, so that it ends quickly; the counts "
				+ "do not depend on it):");
		line("");
		line("| client | logins for 1,000 calls from cold | logins for 1,000 more calls (steady state) | failed calls |");
		line("|---|---:|---:|---:|");
		this.stub.setTokenDelay(Duration.ZERO);
		sequentialRow(STARTER, this.clients.freshSalesforceWebClient());
		sequentialRow(SPRING_SECURITY, this.clients.springSecurityWebClient());
		this.stub.setTokenDelay(this.options.tokenDelay);
	}

	private void loginRow(String name, Supplier<WebClient> fresh, int n) {
		List<Long> cold = new ArrayList<>();
		List<Long> ended = new ArrayList<>();
		long coldErrors = 0;
		long endedErrors = 0;
		for (int run = 0; run < this.options.runs; run++) {
			WebClient client = fresh.get();
			long before = this.stub.tokenRequests();
			coldErrors += Load.burst(() -> Clients.query(client), n);
			cold.add(this.stub.tokenRequests() - before);
			this.stub.endAllSessions();
			before = this.stub.tokenRequests();
			endedErrors += Load.burst(() -> Clients.query(client), n);
			ended.add(this.stub.tokenRequests() - before);
		}
		log(String.format(Locale.ROOT, "  logins %-20s N=%-3d cold %s (failed %d), after end %s (failed %d)", name, n,
				cold, coldErrors, ended, endedErrors));
		line(String.format(Locale.ROOT, "| %s | %d | %s | %d | %s | %d |", name, n, Stats.of(cold).format("%.0f"),
				coldErrors, Stats.of(ended).format("%.0f"), endedErrors));
	}

	private void sequentialRow(String name, WebClient client) {
		long before = this.stub.tokenRequests();
		long errors = sequential(client, 1000);
		long cold = this.stub.tokenRequests() - before;
		before = this.stub.tokenRequests();
		errors += sequential(client, 1000);
		long warm = this.stub.tokenRequests() - before;
		log("  sequential " + name + ": " + cold + " logins from cold, " + warm + " warm, " + errors + " failed");
		line(String.format(Locale.ROOT, "| %s | %d | %d | %d |", name, cold, warm, errors));
	}

	private static long sequential(WebClient client, int calls) {
		return Flux.range(0, calls)
			.concatMap((i) -> Clients.query(client).then(Mono.just(0L)).onErrorResume((ex) -> Mono.just(1L)))
			.reduce(0L, Long::sum)
			.block(Duration.ofMinutes(5));
	}

	// 3: what happens when the session ends

	private void sessionEndUnderLoad() {
		section("3. Sessions ended during load");
		line("16 callers for " + SESSION_END_WINDOW.toSeconds() + " s; every " + SESSION_END_PERIOD.toMillis()
				+ " ms every session is ended in the stub (as a session timeout or a logout in Salesforce would), "
				+ SESSION_END_WINDOW.dividedBy(SESSION_END_PERIOD) + " times in all. Token delay "
				+ this.options.tokenDelay.toMillis() + " ms. Then, on an idle warm client, sessions are ended "
				+ "once more and one call is made.");
		line("");
		line("| client | sessions ended | calls | failed calls | 401 answers from the stub | logins | first failure | "
				+ "one call after an end on an idle client |");
		line("|---|---:|---:|---:|---:|---:|---|---|");
		sessionEndRow(STARTER, this.clients.salesforceWebClient());
		sessionEndRow(SPRING_SECURITY, this.clients.springSecurityWebClient());
	}

	private void sessionEndRow(String name, WebClient client) {
		Clients.query(client).block(Duration.ofSeconds(30));
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		long before = this.stub.tokenRequests();
		long unauthorizedBefore = this.stub.unauthorizedCalls();
		java.util.concurrent.atomic.AtomicInteger ends = new java.util.concurrent.atomic.AtomicInteger();
		long period = SESSION_END_PERIOD.toMillis();
		scheduler.scheduleAtFixedRate(() -> {
			this.stub.endAllSessions();
			ends.incrementAndGet();
		}, period, period, TimeUnit.MILLISECONDS);
		Load.Result result = Load.run(name, () -> Clients.query(client), 16, SESSION_END_WINDOW.minusMillis(period / 2));
		scheduler.shutdownNow();
		long logins = this.stub.tokenRequests() - before;
		long unauthorized = this.stub.unauthorizedCalls() - unauthorizedBefore;
		Clients.query(client).block(Duration.ofSeconds(30));
		this.stub.endAllSessions();
		long beforeOne = this.stub.tokenRequests();
		String one;
		try {
			Clients.query(client).block(Duration.ofSeconds(30));
			one = "succeeded, " + (this.stub.tokenRequests() - beforeOne) + " login";
		}
		catch (RuntimeException ex) {
			one = "**failed** (" + ex.getClass().getSimpleName() + "), " + (this.stub.tokenRequests() - beforeOne)
					+ " login";
		}
		log("  session end " + name + ": " + ends.get() + " ends, " + result.calls() + " calls, " + result.errors()
				+ " failed, " + unauthorized + " 401s, " + logins + " logins, first failure " + result.firstError() + "; single call after end: " + one);
		String first = (result.firstError() != null) ? "`" + abbreviate(result.firstError(), 90) + "`" : "none";
		line(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %s | %s |", name, ends.get(), result.calls(),
				result.errors(), unauthorized, logins, first, one));
	}

	// 4: startup and heap, each in a JVM of its own

	private void startup() throws IOException, InterruptedException {
		section("4. Startup and heap: a minimal WebFlux app with and without the starter");
		List<Path> full = appClassPath();
		List<Path> without = full.stream().filter((path) -> !StarterJars.isStarterOnly(path)).toList();
		List<String> left = full.stream()
			.filter(StarterJars::isStarterOnly)
			.map((path) -> path.getFileName().toString())
			.toList();
		String fixedToken = this.stub.issueFixedToken();
		List<ChildResult> with = new ArrayList<>();
		List<ChildResult> plain = new ArrayList<>();
		int calls = 1000;
		log("Startup: " + this.options.startupRuns + " runs of each, alternating (the jars are already in the "
				+ "page cache: this JVM has read them)");
		for (int run = 0; run < this.options.startupRuns; run++) {
			boolean withFirst = run % 2 == 0;
			ChildResult a = withFirst ? child(true, full, fixedToken, calls) : null;
			ChildResult b = child(false, without, fixedToken, calls);
			if (a == null) {
				a = child(true, full, fixedToken, calls);
			}
			log("  run " + (run + 1) + ": with " + a + " | without " + b);
			with.add(a);
			plain.add(b);
		}
		line("`io.github.salesforcejwt.benchmarks.startup.StartupApp` (one `@RestController`, Netty on a random port), "
				+ "each run a new JVM (`java -cp ...`, default JVM options). With the starter: the full class path "
				+ "and `salesforce.jwt.*` pointing at the stub (the starter logs in on the first call, not at "
				+ "startup). Without: the same class path less the jars that only the starter brings: "
				+ String.join(", ", left) + ". Neither has the jars only this benchmark needs (Spring Security's "
				+ "OAuth2 client, JFreeChart). "
				+ this.options.startupRuns + " runs of each, alternating, which goes first swapping; median (min–max). "
				+ "Heap: used heap after `System.gc()` once the app has made " + calls + " sequential calls "
				+ "(through `salesforceWebClient`, or through a plain `WebClient` with a fixed token).");
		line("");
		line("| app | `SpringApplication.run` ms | JVM start to started context ms | JVM CPU ms to started context | "
				+ "heap after GC KiB | loaded classes | bean definitions |");
		line("|---|---:|---:|---:|---:|---:|---:|");
		startupRow("with the starter", with);
		startupRow("without", plain);
		Stats runWith = Stats.of(with.stream().map(ChildResult::runMillis).toList());
		Stats runWithout = Stats.of(plain.stream().map(ChildResult::runMillis).toList());
		Stats heapWith = Stats.of(with.stream().map(ChildResult::heapBytes).toList());
		Stats heapWithout = Stats.of(plain.stream().map(ChildResult::heapBytes).toList());
		line("");
		Stats cpuWith = Stats.of(with.stream().map(ChildResult::cpuMillis).toList());
		Stats cpuWithout = Stats.of(plain.stream().map(ChildResult::cpuMillis).toList());
		line(String.format(Locale.ROOT, "Added by the starter (difference of medians): %+.0f ms to a started context "
				+ "(%+.0f ms of CPU), %+.0f KiB of heap after GC. On a busy shared machine the wall-clock times swing "
				+ "widely; the CPU time is the steadier figure.", runWith.median() - runWithout.median(),
				cpuWith.median() - cpuWithout.median(), (heapWith.median() - heapWithout.median()) / 1024));
	}

	private void startupRow(String name, List<ChildResult> results) {
		line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", name,
				Stats.of(results.stream().map(ChildResult::runMillis).toList()).format("%.0f"),
				Stats.of(results.stream().map(ChildResult::uptimeMillis).toList()).format("%.0f"),
				Stats.of(results.stream().map(ChildResult::cpuMillis).toList()).format("%.0f"),
				Stats.of(results.stream().map((r) -> r.heapBytes() / 1024.0).toList()).format("%.0f"),
				Stats.of(results.stream().map(ChildResult::classes).toList()).format("%.0f"),
				Stats.of(results.stream().map(ChildResult::beans).toList()).format("%.0f")));
	}

	private ChildResult child(boolean withStarter, List<Path> classPath, String fixedToken, int calls)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
		command.add("io.github.salesforcejwt.benchmarks.startup.StartupApp");
		command.add(withStarter ? "with" : "without");
		command.add(this.stub.baseUrl());
		command.add(fixedToken);
		command.add(Integer.toString(calls));
		command.add("--server.port=0");
		command.add("--spring.main.banner-mode=off");
		command.add("--logging.level.root=WARN");
		if (withStarter) {
			for (String property : Clients.starterProperties(this.stub.loginUrl())) {
				command.add("--" + property);
			}
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> output = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines().forEach(output::add);
		}
		if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException("Startup run failed:\n" + String.join("\n", output));
		}
		String result = output.stream()
			.filter((line) -> line.startsWith("RESULT "))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No RESULT line:\n" + String.join("\n", output)));
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : result.substring(7).split(" ")) {
			String[] kv = pair.split("=", 2);
			values.put(kv[0], kv[1]);
		}
		if (Long.parseLong(values.get("calls")) != calls) {
			throw new IllegalStateException("Startup run made " + values.get("calls") + " calls, not " + calls);
		}
		return new ChildResult(Long.parseLong(values.get("runMillis")), Long.parseLong(values.get("uptimeMillis")),
				Long.parseLong(values.get("cpuMillis")),
				Long.parseLong(values.get("heapBytes")), Long.parseLong(values.get("classes")),
				Long.parseLong(values.get("beans")));
	}

	/**
	 * The startup app's class path: its own classes (the {@code benchmarks-startup-app.jar},
	 * which has no manifest class path, or {@code target/classes}), then the dependencies
	 * less those only the benchmark needs.
	 */
	private static List<Path> appClassPath() throws IOException {
		Path self;
		try {
			self = Paths.get(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (java.net.URISyntaxException ex) {
			throw new IOException(ex);
		}
		List<Path> paths = new ArrayList<>();
		if (Files.isRegularFile(self)) {
			paths.add(self.resolveSibling("benchmarks-startup-app.jar"));
			try (Stream<Path> lib = Files.list(self.resolveSibling("lib"))) {
				lib.filter((path) -> path.toString().endsWith(".jar")).sorted().forEach(paths::add);
			}
		}
		else {
			paths.add(self);
			Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
				.map(Paths::get)
				.filter((path) -> !path.equals(self))
				.forEach(paths::add);
		}
		return paths.stream().filter((path) -> !StarterJars.isBenchmarkOnly(path)).toList();
	}

	// Queries: a query of many records, streamed, against a plain client

	private void queries() {
		section("Queries: " + this.options.queryRecords + " records through `queries()` and `blockingQueries()`");
		new QueryBenchmark(this.clients, this.stub, this.options.queryRecords, this.options.runs, Benchmarks::log).run()
			.forEach(this::line);
	}

	// Report

	private void header() {
		line("# Benchmark results");
		line("");
		line("Written by `benchmarks` (issue 6) on " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)
				+ ". Reproduce from the repository root:");
		line("");
		line("```");
		line("./mvnw -B -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar"
				+ (this.options.arguments.isEmpty() ? "" : " " + this.options.arguments));
		line("```");
		line("");
		line("## Machine and setup");
		line("");
		line("- CPUs (`nproc`): " + Runtime.getRuntime().availableProcessors() + ", model: " + cpuModel()
				+ "; load average at start: " + loadAverage() + " (a shared machine: expect noise)");
		line("- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.vendor") + "), " + System.getProperty("os.name") + " "
				+ System.getProperty("os.arch") + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
				+ " MiB, default JVM options");
		line("- Spring Boot " + SpringBootVersion.getVersion() + ", Spring Security "
				+ SpringSecurityCoreVersion.getVersion() + ", Reactor Netty on both sides");
		line("- Stub: Reactor Netty `HttpServer` on 127.0.0.1 in the same JVM (own event loops), token delay "
				+ this.options.tokenDelay.toMillis() + " ms, checks every assertion's RS256 signature and "
				+ "iss/sub/aud/exp (rejected assertions are counted and must be 0)");
		line("- Settings: " + this.options);
		line("- JVM CPU µs/call: CPU time of this whole JVM (client and stub) during a window divided by its calls; "
				+ "less disturbed by other processes than the throughput");
		line("- All clients are built from the same auto-configured `WebClient.Builder` (cloned); the plain ones "
				+ "share connections in Reactor Netty's global pool (up to 500 connections), the starter's clients have "
				+ "connections of their own in it (closed after `salesforce.jwt.connections.max-idle-time` idle, which "
				+ "no run here reaches)");
		log("Stub at " + this.stub.baseUrl() + ", token delay " + this.options.tokenDelay.toMillis() + " ms");
	}

	private void footer(Duration elapsed) {
		section("Checks");
		line("- Assertions rejected by the stub: " + this.stub.rejectedAssertions() + " (must be 0: every client "
				+ "sent a correctly signed assertion with the expected claims)");
		line("- 401 answers sent by the stub in all: " + this.stub.unauthorizedCalls());
		line(String.format(Locale.ROOT, "- Whole run: %.0f s", elapsed.toMillis() / 1000.0));
	}

	private void write() throws IOException {
		Path out = this.options.out;
		Files.createDirectories(out);
		Path results = out.resolve(this.options.resultsFile());
		Files.writeString(results, this.report.toString(), StandardCharsets.UTF_8);
		log("Wrote " + results);
		if (!this.throughput.isEmpty()) {
			Path chart = out.resolve(this.options.isDefault() ? "throughput.png"
					: "throughput-" + String.join("-", this.options.parts) + ".png");
			Chart.write(this.throughput, chart, this.options.tokenDelay);
			log("Wrote " + chart);
		}
	}

	private void section(String title) {
		line("");
		line("## " + title);
		line("");
		log(title);
	}

	private void line(String line) {
		this.report.append(line).append('\n');
	}

	private static void log(String message) {
		System.out.println(message);
	}

	private static String abbreviate(String text, int max) {
		String oneLine = text.replace('\n', ' ').replace("|", "\\|");
		return (oneLine.length() <= max) ? oneLine : oneLine.substring(0, max) + "…";
	}

	private static String cpuModel() {
		try (Stream<String> lines = Files.lines(Paths.get("/proc/cpuinfo"))) {
			return lines.filter((line) -> line.startsWith("model name"))
				.findFirst()
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.orElse("unknown");
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Paths.get("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static RSAPublicKey publicKey() throws Exception {
		String pem;
		try (InputStream in = new ClassPathResource(Clients.KEY_LOCATION.substring("classpath:".length()))
			.getInputStream()) {
			pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) PemContent.of(pem).getPrivateKey();
		BigInteger modulus = privateKey.getModulus();
		return (RSAPublicKey) KeyFactory.getInstance("RSA")
			.generatePublic(new RSAPublicKeySpec(modulus, privateKey.getPublicExponent()));
	}

	private record Contender(String name, Supplier<Mono<?>> call, Duration tokenDelay) {

	}

	private record Measured(Load.Result result, long logins) {

	}

	private record ChildResult(long runMillis, long uptimeMillis, long cpuMillis, long heapBytes, long classes,
			long beans) {

		@Override
		public String toString() {
			return runMillis + " ms (CPU " + cpuMillis + " ms), " + heapBytes / 1024 + " KiB, " + classes + " classes";
		}

	}

	/**
	 * Command-line options, {@code --name=value}.
	 */
	static final class Options {

		Duration tokenDelay = Duration.ofMillis(50);

		Duration window = Duration.ofSeconds(3);

		Duration warmup = Duration.ofSeconds(1);

		int runs = 3;

		int startupRuns = 5;

		int pairs = 30;

		int queryRecords = 100_000;

		String arguments = "";

		int[] concurrency = { 1, 16, 256 };

		int[] sessions = { 1000, 10000 };

		static final List<String> DEFAULT_PARTS = List.of("steady", "logins", "session-end", "startup");

		List<String> parts = DEFAULT_PARTS;

		Path out = Files.isDirectory(Paths.get("benchmarks")) ? Paths.get("benchmarks") : Paths.get(".");

		static Options parse(String[] args) {
			Options options = new Options();
			options.arguments = String.join(" ", args);
			for (String arg : args) {
				String[] kv = arg.replaceFirst("^--", "").split("=", 2);
				String value = (kv.length > 1) ? kv[1] : "";
				switch (kv[0]) {
					case "token-delay-ms" -> options.tokenDelay = Duration.ofMillis(Long.parseLong(value));
					case "seconds" -> options.window = Duration.ofSeconds(Long.parseLong(value));
					case "warmup-seconds" -> options.warmup = Duration.ofSeconds(Long.parseLong(value));
					case "runs" -> options.runs = Integer.parseInt(value);
					case "startup-runs" -> options.startupRuns = Integer.parseInt(value);
					case "rounds" -> options.pairs = Integer.parseInt(value);
					case "concurrency" -> options.concurrency = Stream.of(value.split(","))
						.mapToInt(Integer::parseInt)
						.toArray();
					case "sessions" -> options.sessions = Stream.of(value.split(","))
						.mapToInt(Integer::parseInt)
						.toArray();
					case "out" -> options.out = Paths.get(value);
					case "parts" -> options.parts = List.of(value.split(","));
					case "query-records" -> options.queryRecords = Integer.parseInt(value);
					default -> throw new IllegalArgumentException("Unknown option " + arg
							+ "; known: --token-delay-ms, --seconds, --warmup-seconds, --runs, --startup-runs, "
							+ "--concurrency=1,16,256, --parts=steady,logins,session-end,startup[,ratio][,restclient-ratio]"
							+ "[,sessions][,queries][,ratio-redis], --rounds=30 (for ratio, restclient-ratio and ratio-redis), "
							+ "--sessions=1000,10000 (for sessions), --query-records=100000 (for queries), --out=DIR");
				}
			}
			return options;
		}

		@Override
		public String toString() {
			return "`--token-delay-ms=" + this.tokenDelay.toMillis() + " --seconds=" + this.window.toSeconds()
					+ " --warmup-seconds=" + this.warmup.toSeconds() + " --runs=" + this.runs + " --startup-runs="
					+ this.startupRuns + " --concurrency="
					+ String.join(",", java.util.Arrays.stream(this.concurrency).mapToObj(Integer::toString).toList())
					+ (isDefault() ? "" : " --parts=" + String.join(",", this.parts))
					+ ((this.parts.contains("ratio") || this.parts.contains("restclient-ratio")
							|| this.parts.contains("ratio-redis")) ? " --rounds=" + this.pairs : "")
					+ (this.parts.contains("sessions") ? " --sessions=" + String.join(",",
							java.util.Arrays.stream(this.sessions).mapToObj(Integer::toString).toList()) : "")
					+ (this.parts.contains("queries") ? " --query-records=" + this.queryRecords : "") + "`";
		}

		boolean isDefault() {
			return this.parts.equals(DEFAULT_PARTS);
		}

		String resultsFile() {
			return isDefault() ? "RESULTS.md" : "RESULTS-" + String.join("-", this.parts) + ".md";
		}

	}

}
