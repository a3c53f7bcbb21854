package io.github.salesforcejwt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.salesforcejwt.SalesforceObservationDocumentation.BulkQueryEvents;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The results of a completed Bulk API 2.0 query job, for {@link SalesforceBulkQueries}:
 * read as CSV page by page, following {@code Sforce-Locator}, one page at a time as the
 * subscriber asks for rows. Each page is counted in the job's observation context, is an
 * event of its observation, and is logged at DEBUG (under {@link SalesforceBulkQueries}'s
 * logger).
 *
 * @author salesforce-jwt
 */
final class BulkQueryResults {

	static final String LOCATOR_HEADER = "Sforce-Locator";

	private static final Log logger = LogFactory.getLog(SalesforceBulkQueries.class);

	private static final CsvMapper CSV = CsvMapper.builder().build();

	private static final CsvSchema HEADER = CsvSchema.emptySchema().withHeader();

	private final WebClient webClient;

	private final String jobsPath;

	/**
	 * Create a new reader of results.
	 * @param webClient the session's {@code WebClient}
	 * @param jobsPath the path of the query jobs, {@code /services/data/vXX.X/jobs/query}
	 */
	BulkQueryResults(WebClient webClient, String jobsPath) {
		this.webClient = webClient;
		this.jobsPath = jobsPath;
	}

	/**
	 * Return the rows of a completed job, reading the next page only when the subscriber
	 * asks for more rows than the pages read so far held.
	 * @param id the job's id
	 * @param context the job's observation context, which counts the pages and rows
	 * @param observation the job's observation, which gets an event for each page
	 * @return the rows, each a map of column name to value
	 */
	Flux<Map<String, String>> rows(String id, SalesforceBulkQueryObservationContext context,
			Observation observation) {
		return Flux.defer(() -> {
			AtomicReference<@Nullable String> locator = new AtomicReference<>();
			return Flux.<Mono<ResultPage>, Boolean>generate(() -> true, (first, sink) -> {
				String next = locator.getAndSet(null);
				if (first || next != null) {
					sink.next(page(id, next));
				}
				else {
					sink.complete();
				}
				return false;
			}).concatMap((page) -> page.doOnNext((read) -> {
				locator.set(read.locator());
				context.addPage(read.rows().size());
				observation.event(BulkQueryEvents.PAGE.format(context.getPages(), context.getRecords()));
				if (logger.isDebugEnabled()) {
					logger.debug("Bulk API 2.0 query job " + id + ": page " + context.getPages() + ", "
							+ context.getRecords() + " rows so far");
				}
			}).flatMapIterable(ResultPage::rows), 0);
		});
	}

	private Mono<ResultPage> page(String id, @Nullable String locator) {
		String uri = this.jobsPath + "/{id}/results" + ((locator != null) ? "?locator={locator}" : "");
		return this.webClient.get()
			.uri(uri, id, locator)
			.accept(MediaType.parseMediaType("text/csv"))
			.exchangeToMono((response) -> {
				if (response.statusCode().isError()) {
					return SalesforceWebClientApiException.from(response).flatMap(Mono::error);
				}
				String next = response.headers().asHttpHeaders().getFirst(LOCATOR_HEADER);
				return DataBufferUtils.join(response.bodyToFlux(DataBuffer.class)).map((buffer) -> {
					try {
						byte[] bytes = new byte[buffer.readableByteCount()];
						buffer.read(bytes);
						return new ResultPage(parse(bytes), (next == null || "null".equals(next)) ? null : next);
					}
					finally {
						DataBufferUtils.release(buffer);
					}
				}).defaultIfEmpty(new ResultPage(List.of(), null));
			});
	}

	/**
	 * Parse one page of CSV results, whose first line names the columns.
	 * @param csv the page's body
	 * @return its rows, each a map of column name to value
	 */
	static List<Map<String, String>> parse(byte[] csv) {
		List<Map<String, String>> rows = new ArrayList<>();
		try (MappingIterator<Map<String, String>> iterator = CSV.readerForMapOf(String.class)
			.with(HEADER)
			.readValues(csv)) {
			iterator.forEachRemaining(rows::add);
		}
		return rows;
	}

	private record ResultPage(List<Map<String, String>> rows, @Nullable String locator) {

	}

}
