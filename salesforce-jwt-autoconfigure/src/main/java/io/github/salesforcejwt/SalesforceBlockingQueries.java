package io.github.salesforcejwt;

import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * SOQL queries of one Salesforce session over its {@code RestClient}, for servlet
 * applications: every record of every page as a lazily paged {@link Stream}, decoded with
 * the application's Jackson. Reach it with {@link SalesforceRestClients#blockingQueries()}.
 * <p>
 * The next page is fetched only when the stream reaches it, so {@code limit(10)} makes one
 * request; closing the stream (use try-with-resources) stops it. Error answers are thrown
 * as {@link SalesforceRestClientApiException}.
 *
 * @author salesforce-jwt
 * @see SalesforceQueries
 */
public final class SalesforceBlockingQueries {

	private final RestClient restClient;

	private final JsonMapper jsonMapper;

	private final String apiVersion;

	private final @Nullable Integer batchSize;

	/**
	 * Create a new instance.
	 * @param restClient the session's client
	 * @param jsonMapper the mapper that decodes records
	 * @param apiVersion the REST API version, such as {@code 66.0}
	 */
	public SalesforceBlockingQueries(RestClient restClient, JsonMapper jsonMapper, String apiVersion) {
		this(restClient, jsonMapper, apiVersion, null);
	}

	private SalesforceBlockingQueries(RestClient restClient, JsonMapper jsonMapper, String apiVersion,
			@Nullable Integer batchSize) {
		Assert.notNull(restClient, "'restClient' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		Assert.hasText(apiVersion, "'apiVersion' must not be empty");
		this.restClient = restClient;
		this.jsonMapper = jsonMapper;
		this.apiVersion = apiVersion;
		this.batchSize = batchSize;
	}

	/**
	 * Return queries like these that ask Salesforce for pages of a given size
	 * ({@code Sforce-Query-Options: batchSize=N}, a hint the server may answer with fewer).
	 * @param batchSize the page size, from 200 to 2,000
	 * @return the queries
	 * @throws IllegalArgumentException if the size is out of range
	 */
	public SalesforceBlockingQueries withBatchSize(int batchSize) {
		return new SalesforceBlockingQueries(this.restClient, this.jsonMapper, this.apiVersion,
				SoqlPage.validBatchSize(batchSize));
	}

	/**
	 * Run a SOQL query; the first page is fetched when the stream is first read.
	 * @param <T> the type of the records
	 * @param soql the query
	 * @param type the type of the records: a record or bean type, {@code Map} or
	 * {@code JsonNode}
	 * @return the records, in order; close it when done
	 */
	public <T> Stream<T> query(String soql, Class<T> type) {
		return records("query", soql, type);
	}

	/**
	 * Run a SOQL query that includes deleted and archived records.
	 * @param <T> the type of the records
	 * @param soql the query
	 * @param type the type of the records
	 * @return the records, in order; close it when done
	 */
	public <T> Stream<T> queryAll(String soql, Class<T> type) {
		return records("queryAll", soql, type);
	}

	private <T> Stream<T> records(String resource, String soql, Class<T> type) {
		Assert.hasText(soql, "'soql' must not be empty");
		Assert.notNull(type, "'type' must not be null");
		Pages<T> pages = new Pages<>(resource, soql, type);
		return StreamSupport.stream(pages, false).onClose(pages::close);
	}

	private <T> SoqlPage<T> page(RestClient.RequestHeadersSpec<?> request, Class<T> type) {
		return request.headers(this::batchSize).exchange((clientRequest, response) -> {
			if (response.getStatusCode().isError()) {
				throw SalesforceRestClientApiException.from(response);
			}
			try (InputStream body = response.getBody()) {
				return SoqlPage.read(this.jsonMapper, body, type);
			}
		}, true);
	}

	private void batchSize(HttpHeaders headers) {
		SoqlPage.batchSize(headers, this.batchSize);
	}

	/**
	 * The records, page after page, each fetched when the previous one is used up.
	 */
	private final class Pages<T> extends Spliterators.AbstractSpliterator<T> {

		private final String resource;

		private final String soql;

		private final Class<T> type;

		private Iterator<T> records = List.<T>of().iterator();

		private boolean started;

		private @Nullable String next;

		private volatile boolean closed;

		Pages(String resource, String soql, Class<T> type) {
			super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
			this.resource = resource;
			this.soql = soql;
			this.type = type;
		}

		@Override
		public boolean tryAdvance(Consumer<? super T> action) {
			while (!this.records.hasNext()) {
				if (this.closed || (this.started && this.next == null)) {
					return false;
				}
				SoqlPage<T> page = fetch();
				this.started = true;
				this.next = page.nextRecordsUrl();
				this.records = page.records().iterator();
			}
			action.accept(this.records.next());
			return true;
		}

		private SoqlPage<T> fetch() {
			RestClient client = SalesforceBlockingQueries.this.restClient;
			if (!this.started) {
				return page(client.get()
					.uri("/services/data/v{version}/{resource}?q={soql}", SalesforceBlockingQueries.this.apiVersion,
							this.resource, this.soql),
						this.type);
			}
			return page(client.get().uri(this.next), this.type);
		}

		void close() {
			this.closed = true;
			this.records = List.<T>of().iterator();
		}

	}

}
