package io.github.salesforcejwt;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * SOQL queries of one Salesforce session, over its {@code WebClient} (so logins, renewals
 * and the token's origin rules are the session's): every record of every page, decoded
 * with the application's Jackson into a record type, a {@code Map} or a
 * {@code JsonNode}. Reach it with {@link SalesforceClients#queries()}.
 * <p>
 * Pages are fetched as the subscriber asks for records: the next page is requested only
 * once every record of the current one has been emitted, so a subscriber that takes 10
 * records makes one request and a cancelled subscription makes no more. Each page is
 * decoded from its bytes, so a full page of 2,000 records is not subject to the
 * application's in-memory codec limit; one page is held at a time. Error answers are
 * signalled as {@link SalesforceWebClientApiException}.
 *
 * @author salesforce-jwt
 * @see SalesforceBlockingQueries
 */
public final class SalesforceQueries {

	/**
	 * API version used when none is configured, as {@code salesforce.jwt.api-version}'s
	 * default.
	 */
	public static final String DEFAULT_API_VERSION = "66.0";

	private final WebClient webClient;

	private final JsonMapper jsonMapper;

	private final String apiVersion;

	private final @Nullable Integer batchSize;

	private final SalesforceBulkQueries bulk;

	/**
	 * Create a new instance.
	 * @param webClient the session's client
	 * @param jsonMapper the mapper that decodes records
	 * @param apiVersion the REST API version, such as {@code 66.0}
	 */
	public SalesforceQueries(WebClient webClient, JsonMapper jsonMapper, String apiVersion) {
		this(webClient, jsonMapper, apiVersion, ObservationRegistry.NOOP, null, SalesforceSessions.DEFAULT_ORG);
	}

	/**
	 * Create a new instance whose Bulk API 2.0 query jobs are observed
	 * ({@link SalesforceObservationDocumentation#BULK_QUERY}).
	 * @param webClient the session's client
	 * @param jsonMapper the mapper that decodes records
	 * @param apiVersion the REST API version, such as {@code 66.0}
	 * @param observationRegistry the registry that observes bulk query jobs, or
	 * {@link ObservationRegistry#NOOP}
	 * @param observationConvention the convention, or {@code null} for the
	 * {@link DefaultSalesforceBulkQueryObservationConvention}
	 * @param org the name of the session's org, such as {@code default}; never a username
	 */
	public SalesforceQueries(WebClient webClient, JsonMapper jsonMapper, String apiVersion,
			ObservationRegistry observationRegistry,
			@Nullable SalesforceBulkQueryObservationConvention observationConvention, String org) {
		this(webClient, jsonMapper, apiVersion, null,
				new SalesforceBulkQueries(webClient, jsonMapper, apiVersion,
						SalesforceBulkQueries.DEFAULT_POLL_INTERVAL, SalesforceBulkQueries.DEFAULT_MAX_POLL_INTERVAL,
						new SalesforceBulkQueries.Observations(observationRegistry, observationConvention, org)));
	}

	private SalesforceQueries(WebClient webClient, JsonMapper jsonMapper, String apiVersion,
			@Nullable Integer batchSize, SalesforceBulkQueries bulk) {
		Assert.notNull(webClient, "'webClient' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		Assert.hasText(apiVersion, "'apiVersion' must not be empty");
		this.webClient = webClient;
		this.jsonMapper = jsonMapper;
		this.apiVersion = apiVersion;
		this.batchSize = batchSize;
		this.bulk = bulk;
	}

	/**
	 * Return queries like these that ask Salesforce for pages of a given size
	 * ({@code Sforce-Query-Options: batchSize=N}, a hint the server may answer with fewer).
	 * @param batchSize the page size, from 200 to 2,000
	 * @return the queries
	 * @throws IllegalArgumentException if the size is out of range
	 */
	public SalesforceQueries withBatchSize(int batchSize) {
		return new SalesforceQueries(this.webClient, this.jsonMapper, this.apiVersion,
				SoqlPage.validBatchSize(batchSize), this.bulk);
	}

	/**
	 * Return queries like these whose Bulk API 2.0 jobs are polled first after a given
	 * interval, doubling up to a maximum.
	 * @param pollInterval the first interval (default 1 second)
	 * @param maxPollInterval the longest interval (default 30 seconds)
	 * @return the queries
	 */
	public SalesforceQueries withBulkPolling(Duration pollInterval, Duration maxPollInterval) {
		Assert.isTrue(!pollInterval.isNegative() && pollInterval.compareTo(maxPollInterval) <= 0,
				"'pollInterval' must be positive and at most 'maxPollInterval'");
		return new SalesforceQueries(this.webClient, this.jsonMapper, this.apiVersion, this.batchSize,
				this.bulk.withPolling(pollInterval, maxPollInterval));
	}

	/**
	 * Run a SOQL query and emit every record of every page.
	 * @param <T> the type of the records
	 * @param soql the query
	 * @param type the type of the records: a record or bean type, {@code Map} or
	 * {@code JsonNode}; the {@code attributes} of each record are the mapper's to ignore
	 * or map
	 * @return the records, in order
	 */
	public <T> Flux<T> query(String soql, Class<T> type) {
		return records("query", soql, type);
	}

	/**
	 * Run a SOQL query that includes deleted and archived records and emit every record
	 * of every page.
	 * @param <T> the type of the records
	 * @param soql the query
	 * @param type the type of the records
	 * @return the records, in order
	 */
	public <T> Flux<T> queryAll(String soql, Class<T> type) {
		return records("queryAll", soql, type);
	}

	/**
	 * Run a SOQL query as a Bulk API 2.0 query job and emit every row of its CSV results,
	 * keyed by the header's names, page by page. Cancelling the subscription aborts the
	 * job. Each job is one {@link SalesforceObservationDocumentation#BULK_QUERY bulk query
	 * observation} (when these queries were created with an {@link ObservationRegistry}),
	 * with the job id, the pages and records read and the outcome; the progress is logged
	 * at DEBUG.
	 * @param soql the query
	 * @return the rows, in order
	 * @see SalesforceBulkQueries
	 */
	public Flux<Map<String, String>> bulkQuery(String soql) {
		return this.bulk.query("query", soql);
	}

	private <T> Flux<T> records(String resource, String soql, Class<T> type) {
		Assert.hasText(soql, "'soql' must not be empty");
		Assert.notNull(type, "'type' must not be null");
		return Flux.defer(() -> {
			// The next page's path, known once the previous page is read; the pages are
			// asked for one at a time, only when the previous one is emitted whole
			AtomicReference<@Nullable String> next = new AtomicReference<>();
			Mono<SoqlPage<T>> first = page(this.webClient.get()
				.uri("/services/data/v{version}/{resource}?q={soql}", this.apiVersion, resource, soql), type);
			return Flux.<Mono<SoqlPage<T>>, Boolean>generate(() -> true, (isFirst, sink) -> {
				String path = next.getAndSet(null);
				if (isFirst) {
					sink.next(first);
				}
				else if (path != null) {
					sink.next(page(this.webClient.get().uri(path), type));
				}
				else {
					sink.complete();
				}
				return false;
			}).concatMap((page) -> page.doOnNext((read) -> next.set(read.nextRecordsUrl()))
				.flatMapIterable(SoqlPage::records), 0);
		});
	}

	private <T> Mono<SoqlPage<T>> page(WebClient.RequestHeadersSpec<?> request, Class<T> type) {
		return request.headers((headers) -> SoqlPage.batchSize(headers, this.batchSize))
			.retrieve()
			.onStatus(HttpStatusCode::isError, SalesforceWebClientApiException::from)
			.bodyToFlux(DataBuffer.class)
			.as(DataBufferUtils::join)
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return SoqlPage.read(this.jsonMapper, bytes, type);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			});
	}

	@Override
	public String toString() {
		return "SalesforceQueries[apiVersion=" + this.apiVersion + ", batchSize=" + this.batchSize + "]";
	}

}
