package io.github.salesforcejwt.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.salesforcejwt.SalesforceClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The queries part: a query of many records (pages of 2,000) read through
 * {@code SalesforceClients.queries()} (a {@code Flux}), through
 * {@code blockingQueries()} (a {@code Stream}), and through a plain {@code WebClient} that
 * follows {@code nextRecordsUrl} itself, decoding each page with the codecs (its in-memory
 * limit raised to fit a page). Records per second for each, and the heap retained in the
 * middle of the stream (after a full GC) against a plain client that collects every record
 * into a list, as a first-page-only integration grown to read all pages typically does.
 */
final class QueryBenchmark {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	record Row(@JsonProperty("Id") String id, @JsonProperty("Name") String name) {
	}

	record Page(boolean done, @Nullable String nextRecordsUrl, List<Row> records) {
	}

	private final Clients clients;

	private final SalesforceStub stub;

	private final int records;

	private final int runs;

	private final Consumer<String> log;

	QueryBenchmark(Clients clients, SalesforceStub stub, int records, int runs, Consumer<String> log) {
		this.clients = clients;
		this.stub = stub;
		this.records = records;
		this.runs = runs;
		this.log = log;
	}

	List<String> run() {
		this.stub.setPagedRecords(this.records);
		SalesforceClients starter = this.clients.salesforceClients();
		WebClient plain = this.clients.plainWebClient(this.stub.issueFixedToken())
			.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
		List<Contender> contenders = List.of(
				new Contender("queries().query (Flux)",
						() -> starter.queries().query(SalesforceStub.PAGED_SOQL, Row.class)),
				new Contender("blockingQueries().query (Stream)",
						() -> Flux.defer(() -> Flux.fromStream(
								starter.blockingQueries().query(SalesforceStub.PAGED_SOQL, Row.class)))),
				new Contender("plain WebClient, pages by hand", () -> plainRecords(plain)));
		List<String> lines = new ArrayList<>();
		lines.add("A query of " + this.records + " records (`" + SalesforceStub.PAGED_SOQL + "`, pages of "
				+ SalesforceStub.PAGE_SIZE + " records, " + (this.stub.firstPageBytes() / 1024)
				+ " KB of JSON each, rendered once by the stub) read whole, one query at a time, " + this.runs
				+ " runs after one warm-up run per client. Retained heap: used heap after a full GC in the middle "
				+ "of the stream (at record " + this.records / 2 + "), minus the used heap after a full GC "
				+ "before the query; for the list, after the whole list is collected.");
		lines.add("");
		lines.add("| client | records/s (median, min–max) | page requests per query | retained heap |");
		lines.add("|---|---:|---:|---:|");
		for (Contender contender : contenders) {
			count(contender.records().get());
			List<Double> rates = new ArrayList<>();
			long pagesBefore = this.stub.pageRequests();
			for (int run = 0; run < this.runs; run++) {
				long start = System.nanoTime();
				long count = count(contender.records().get());
				double seconds = (System.nanoTime() - start) / 1e9;
				if (count != this.records) {
					throw new IllegalStateException(contender.name() + " read " + count + " records");
				}
				rates.add(count / seconds);
				this.log.accept(String.format(Locale.ROOT, "  %-34s run %d: %9.0f records/s", contender.name(),
						run + 1, count / seconds));
			}
			long pages = (this.stub.pageRequests() - pagesBefore) / this.runs;
			long retained = retainedMidStream(contender.records().get());
			rates.sort(null);
			lines.add(String.format(Locale.ROOT, "| %s | %.0f (%.0f–%.0f) | %d | %s |", contender.name(),
					rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1), pages, mib(retained)));
		}
		long retainedList = retainedList(plainRecords(plain));
		lines.add(String.format(Locale.ROOT, "| plain WebClient, every record collected into a list | | | %s |",
				mib(retainedList)));
		return lines;
	}

	private static long count(Flux<Row> records) {
		Long count = records.count().block(TIMEOUT);
		return (count != null) ? count : 0;
	}

	private Flux<Row> plainRecords(WebClient plain) {
		String first = SalesforceStub.QUERY_PATH + "?q={q}";
		return page(plain.get().uri(first, SalesforceStub.PAGED_SOQL))
			.expand((page) -> (page.nextRecordsUrl() != null) ? page(plain.get().uri(page.nextRecordsUrl()))
					: Mono.empty())
			.concatMapIterable(Page::records);
	}

	private static Mono<Page> page(WebClient.RequestHeadersSpec<?> request) {
		return request.retrieve().bodyToMono(Page.class);
	}

	private long retainedMidStream(Flux<Row> records) {
		long baseline = usedAfterGc();
		AtomicLong seen = new AtomicLong();
		AtomicLong retained = new AtomicLong();
		count(records.doOnNext((row) -> {
			if (seen.incrementAndGet() == this.records / 2) {
				retained.set(usedAfterGc() - baseline);
			}
		}));
		return retained.get();
	}

	private long retainedList(Flux<Row> records) {
		long baseline = usedAfterGc();
		List<Row> list = records.collectList().block(TIMEOUT);
		long retained = usedAfterGc() - baseline;
		if (list == null || list.size() != this.records) {
			throw new IllegalStateException("The list has " + ((list != null) ? list.size() : 0) + " records");
		}
		return retained;
	}

	private static long usedAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

	private static String mib(long bytes) {
		return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
	}

	private record Contender(String name, Supplier<Flux<Row>> records) {
	}

}
