package io.github.salesforcejwt;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
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
 * The answer is read with this client's own codecs, whatever the application configured:
 * bodies of at most {@value #MAX_BODY_SIZE} bytes, JSON with a duplicate key refused (so
 * that a second {@code instance_url} cannot override the first), no logging of the form
 * (it holds the assertion). The {@code instance_url} must pass
 * {@link SalesforceInstanceHosts#check(URI)}; the access token must be printable ASCII
 * without spaces, of at most {@value #MAX_ACCESS_TOKEN_LENGTH} characters, and
 * {@code token_type}, when sent, must be {@code Bearer}.
 *
 * @author salesforce-jwt
 */
public final class WebClientSalesforceTokenClient implements SalesforceTokenClient {

	static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	/**
	 * The largest token endpoint answer read, in bytes (64 KiB). Salesforce's are well
	 * under 2 KiB.
	 */
	public static final int MAX_BODY_SIZE = 64 * 1024;

	/**
	 * The longest access token accepted, in characters (8 KiB).
	 */
	public static final int MAX_ACCESS_TOKEN_LENGTH = 8 * 1024;

	private final WebClient webClient;

	private final URI tokenUri;

	private final SalesforceJwtAssertionFactory assertionFactory;

	private final SalesforceInstanceHosts instanceHosts;

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
		Assert.notNull(tokenUri, "'tokenUri' must not be null");
		Assert.notNull(assertionFactory, "'assertionFactory' must not be null");
		Assert.notNull(instanceHosts, "'instanceHosts' must not be null");
		JacksonJsonDecoder decoder = new JacksonJsonDecoder(strict(jsonMapper));
		decoder.setMaxInMemorySize(MAX_BODY_SIZE);
		this.webClient = webClient.mutate().codecs((codecs) -> configure(codecs, decoder)).build();
		this.tokenUri = tokenUri;
		this.assertionFactory = assertionFactory;
		this.instanceHosts = instanceHosts;
	}

	private static JsonMapper strict(@Nullable JsonMapper jsonMapper) {
		JsonMapper.Builder builder = (jsonMapper != null) ? jsonMapper.rebuild() : JsonMapper.builder();
		// A second key must not silently replace the first, whatever its case
		return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
			.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
			.build();
	}

	private static void configure(ClientCodecConfigurer codecs, JacksonJsonDecoder decoder) {
		codecs.defaultCodecs().maxInMemorySize(MAX_BODY_SIZE);
		codecs.defaultCodecs().jacksonJsonDecoder(decoder);
		// The form holds the assertion: never logged, whatever spring.http.codecs says
		codecs.defaultCodecs().enableLoggingRequestDetails(false);
	}

	/**
	 * Return the token endpoint.
	 * @return the token endpoint
	 */
	public URI getTokenUri() {
		return this.tokenUri;
	}

	@Override
	public Mono<SalesforceToken> requestToken() {
		return Mono.defer(() -> this.webClient.post()
			.uri(this.tokenUri)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData("grant_type", GRANT_TYPE)
				.with("assertion", this.assertionFactory.createAssertion()))
			.exchangeToMono(this::readResponse))
			.onErrorMap(WebClientRequestException.class,
					(ex) -> SalesforceAuthenticationException.unreachable(this.tokenUri, describe(ex), ex));
	}

	private static String describe(WebClientRequestException ex) {
		Throwable root = ex.getMostSpecificCause();
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? " (" + message + ")" : "");
	}

	private Mono<SalesforceToken> readResponse(ClientResponse response) {
		int status = response.statusCode().value();
		if (response.statusCode().is3xxRedirection()) {
			String location = locationOf(response);
			return response.releaseBody()
				.then(Mono.error(unexpected(status, "a redirect to " + location + ". Salesforce's token endpoint "
						+ "does not redirect, so salesforce.jwt.login-url is likely wrong. The assertion was not "
						+ "sent on", null)));
		}
		if (!isJson(response)) {
			String contentType = response.headers().contentType().map(MediaType::toString).orElse("none");
			return response.releaseBody()
				.then(Mono.error(notJson(status, "a body that is not JSON (Content-Type " + contentType
						+ "), as a maintenance page would be", null)));
		}
		if (response.statusCode().is2xxSuccessful()) {
			return response.bodyToMono(TokenResponse.class)
				.onErrorMap(CodecException.class, (ex) -> isDuplicateKey(ex) ? unexpected(status,
						"a token response that has the same key twice; Salesforce never sends one, and a second "
								+ "instance_url could send the token elsewhere",
						null) : notJson(status, "a body that is not valid JSON", ex))
				.onErrorMap(DataBufferLimitException.class,
						(ex) -> badTokenResponse(status, "a body larger than " + MAX_BODY_SIZE + " bytes"))
				.switchIfEmpty(Mono.error(() -> notJson(status, "an empty body", null)))
				.map((body) -> toToken(status, body));
		}
		Duration clockOffset = clockOffset(response);
		return response.bodyToMono(ErrorResponse.class)
			.onErrorResume(CodecException.class, (ex) -> Mono.empty())
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.empty())
			.defaultIfEmpty(new ErrorResponse(null, null))
			.flatMap((error) -> Mono.error(toException(status, error, clockOffset)));
	}

	/**
	 * How far the clock that set {@code exp} is ahead of Salesforce's, by the answer's
	 * {@code Date} header, read as the answer arrives.
	 */
	private @Nullable Duration clockOffset(ClientResponse response) {
		Instant receivedAt = this.assertionFactory.clock().instant();
		try {
			long date = response.headers().asHttpHeaders().getDate();
			return (date != -1) ? Duration.between(Instant.ofEpochMilli(date), receivedAt) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private String locationOf(ClientResponse response) {
		// The host only: the rest of the URL (a query, user information) stays out of messages
		String location = response.headers().asHttpHeaders().getFirst("Location");
		if (location == null || location.isBlank()) {
			return "no Location header";
		}
		try {
			URI uri = this.tokenUri.resolve(location.strip());
			if (uri.getHost() != null) {
				return "host " + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
			}
		}
		catch (IllegalArgumentException ex) {
			// described below
		}
		return "a Location header that is not a URL";
	}

	private static boolean isDuplicateKey(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof StreamReadException readException && readException.getOriginalMessage() != null
					&& readException.getOriginalMessage().startsWith("Duplicate")) {
				return true;
			}
		}
		return false;
	}

	private boolean isJson(ClientResponse response) {
		MediaType contentType = response.headers().contentType().orElse(null);
		return contentType != null && (MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				|| contentType.getSubtype().endsWith("+json"));
	}

	private RuntimeException toException(int status, ErrorResponse error, @Nullable Duration clockOffset) {
		if (error.error() == null || error.error().isBlank()) {
			return unexpected(status, "no OAuth error in its body", null);
		}
		return SalesforceAuthenticationException.rejected(status, error.error(), error.errorDescription(),
				clockOffset);
	}

	private SalesforceToken toToken(int status, TokenResponse body) {
		// A broken token is retried; an instance_url on a host the token must not go to is not
		String accessToken = body.accessToken();
		if (accessToken == null || accessToken.isBlank()) {
			throw badTokenResponse(status, "a token response without access_token");
		}
		String tokenProblem = accessTokenProblem(accessToken);
		if (tokenProblem != null) {
			throw badTokenResponse(status, tokenProblem);
		}
		if (body.tokenType() != null && !body.tokenType().equalsIgnoreCase("Bearer")) {
			throw badTokenResponse(status, "a token_type that is not Bearer");
		}
		if (body.instanceUrl() == null || body.instanceUrl().isBlank()) {
			throw badTokenResponse(status, "a token response without instance_url");
		}
		URI instanceUrl = parseInstanceUrl(status, body.instanceUrl());
		URI identityUrl = parseOptionalUri(body.id());
		return new SalesforceToken(accessToken, instanceUrl, identityUrl, body.scope(), body.tokenType(),
				parseIssuedAt(body.issuedAt()));
	}

	private static @Nullable String accessTokenProblem(String accessToken) {
		if (accessToken.length() > MAX_ACCESS_TOKEN_LENGTH) {
			return "an access_token longer than " + MAX_ACCESS_TOKEN_LENGTH + " characters";
		}
		for (int i = 0; i < accessToken.length(); i++) {
			char c = accessToken.charAt(i);
			if (c < 0x21 || c > 0x7E) {
				return "an access_token that cannot be sent in an Authorization header (it holds a control "
						+ "character, a space or a character outside printable ASCII)";
			}
		}
		return null;
	}

	private URI parseInstanceUrl(int status, String value) {
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			throw badTokenResponse(status, "an instance_url that is not a URL");
		}
		String problem = this.instanceHosts.check(uri);
		if (problem != null) {
			// Not retried: a token endpoint that names such a host is not Salesforce's
			throw unexpected(status, "an instance_url that " + problem, null);
		}
		// https://acme.my.salesforce.com/ is the same instance, and relative URIs resolve against it
		return "/".equals(uri.getRawPath()) ? URI.create(value.substring(0, value.length() - 1)) : uri;
	}

	private static @Nullable URI parseOptionalUri(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Instant parseIssuedAt(@Nullable String issuedAt) {
		if (issuedAt != null) {
			try {
				return Instant.ofEpochMilli(Long.parseLong(issuedAt.trim()));
			}
			catch (NumberFormatException ex) {
				// Not documented for this flow: fall back to the time of receipt
			}
		}
		return Instant.now();
	}

	private SalesforceAuthenticationException unexpected(int status, String reason, @Nullable Throwable cause) {
		boolean transientFailure = status >= 500 || status == 429;
		return SalesforceAuthenticationException.unexpectedResponse(this.tokenUri, status, reason, transientFailure,
				cause);
	}

	private SalesforceAuthenticationException badTokenResponse(int status, String reason) {
		// A 2xx answer that is not a usable token: Salesforce's fault, and it may pass
		return SalesforceAuthenticationException.unexpectedResponse(this.tokenUri, status, reason, true, null);
	}

	private SalesforceAuthenticationException notJson(int status, String reason, @Nullable Throwable cause) {
		// Salesforce answers JSON. Anything else is a maintenance page (2xx, 5xx) that will
		// pass, or a wrong login URL, a proxy or a firewall (other 4xx) that will not
		boolean transientFailure = status < 400 || status >= 500 || status == 429;
		return SalesforceAuthenticationException.unexpectedResponse(this.tokenUri, status, reason, transientFailure,
				cause);
	}

	@Override
	public String toString() {
		return "WebClientSalesforceTokenClient[tokenUri=" + this.tokenUri + ", instanceHosts=" + this.instanceHosts
				+ "]";
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record TokenResponse(@JsonProperty("access_token") @Nullable String accessToken,
			@JsonProperty("instance_url") @Nullable String instanceUrl, @JsonProperty("id") @Nullable String id,
			@JsonProperty("scope") @Nullable String scope, @JsonProperty("token_type") @Nullable String tokenType,
			@JsonProperty("issued_at") @Nullable String issuedAt) {

		@Override
		public String toString() {
			return "TokenResponse[instanceUrl=" + this.instanceUrl + ", id=" + this.id + "]";
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ErrorResponse(@JsonProperty("error") @Nullable String error,
			@JsonProperty("error_description") @Nullable String errorDescription) {

	}

}
