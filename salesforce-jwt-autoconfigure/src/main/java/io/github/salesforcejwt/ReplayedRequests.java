package io.github.salesforcejwt;

import java.net.URI;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * How {@link SalesforceJwtExchangeFilterFunction} sends a request again: once more on a
 * connection that broke before any response, and after a renewal, on the renewed token's
 * instance, with its body written a second time.
 *
 * @author salesforce-jwt
 */
final class ReplayedRequests {

	private ReplayedRequests() {
	}

	/**
	 * Send a request; when the connection broke before any response (a keep-alive
	 * connection the server closed while idle), send an idempotent request again.
	 * @param request the request
	 * @param next the exchange function
	 * @return the response
	 */
	static Mono<ClientResponse> exchangeOnce(ClientRequest request, ExchangeFunction next) {
		if (!ConnectionFailures.isIdempotent(request.method())) {
			return next.exchange(request);
		}
		return Mono.defer(() -> next.exchange(request))
			.retryWhen(Retry.max(ConnectionFailures.MAX_RETRIES).filter(ConnectionFailures::isBrokenConnection)
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

	/**
	 * The request to send once more after a renewal, on the renewed token's instance and
	 * with its body written a second time.
	 * @param request the request sent with the previous token
	 * @param previous the token the request was sent with
	 * @param renewed the token to send it with now
	 * @return the request to send again
	 */
	static ClientRequest forRenewed(ClientRequest request, SalesforceToken previous, SalesforceToken renewed) {
		return replay(onInstanceOf(request, previous, renewed));
	}

	/**
	 * The request with its body written a second time: a body that can be read only once
	 * fails then, and the error says why.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ClientRequest replay(ClientRequest request) {
		BodyInserter body = request.body();
		BodyInserter<?, ClientHttpRequest> replayed = (message, context) -> ((Mono<Void>) body.insert(message,
				context))
			.onErrorMap(IllegalStateException.class, (ex) -> new IllegalStateException("Salesforce ended the session "
					+ "and the starter logged in again, but the request to " + request.method() + " "
					+ request.url().getRawPath() + " could not be sent a second time: its body can be read only once ("
					+ ex.getMessage() + "). Give the request a body that can be read again, such as an object, a "
					+ "byte[], a Resource or a Flux.defer(...) that creates a new publisher for each subscriber.",
					ex));
		return ClientRequest.from(request).body(replayed).build();
	}

	/**
	 * A request made for one token's instance, moved to another token's instance: the
	 * instance URL of a new login is the same but for an org migration.
	 */
	private static ClientRequest onInstanceOf(ClientRequest request, SalesforceToken previous,
			SalesforceToken renewed) {
		URI url = SalesforceInstanceUris.onInstance(request.url(), renewed.getInstanceUrl(),
				previous.getInstanceUrl());
		return (url == request.url() || !request.url().isAbsolute()) ? request
				: ClientRequest.from(request).url(url).build();
	}

}
