package io.github.salesforcejwt;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ConnectionFailures} and the one more attempt both client paths make
 * when a connection broke before any response.
 */
class ConnectionFailuresTests {

	private static final SalesforceToken TOKEN = new SalesforceToken("00D!token",
			URI.create("https://acme.my.salesforce.com"), null, null, null, Instant.now());

	private final SalesforceTokenManager tokenManager = new SalesforceTokenManager(() -> Mono.just(TOKEN));

	@Test
	void retriesOnlyIdempotentMethods() {
		assertThat(HttpMethod.values()).filteredOn(ConnectionFailures::isIdempotent)
			.containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT,
					HttpMethod.DELETE);
	}

	@Test
	void takesABrokenConnectionButNeverATimeoutForOneWorthRetrying() {
		assertThat(ConnectionFailures.isBrokenConnection(
				new WebClientRequestException(new IOException("Connection prematurely closed BEFORE response"),
						HttpMethod.GET, URI.create("https://acme.my.salesforce.com"), HttpHeaders.EMPTY)))
			.isTrue();
		assertThat(ConnectionFailures.isBrokenConnection(new IOException("Connection reset"))).isTrue();
		assertThat(ConnectionFailures.isBrokenConnection(new HttpTimeoutException("request timed out"))).isFalse();
		assertThat(ConnectionFailures.isBrokenConnection(new IOException(new TimeoutException()))).isFalse();
		assertThat(ConnectionFailures.isBrokenConnection(new IllegalStateException("bug"))).isFalse();
	}

	@Test
	void sendsAGetAgainWhenItsConnectionBrokeBeforeAnyResponse() {
		AtomicInteger sent = new AtomicInteger();
		ExchangeFunction flaky = (request) -> (sent.incrementAndGet() == 1) ? Mono.error(broken(request))
				: Mono.just(ClientResponse.create(HttpStatus.OK).build());
		ClientResponse response = filter().filter(request(HttpMethod.GET), flaky).block(Duration.ofSeconds(5));
		assertThat(response.statusCode()).isEqualTo(HttpStatus.OK);
		assertThat(sent).hasValue(2);
	}

	@Test
	void sendsAGetAtMostThreeTimesWhenEveryConnectionIsBroken() {
		AtomicInteger sent = new AtomicInteger();
		ExchangeFunction broken = (request) -> {
			sent.incrementAndGet();
			return Mono.error(broken(request));
		};
		assertThatExceptionOfType(WebClientRequestException.class)
			.isThrownBy(() -> filter().filter(request(HttpMethod.GET), broken).block(Duration.ofSeconds(5)));
		assertThat(sent).hasValue(1 + ConnectionFailures.MAX_RETRIES);
	}

	@Test
	void neverSendsAPostOrAPatchTwice() {
		for (HttpMethod method : new HttpMethod[] { HttpMethod.POST, HttpMethod.PATCH }) {
			AtomicInteger sent = new AtomicInteger();
			ExchangeFunction flaky = (request) -> {
				sent.incrementAndGet();
				return Mono.error(broken(request));
			};
			assertThatExceptionOfType(WebClientRequestException.class)
				.isThrownBy(() -> filter().filter(request(method), flaky).block(Duration.ofSeconds(5)));
			assertThat(sent).hasValue(1);
		}
	}

	@Test
	void theInterceptorSendsAGetOnceMoreAndAPostOnce() throws IOException {
		SalesforceJwtClientHttpRequestInterceptor interceptor = new SalesforceJwtClientHttpRequestInterceptor(
				this.tokenManager, null, SalesforceInstanceHosts.salesforceOnly(), Duration.ofSeconds(5));
		for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.POST }) {
			AtomicInteger sent = new AtomicInteger();
			MockClientHttpRequest request = new MockClientHttpRequest(method, URI.create("/services/data/v66.0/limits"));
			try {
				interceptor.intercept(request, new byte[0], (authorized, body) -> {
					if (sent.incrementAndGet() == 1) {
						throw new IOException("HTTP/1.1 header parser received no bytes");
					}
					return new MockClientHttpResponse(new byte[0], HttpStatus.OK);
				});
			}
			catch (IOException ex) {
				assertThat(method).isEqualTo(HttpMethod.POST);
			}
			assertThat(sent).hasValue((method == HttpMethod.GET) ? 2 : 1);
		}
	}

	private SalesforceJwtExchangeFilterFunction filter() {
		return new SalesforceJwtExchangeFilterFunction(this.tokenManager, null,
				SalesforceInstanceHosts.salesforceOnly());
	}

	private static ClientRequest request(HttpMethod method) {
		return ClientRequest.create(method, URI.create("/services/data/v66.0/limits")).build();
	}

	private static WebClientRequestException broken(ClientRequest request) {
		return new WebClientRequestException(new IOException("Connection prematurely closed BEFORE response"),
				request.method(), request.url(), request.headers());
	}

}
