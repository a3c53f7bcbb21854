package io.github.salesforcejwt;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * {@link SalesforceTokenClient} that posts the assertion to
 * {@code {login-url}/services/oauth2/token} with a {@link WebClient}.
 * <p>
 * The {@code WebClient} should come from the application's {@code WebClient.Builder} so that
 * proxy, SSL, timeout and observation settings apply to the login as they do to API calls,
 * and must not carry the Salesforce authentication filter. Its connector must not follow
 * redirects: the token endpoint's answer is read as it is, and a redirect (3xx) is a
 * failure, so the assertion is only ever posted to the configured token endpoint.
 * <p>
 * At most {@value #MAX_BODY_SIZE} bytes of the answer are read, and what the starter
 * accepts as a token response is decided as for every other HTTP client (the
 * {@code instance_url} must pass {@link SalesforceInstanceHosts#check(URI)}, the access
 * token must be printable ASCII of at most {@value #MAX_ACCESS_TOKEN_LENGTH} characters, no
 * JSON key may appear twice). The form, which holds the assertion, is never logged.
 *
 * @author salesforce-jwt
 */
public final class WebClientSalesforceTokenClient implements SalesforceTokenClient {

	static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	/**
	 * The largest token endpoint answer read, in bytes (64 KiB). Salesforce's are well
	 * under 2 KiB.
	 */
	public static final int MAX_BODY_SIZE = SalesforceTokenResponseReader.MAX_BODY_SIZE;

	/**
	 * The longest access token accepted, in characters (8 KiB).
	 */
	public static final int MAX_ACCESS_TOKEN_LENGTH = TokenResponse.MAX_ACCESS_TOKEN_LENGTH;

	private final WebClient webClient;

	private final SalesforceJwtAssertionFactory assertionFactory;

	private final SalesforceTokenResponseReader reader;

	/**
	 * Create a new client that accepts an {@code instance_url} on Salesforce's domains
	 * and loopback addresses only, and reads JSON with a mapper of its own.
	 * @param webClient the client to post with, without the Salesforce filter and with a
	 * connector that does not follow redirects
	 * @param tokenUri the token endpoint, {@code {login-url}/services/oauth2/token}
	 * @param assertionFactory creates the assertion for each login
	 */
	public WebClientSalesforceTokenClient(WebClient webClient, URI tokenUri,
			SalesforceJwtAssertionFactory assertionFactory) {
		this(webClient, tokenUri, assertionFactory, SalesforceInstanceHosts.salesforceOnly(), null);
	}

	/**
	 * Create a new client.
	 * @param webClient the client to post with, without the Salesforce filter and with a
	 * connector that does not follow redirects
	 * @param tokenUri the token endpoint, {@code {login-url}/services/oauth2/token}
	 * @param assertionFactory creates the assertion for each login
	 * @param instanceHosts the hosts an {@code instance_url} may name
	 * @param jsonMapper the application's mapper, of which this client reads JSON with a
	 * stricter copy (never changing it), or {@code null} for a mapper of its own
	 */
	public WebClientSalesforceTokenClient(WebClient webClient, URI tokenUri,
			SalesforceJwtAssertionFactory assertionFactory, SalesforceInstanceHosts instanceHosts,
			@Nullable JsonMapper jsonMapper) {
		Assert.notNull(webClient, "'webClient' must not be null");
		Assert.notNull(assertionFactory, "'assertionFactory' must not be null");
		// The form holds the assertion: never logged, whatever spring.http.codecs says
		this.webClient = webClient.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false))
			.build();
		this.assertionFactory = assertionFactory;
		this.reader = new SalesforceTokenResponseReader(tokenUri, instanceHosts, jsonMapper,
				assertionFactory.clock());
	}

	/**
	 * Return the token endpoint.
	 * @return the token endpoint
	 */
	public URI getTokenUri() {
		return this.reader.getTokenUri();
	}

	@Override
	public Mono<SalesforceToken> requestToken() {
		return Mono.defer(() -> this.webClient.post()
			.uri(this.reader.getTokenUri())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData("grant_type", GRANT_TYPE)
				.with("assertion", this.assertionFactory.createAssertion()))
			.exchangeToMono(this::readResponse))
			.onErrorMap(WebClientRequestException.class, this.reader::unreachable);
	}

	private Mono<SalesforceToken> readResponse(ClientResponse response) {
		Instant receivedAt = this.reader.now();
		return DataBufferUtils.join(response.bodyToFlux(DataBuffer.class),
				MAX_BODY_SIZE + 1)
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(new byte[MAX_BODY_SIZE + 1]))
			.defaultIfEmpty(new byte[0])
			.map((body) -> this.reader.read(response.statusCode().value(), response.headers().asHttpHeaders(), body,
					receivedAt));
	}

	@Override
	public String toString() {
		return "WebClientSalesforceTokenClient[" + this.reader + "]";
	}

}
