package io.github.salesforcejwt;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * {@link ClientHttpRequestInterceptor} that sends a {@code RestClient}'s requests to the
 * org's {@code instance_url} with the session's access token: the servlet counterpart of
 * {@link SalesforceJwtExchangeFilterFunction}, with the same promises.
 * <ul>
 * <li>A relative URI is resolved against the current token's {@code instance_url}; the
 * {@code Authorization} header goes only to that origin, and a request for a host that is
 * not Salesforce's passes untouched, without a login.</li>
 * <li>One login for any number of concurrent callers (the session's
 * {@link SalesforceTokenManager}); a caller waits for it without holding a lock, so virtual
 * threads are not pinned.</li>
 * <li>A 401 {@code INVALID_SESSION_ID} (or the Bulk API's 400 {@code InvalidSessionId}),
 * told by the error code of a small JSON or XML body, renews the token once and replays the
 * request with its body. When that is refused too, the token manager decides
 * ({@link SalesforceTokenManager#renewAfterRetryRefused}): a token another instance stored
 * may have ended as well, and the request is sent a third time with the token of a new
 * login; the token of a new login refused means no login cures it, and the request fails
 * with an error that names the fixes. A 403 never logs in.</li>
 * <li>An idempotent request (GET, HEAD, OPTIONS, PUT, DELETE) whose connection broke before
 * any response is sent again, at most twice more.</li>
 * <li>The {@code Sforce-Limit-Info} header is recorded.</li>
 * </ul>
 *
 * @author salesforce-jwt
 */
public final class SalesforceJwtClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	/**
	 * How many times a request is sent again at most: once after a renewal, and once more
	 * when the token a renewal took from the token store was refused too.
	 */
	private static final int MAX_RETRIES = 2;

	private final SalesforceTokenManager tokenManager;

	private final @Nullable SalesforceApiUsage apiUsage;

	private final SalesforceInstanceHosts instanceHosts;

	private final Duration loginWait;

	private volatile @Nullable Authorization lastAuthorization;

	/**
	 * Create a new interceptor.
	 * @param tokenManager the session's token manager
	 * @param apiUsage where to record the {@code Sforce-Limit-Info} header, or {@code null}
	 * @param instanceHosts the hosts the token may be sent to
	 * @param loginWait how long a request waits for a login at most (the login's own
	 * attempts and backoff, and a margin)
	 */
	public SalesforceJwtClientHttpRequestInterceptor(SalesforceTokenManager tokenManager,
			@Nullable SalesforceApiUsage apiUsage, SalesforceInstanceHosts instanceHosts, Duration loginWait) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		Assert.notNull(instanceHosts, "'instanceHosts' must not be null");
		Assert.notNull(loginWait, "'loginWait' must not be null");
		this.tokenManager = tokenManager;
		this.apiUsage = apiUsage;
		this.instanceHosts = instanceHosts;
		this.loginWait = loginWait;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		URI url = request.getURI();
		SalesforceToken token = this.tokenManager.getCurrentToken();
		// The current token's instance was checked at login: only another host is looked at
		if (url.isAbsolute() && (token == null || !SalesforceInstanceUris.isSameOrigin(url, token.getInstanceUrl()))
				&& this.instanceHosts.isForeign(url)) {
			return execution.execute(request, body);
		}
		if (token == null) {
			token = await(this.tokenManager.getToken());
		}
		if (url.isAbsolute() && !SalesforceInstanceUris.isSameOrigin(url, token.getInstanceUrl())) {
			return execution.execute(request, body);
		}
		ClientHttpResponse response = send(request, body, execution, token, null);
		for (int retries = 0;; retries++) {
			if (response.getStatusCode().is2xxSuccessful()) {
				this.tokenManager.reportAccepted(token);
				return response;
			}
			MediaType contentType = response.getHeaders().getContentType();
			if (!SessionEnded.mayReport(response.getStatusCode(), contentType, contentLength(response))) {
				return response;
			}
			// Only the start of the body is read; the rest is handed on as it streams in
			byte[] prefix = response.getBody().readNBytes(SessionEnded.MAX_BODY_SIZE);
			if (contentType == null || prefix.length >= SessionEnded.MAX_BODY_SIZE
					|| !SessionEnded.isSessionEnded(response.getStatusCode(), contentType, prefix)) {
				return new PrefixedResponse(response, prefix);
			}
			SalesforceToken renewed = (retries == 0) ? renew(response, token)
					: renewAfterRetryRefused(response, token, SessionEnded.message(contentType, prefix));
			if (renewed == null || retries == MAX_RETRIES) {
				return new PrefixedResponse(response, prefix);
			}
			response.close();
			response = send(request, body, execution, renewed, token.getInstanceUrl());
			token = renewed;
		}
	}

	private SalesforceToken renew(ClientHttpResponse response, SalesforceToken token) {
		try {
			return await(this.tokenManager.renewToken(token));
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
	}

	/**
	 * A request sent again after a renewal was refused too: the token manager answers a
	 * token to send it once more with, fails with the fixes, or answers nothing (hand the
	 * answer on).
	 */
	private @Nullable SalesforceToken renewAfterRetryRefused(ClientHttpResponse response, SalesforceToken token,
			@Nullable String message) {
		try {
			return this.tokenManager.renewAfterRetryRefused(token, message).block(this.loginWait);
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
	}

	private ClientHttpResponse send(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
			SalesforceToken token, @Nullable URI previousInstanceUrl) throws IOException {
		URI url = SalesforceInstanceUris.onInstance(request.getURI(), token.getInstanceUrl(), previousInstanceUrl);
		// The caller's own Authorization, if any, is replaced: never sent to Salesforce
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, authorization(token));
		HttpRequest authorized = (url != request.getURI()) ? new OnInstanceRequest(request, url) : request;
		for (int retries = 0;; retries++) {
			try {
				ClientHttpResponse response = execution.execute(authorized, body);
				recordApiUsage(response.getHeaders());
				return response;
			}
			catch (IOException ex) {
				if (retries == ConnectionFailures.MAX_RETRIES || !ConnectionFailures.isIdempotent(request.getMethod())
						|| !ConnectionFailures.isBrokenConnection(ex)) {
					throw ex;
				}
			}
		}
	}

	private String authorization(SalesforceToken token) {
		Authorization last = this.lastAuthorization;
		if (last == null || last.token() != token) {
			last = new Authorization(token, "Bearer " + token.getAccessToken());
			this.lastAuthorization = last;
		}
		return last.value();
	}

	private SalesforceToken await(Mono<SalesforceToken> token) {
		// Mono.block waits on a latch, not a monitor: a virtual thread unmounts while it waits
		SalesforceToken value = token.block(this.loginWait);
		if (value == null) {
			throw new IllegalStateException("Salesforce login completed without a token");
		}
		return value;
	}

	private void recordApiUsage(HttpHeaders headers) {
		SalesforceApiUsage apiUsage = this.apiUsage;
		if (apiUsage != null) {
			apiUsage.recordFrom(headers);
		}
	}

	private static OptionalLong contentLength(ClientHttpResponse response) {
		long length = response.getHeaders().getContentLength();
		return (length >= 0) ? OptionalLong.of(length) : OptionalLong.empty();
	}

	@Override
	public String toString() {
		return "SalesforceJwtClientHttpRequestInterceptor";
	}

	/**
	 * The {@code Authorization} value of a token, built once per token rather than once
	 * per request.
	 */
	private record Authorization(SalesforceToken token, String value) {

		@Override
		public String toString() {
			// Never the access token
			return "Authorization for " + this.token;
		}

	}

}
