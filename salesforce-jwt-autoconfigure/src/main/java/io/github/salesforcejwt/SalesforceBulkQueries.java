package io.github.salesforcejwt;

import java.time.Duration;
import java.util.Map;

import io.github.salesforcejwt.SalesforceBulkQueryObservationContext.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Bulk API 2.0 query jobs over a session's {@code WebClient}: creates the job, polls its
 * state with a doubling interval until it is {@code JobComplete}, then reads its CSV
 * results page by page, following {@code Sforce-Locator}, as the subscriber asks for
 * rows ({@link BulkQueryResults}). Cancelling aborts the job. Reached through {@link SalesforceQueries#bulkQuery}.
 * <p>
 * Each job is one {@link SalesforceObservationDocumentation#BULK_QUERY bulk query
 * observation}, with a page event for each result page; its requests' own observations
 * become its children. The progress is also logged at DEBUG.
 *
 * @author salesforce-jwt
 */
final class SalesforceBulkQueries {

	static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

	static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofSeconds(30);

	private static final Log logger = LogFactory.getLog(SalesforceBulkQueries.class);

	private final WebClient webClient;

	private final JsonMapper jsonMapper;

	private final String apiVersion;

	private final Duration pollInterval;

	private final Duration maxPollInterval;

	private final Observations observations;

	private final BulkQueryResults results;

	SalesforceBulkQueries(WebClient webClient, JsonMapper jsonMapper, String apiVersion, Duration pollInterval,
			Duration maxPollInterval, Observations observations) {
		this.webClient = webClient;
		this.jsonMapper = jsonMapper;
		this.apiVersion = apiVersion;
		this.pollInterval = pollInterval;
		this.maxPollInterval = maxPollInterval;
		this.observations = observations;
		this.results = new BulkQueryResults(webClient, jobsPath());
	}

	SalesforceBulkQueries withPolling(Duration pollInterval, Duration maxPollInterval) {
		return new SalesforceBulkQueries(this.webClient, this.jsonMapper, this.apiVersion, pollInterval,
				maxPollInterval, this.observations);
	}

	Duration pollInterval() {
		return this.pollInterval;
	}

	Duration maxPollInterval() {
		return this.maxPollInterval;
	}

	Flux<Map<String, String>> query(String operation, String soql) {
		return Flux.defer(() -> {
			SalesforceBulkQueryObservationContext context = this.observations.newContext();
			Observation observation = this.observations.create(context).start();
			return Flux
				.usingWhen(create(operation, soql).doOnNext(context::setJobId),
						(id) -> complete(id).thenMany(this.results.rows(id, context, observation)), (id) -> Mono.empty(),
						(id, error) -> Mono.empty(), this::abort)
				// Stopped before the signal goes on, once, whatever ends the query
				.doOnComplete(() -> {
					context.setOutcome(Outcome.COMPLETE);
					if (logger.isDebugEnabled()) {
						logger.debug("Bulk API 2.0 query job " + context.getJobId() + " read: " + context.getRecords()
								+ " rows in " + context.getPages() + " pages");
					}
					observation.stop();
				})
				.doOnError((ex) -> {
					context.setOutcome(outcome(ex));
					observation.error(ex);
					observation.stop();
				})
				.doOnCancel(() -> {
					context.setOutcome(Outcome.ABORTED);
					observation.stop();
				})
				// The job's requests' own observations (http.client.requests) become children
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private static Outcome outcome(Throwable ex) {
		if (ex instanceof SalesforceBulkQueryException failed) {
			return "Aborted".equals(failed.getState()) ? Outcome.ABORTED : Outcome.FAILED;
		}
		return Outcome.ERROR;
	}

	private String jobsPath() {
		return "/services/data/v" + this.apiVersion + "/jobs/query";
	}

	private Mono<String> create(String operation, String soql) {
		return this.webClient.post()
			.uri(jobsPath())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.jsonMapper.writeValueAsString(Map.of("operation", operation, "query", soql)))
			.retrieve()
			.onStatus(HttpStatusCode::isError, SalesforceWebClientApiException::from)
			.bodyToMono(String.class)
			.map((body) -> this.jsonMapper.readTree(body).path("id").asString())
			.doOnNext((id) -> logger.debug("Created Bulk API 2.0 query job " + id));
	}

	private Mono<Void> complete(String id) {
		return state(id).flatMap((job) -> {
			String state = job.path("state").asString();
			return switch (state) {
				case "JobComplete" -> Mono.<Void>empty();
				case "Failed", "Aborted" -> Mono.error(new SalesforceBulkQueryException(id, state,
						job.path("errorMessage").asString(null)));
				default -> Mono.error(new NotComplete(state));
			};
		})
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.pollInterval)
				.maxBackoff(this.maxPollInterval)
				.jitter(0)
				.filter(NotComplete.class::isInstance)
				.doBeforeRetry((signal) -> logger
					.debug("Bulk API 2.0 query job " + id + " is " + signal.failure().getMessage() + ", polling again")))
			.then();
	}

	private Mono<JsonNode> state(String id) {
		return this.webClient.get()
			.uri(jobsPath() + "/{id}", id)
			.retrieve()
			.onStatus(HttpStatusCode::isError, SalesforceWebClientApiException::from)
			.bodyToMono(String.class)
			.map(this.jsonMapper::readTree);
	}

	private Mono<Void> abort(String id) {
		logger.debug("Aborting Bulk API 2.0 query job " + id);
		return this.webClient.patch()
			.uri(jobsPath() + "/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"state\":\"Aborted\"}")
			.retrieve()
			.toBodilessEntity()
			.doOnError((ex) -> logger.debug("Could not abort Bulk API 2.0 query job " + id, ex))
			.onErrorComplete()
			.then();
	}

	/**
	 * Makes the {@link SalesforceObservationDocumentation#BULK_QUERY bulk query
	 * observations} of one org.
	 */
	static final class Observations {

		private static final DefaultSalesforceBulkQueryObservationConvention DEFAULT_CONVENTION = new DefaultSalesforceBulkQueryObservationConvention();

		private final ObservationRegistry registry;

		private final @Nullable SalesforceBulkQueryObservationConvention customConvention;

		private final String org;

		Observations(ObservationRegistry registry, @Nullable SalesforceBulkQueryObservationConvention customConvention,
				String org) {
			Assert.notNull(registry, "'registry' must not be null");
			Assert.hasText(org, "'org' must not be empty");
			this.registry = registry;
			this.customConvention = customConvention;
			this.org = org;
		}

		SalesforceBulkQueryObservationContext newContext() {
			return new SalesforceBulkQueryObservationContext(this.org);
		}

		Observation create(SalesforceBulkQueryObservationContext context) {
			return SalesforceObservationDocumentation.BULK_QUERY.observation(this.customConvention,
					DEFAULT_CONVENTION, () -> context, this.registry);
		}

	}

	private static final class NotComplete extends RuntimeException {

		NotComplete(String state) {
			super(state, null, false, false);
		}

	}

}
