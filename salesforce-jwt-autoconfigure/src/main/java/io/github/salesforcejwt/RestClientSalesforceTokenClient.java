package io.github.salesforcejwt;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * {@link SalesforceTokenClient} that posts the assertion to
 * {@code {login-url}/services/oauth2/token} with a {@link RestClient}, for applications
 * without WebFlux. The blocking call runs on Reactor's bounded elastic scheduler, never on
 * the caller's thread.
 * <p>
 * The {@code RestClient} should come from the application's {@code RestClient.Builder}
 * (proxy, SSL, timeouts and observations apply), must not carry the Salesforce interceptor,
 * and its request factory must not follow redirects. What the starter accepts as a token
 * response is decided as for the {@link WebClientSalesforceTokenClient}.
 *
 * @author salesforce-jwt
 */
public final class RestClientSalesforceTokenClient implements SalesforceTokenClient {

	private final RestClient restClient;

	private final SalesforceJwtAssertionFactory assertionFactory;

	private final SalesforceTokenResponseReader reader;

	/**
	 * Create a new client.
	 * @param restClient the client to post with, without the Salesforce interceptor and
	 * with a request factory that does not follow redirects
	 * @param tokenUri the token endpoint, {@code {login-url}/services/oauth2/token}
	 * @param assertionFactory creates the assertion for each login
	 * @param instanceHosts the hosts an {@code instance_url} may name
	 * @param jsonMapper the application's mapper, of which this client reads JSON with a
	 * stricter copy (never changing it), or {@code null} for a mapper of its own
	 */
	public RestClientSalesforceTokenClient(RestClient restClient, URI tokenUri,
			SalesforceJwtAssertionFactory assertionFactory, SalesforceInstanceHosts instanceHosts,
			@Nullable JsonMapper jsonMapper) {
		Assert.notNull(restClient, "'restClient' must not be null");
		Assert.notNull(assertionFactory, "'assertionFactory' must not be null");
		this.restClient = restClient;
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
		return Mono.fromCallable(this::post).subscribeOn(Schedulers.boundedElastic());
	}

	private SalesforceToken post() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", WebClientSalesforceTokenClient.GRANT_TYPE);
		form.add("assertion", this.assertionFactory.createAssertion());
		try {
			return this.restClient.post()
				.uri(this.reader.getTokenUri())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.exchange((request, response) -> {
					Instant receivedAt = this.reader.now();
					byte[] body = SalesforceTokenResponseReader.readBounded(response.getBody());
					return this.reader.read(response.getStatusCode().value(), response.getHeaders(), body,
							receivedAt);
				});
		}
		catch (ResourceAccessException ex) {
			throw this.reader.unreachable(ex);
		}
	}

	@Override
	public String toString() {
		return "RestClientSalesforceTokenClient[" + this.reader + "]";
	}

}
