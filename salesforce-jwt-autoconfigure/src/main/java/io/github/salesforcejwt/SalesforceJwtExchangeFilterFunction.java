package io.github.salesforcejwt;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * {@link ExchangeFilterFunction} that sends requests to the org's {@code instance_url} with
 * the current Salesforce access token.
 * <ul>
 * <li>A relative URI ({@code /services/data/v66.0/query?q=...}) is resolved against the
 * current token's {@code instance_url}.</li>
 * <li>The {@code Authorization: Bearer} header is added only to requests for the
 * {@code instance_url}'s scheme, host and port; requests to any other host pass through
 * untouched.</li>
 * <li>When Salesforce answers that the session ended (401 {@code INVALID_SESSION_ID}, or the
 * Bulk API's 400 {@code InvalidSessionId}, recognised by the error code field of a small JSON
 * or XML body and never by text anywhere in it), the token is renewed through the
 * {@link SalesforceTokenManager} and the request is sent once more, with the same method,
 * headers and body. Never a loop: when that is refused too, the
 * {@link SalesforceTokenManager#renewAfterRetryRefused token manager} decides. A token
 * another instance stored may have ended as well: the request is sent a third time, with
 * the token of a new login. The token of a new login that is refused means a new login
 * does not cure it: the request fails with an error that names the fixes, and renewals
 * pause until a request succeeds. Any other refusal is returned as it is. The body is
 * written again, so it must be one that can be read more than once (not a one-shot
 * publisher); otherwise the second attempt fails with an error that says so.</li>
 * <li>Only the first few KiB of a 401 or 400 body are read to decide; every other body is
 * handed on untouched, as it streams in.</li>
 * </ul>
 *
 * @author salesforce-jwt
 */
public final class SalesforceJwtExchangeFilterFunction implements ExchangeFilterFunction {

	/**
	 * How many times a request is sent again at most: once after a renewal, and once more
	 * when the token a renewal took from the token store was refused too.
	 */
	private static final int MAX_RETRIES = 2;

	private final SalesforceTokenManager tokenManager;

	private final @Nullable SalesforceApiUsage apiUsage;

	private final SalesforceInstanceHosts instanceHosts;

	private volatile @Nullable LastToken lastToken;

	/**
	 * Create a new filter.
	 * @param tokenManager the token manager
	 */
	public SalesforceJwtExchangeFilterFunction(SalesforceTokenManager tokenManager) {
		this(tokenManager, null, SalesforceInstanceHosts.salesforceOnly());
	}

	/**
	 * Create a new filter that also records the API usage Salesforce reports.
	 * @param tokenManager the token manager
	 * @param apiUsage where to record the {@code Sforce-Limit-Info} header, or {@code null}
	 * @param instanceHosts the hosts the token may be sent to: a request for any other
	 * host is passed on untouched, without a login
	 */
	public SalesforceJwtExchangeFilterFunction(SalesforceTokenManager tokenManager,
			@Nullable SalesforceApiUsage apiUsage, SalesforceInstanceHosts instanceHosts) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		Assert.notNull(instanceHosts, "'instanceHosts' must not be null");
		this.tokenManager = tokenManager;
		this.apiUsage = apiUsage;
		this.instanceHosts = instanceHosts;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		URI url = request.url();
		if (url.isAbsolute() && !isOnTrustedInstance(url)) {
			if (this.instanceHosts.isForeign(url)) {
				// Never a Salesforce host: no token, and no login for it (even while logins fail)
				return next.exchange(request);
			}
			LastToken last = this.lastToken;
			if (last != null && !SalesforceInstanceUris.isSameOrigin(url, last.instanceUrl())) {
				// Not for Salesforce: no token, and no login for it (even while logins fail)
				return next.exchange(request);
			}
		}
		SalesforceToken current = this.tokenManager.getCurrentToken();
		if (current != null) {
			// The steady state: no operator between the request and the exchange
			return exchange(request, next, current, 0);
		}
		// A caller that waited for a login goes on off the thread that completed it: the
		// callers that waited together would otherwise all open their connections on the
		// login's event loop (Reactor Netty puts a new connection on the calling event loop),
		// and every call of the session would stay on that one thread
		return this.tokenManager.getToken()
			.publishOn(Schedulers.parallel())
			.flatMap((token) -> exchange(request, next, token, 0));
	}

	private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, SalesforceToken token,
			int retries) {
		URI url = request.url();
		URI instanceUrl = token.getInstanceUrl();
		LastToken last = lastToken(token);
		if (url.isAbsolute() && !SalesforceInstanceUris.isSameOrigin(url, instanceUrl)) {
			return next.exchange(request);
		}
		ClientRequest authorized = ClientRequest.from(request)
			.url(url.isAbsolute() ? url : SalesforceInstanceUris.resolve(instanceUrl, url))
			.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, last.authorization()))
			.build();
		return ReplayedRequests.exchangeOnce(authorized, next).flatMap((response) -> {
			recordApiUsage(response);
			if (response.statusCode().is2xxSuccessful()) {
				this.tokenManager.reportAccepted(token);
				return Mono.just(response);
			}
			// Only a 401 or a 400 may say that the session ended: no other answer has its type parsed
			if (!SessionEnded.mayReport(response.statusCode())) {
				return Mono.just(response);
			}
			MediaType contentType = response.headers().contentType().orElse(null);
			if (!SessionEnded.mayReport(response.statusCode(), contentType, response.headers().contentLength())) {
				return Mono.just(response);
			}
			// Only the start of the body is read: an ended-session answer is small, and the
			// rest is handed on, byte for byte, as it streams in
			return PeekedBody.peek(response.bodyToFlux(DataBuffer.class), SessionEnded.MAX_BODY_SIZE)
				.flatMap((peeked) -> {
					if (contentType == null || !peeked.isWhole(SessionEnded.MAX_BODY_SIZE) || !SessionEnded
						.isSessionEnded(response.statusCode(), contentType, peeked.prefixBytes())) {
						return Mono.just(peeked.handOn(response));
					}
					if (retries > 0) {
						return refusedAgain(request, next, token, retries, response, peeked,
								SessionEnded.message(contentType, peeked.prefixBytes()));
					}
					// Off the login's thread, as after a first login
					return peeked.release()
						.then(this.tokenManager.renewToken(token))
						.publishOn(Schedulers.parallel())
						.flatMap((renewed) -> exchange(ReplayedRequests.forRenewed(request, token, renewed), next,
								renewed, 1));
				});
		});
	}

	/**
	 * A request sent again after a renewal was refused too: the token manager says whether
	 * to send it once more, to fail it with the fixes, or to hand the answer on.
	 */
	private Mono<ClientResponse> refusedAgain(ClientRequest request, ExchangeFunction next, SalesforceToken token,
			int retries, ClientResponse response, PeekedBody peeked, @Nullable String message) {
		return this.tokenManager.renewAfterRetryRefused(token, message)
			.onErrorResume((ex) -> peeked.release().then(Mono.error(ex)))
			.flatMap((renewed) -> (retries < MAX_RETRIES) ? peeked.release()
				.then(exchange(ReplayedRequests.forRenewed(request, token, renewed), next, renewed, retries + 1))
					: Mono.<ClientResponse>empty())
			.switchIfEmpty(Mono.fromSupplier(() -> peeked.handOn(response)));
	}

	private void recordApiUsage(ClientResponse response) {
		SalesforceApiUsage apiUsage = this.apiUsage;
		if (apiUsage != null) {
			apiUsage.recordFrom(response.headers().asHttpHeaders());
		}
	}

	/**
	 * Whether a URI is on the instance of the last token used, and that instance is one the
	 * token may be sent to: then {@link SalesforceInstanceHosts#isForeign(URI)} would say
	 * of the URI what it said of the instance, because it looks only at the scheme and the
	 * host (both without regard to case, as {@link SalesforceInstanceUris#isSameOrigin} compares them) and at the
	 * user information, which neither has. The steady state of every request to the
	 * instance: one comparison instead of the host rules.
	 */
	private boolean isOnTrustedInstance(URI url) {
		LastToken last = this.lastToken;
		return last != null && last.trustedInstance() && url.getRawUserInfo() == null
				&& SalesforceInstanceUris.isSameOrigin(url, last.instanceUrl());
	}

	/**
	 * What the filter derives from a token once rather than for every request: its
	 * {@code Authorization} header value and whether its instance may receive it.
	 */
	private LastToken lastToken(SalesforceToken token) {
		LastToken last = this.lastToken;
		if (last == null || !last.isFor(token)) {
			last = new LastToken(token, "Bearer " + token.getAccessToken(),
					!this.instanceHosts.isForeign(token.getInstanceUrl()));
			this.lastToken = last;
		}
		return last;
	}

	@Override
	public String toString() {
		return "SalesforceJwtExchangeFilterFunction";
	}

}
