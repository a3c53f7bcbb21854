package io.github.salesforcejwt.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ObjectName;

import io.github.salesforcejwt.SalesforceClients;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Heap retained by idle per-user sessions: {@code N} sessions created through
 * {@link SalesforceClients#webClient(String, String)}, each used for one call (so each has
 * logged in once and holds its token), measured as the used heap after full collections,
 * before and after, in a context of its own with {@code salesforce.jwt.sessions.max-size}
 * set to {@code N}. Then {@code N} more sessions are created, so that the cache evicts as
 * many: the heap must stay that of {@code N} sessions. Before that, {@code N} sessions are
 * created and not used (no login), then forgotten: what a session costs before its first
 * call.
 */
final class IdleSessions {

	/**
	 * Calls in flight while sessions are created.
	 */
	static final int CONCURRENCY = 16;

	static final int WARM_UP_SESSIONS = 200;

	private static final int WARM_UP_OFFSET = 900_000_000;

	private static final int SECOND_OFFSET = 100_000_000;

	private static final int UNUSED_OFFSET = 200_000_000;

	private final SalesforceStub stub;

	IdleSessions(SalesforceStub stub) {
		this.stub = stub;
	}

	/**
	 * What one measurement found.
	 * @param sessions sessions created and kept (the cache's maximum size)
	 * @param logins token requests made for them (must equal {@code sessions})
	 * @param failed calls that failed (must be 0)
	 * @param bytesPerUnusedSession retained heap per session created but never used (no
	 * login: its clients, token client and filter)
	 * @param bytesPerSession retained heap per idle session
	 * @param cacheBytes retained heap of the full cache
	 * @param afterEvictionBytes retained heap once as many sessions again were created, as
	 * many evicted
	 * @param seconds time to create the first {@code sessions} sessions
	 * @param topClasses the classes that grew most, per session
	 */
	record Result(int sessions, long logins, long failed, double bytesPerUnusedSession, double bytesPerSession,
			long cacheBytes,
			long afterEvictionBytes, double seconds, List<ClassGrowth> topClasses) {

	}

	/**
	 * Growth of one class's instances, per session.
	 */
	record ClassGrowth(String className, double instancesPerSession, double bytesPerSession) {

	}

	Result measure(int sessions) {
		try (ConfigurableApplicationContext context = Clients.starterContext(this.stub.loginUrl(),
				"salesforce.jwt.sessions.max-size=" + sessions)) {
			SalesforceClients clients = context.getBean(SalesforceClients.class);
			// Classes loaded, code compiled, shared parts (the org's API usage, the connector) made
			create(clients, WARM_UP_OFFSET, WARM_UP_SESSIONS);
			clients.getSessions().forget(SalesforceClients.DEFAULT_ORG);
			long unused = retainedHeap();
			for (int user = 0; user < sessions; user++) {
				clients.webClient(SalesforceClients.DEFAULT_ORG, username(UNUSED_OFFSET + user));
			}
			unused = retainedHeap() - unused;
			clients.getSessions().forget(SalesforceClients.DEFAULT_ORG);
			long before = retainedHeap();
			Map<String, long[]> histogramBefore = histogram();
			long loginsBefore = this.stub.tokenRequests();
			long start = System.nanoTime();
			long failed = create(clients, 0, sessions);
			double seconds = (System.nanoTime() - start) / 1e9;
			long logins = this.stub.tokenRequests() - loginsBefore;
			long full = retainedHeap() - before;
			List<ClassGrowth> top = growth(histogramBefore, histogram(), sessions);
			failed += create(clients, SECOND_OFFSET, sessions);
			long afterEviction = retainedHeap() - before;
			return new Result(sessions, logins, failed, (double) unused / sessions, (double) full / sessions, full,
					afterEviction, seconds, top);
		}
	}

	/**
	 * Create the sessions of users {@code offset} to {@code offset + count - 1} and make one
	 * call through each; return how many calls failed.
	 */
	private long create(SalesforceClients clients, int offset, int count) {
		AtomicLong failed = new AtomicLong();
		Flux.range(offset, count)
			.flatMap((user) -> Mono
				.defer(() -> Clients.query(clients.webClient(SalesforceClients.DEFAULT_ORG, username(user))))
				.then()
				.onErrorResume((ex) -> {
					failed.incrementAndGet();
					return Mono.empty();
				}), CONCURRENCY)
			.then()
			.block(Duration.ofMinutes(10));
		return failed.get();
	}

	private static String username(int user) {
		return SalesforceStub.USER_PREFIX + user + SalesforceStub.USER_DOMAIN;
	}

	/**
	 * Used heap after full collections, once the stub has forgotten the tokens it issued
	 * (they are the stub's memory, not the sessions').
	 */
	private long retainedHeap() {
		this.stub.endAllSessions();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	/**
	 * The live objects by class ({@code jcmd GC.class_histogram}, which collects first):
	 * instances and bytes.
	 */
	private static Map<String, long[]> histogram() {
		Map<String, long[]> classes = new HashMap<>();
		try {
			String text = (String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
						new Object[] { null }, new String[] { String[].class.getName() });
			for (String line : text.split("\n")) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length >= 4 && fields[0].endsWith(":")) {
					classes.put(fields[3], new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[2]) });
				}
			}
		}
		catch (Exception ex) {
			// No histogram on this JVM: the heap figures stand without it
		}
		return classes;
	}

	private static List<ClassGrowth> growth(Map<String, long[]> before, Map<String, long[]> after, int sessions) {
		List<ClassGrowth> growth = new ArrayList<>();
		after.forEach((name, counts) -> {
			long[] was = before.getOrDefault(name, new long[2]);
			long bytes = counts[1] - was[1];
			if (bytes > 0) {
				growth.add(new ClassGrowth(name, (counts[0] - was[0]) / (double) sessions, bytes / (double) sessions));
			}
		});
		growth.sort((a, b) -> Double.compare(b.bytesPerSession(), a.bytesPerSession()));
		return growth.subList(0, Math.min(15, growth.size()));
	}

}
