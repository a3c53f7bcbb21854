package io.github.salesforcejwt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;

/**
 * Reads the token endpoint's answer, whatever HTTP client fetched it: the one place that
 * decides what a token response must look like before the starter trusts it.
 * <ul>
 * <li>A redirect (3xx) is refused: Salesforce's token endpoint does not redirect, and the
 * assertion is never posted on.</li>
 * <li>Bodies of at most {@value #MAX_BODY_SIZE} bytes; JSON with a duplicate key is refused
 * (so that a second {@code instance_url} cannot override the first), read with a stricter
 * copy of the application's mapper that never changes it.</li>
 * <li>The {@code instance_url} must pass {@link SalesforceInstanceHosts#check(URI)}; the
 * access token must be printable ASCII without spaces, of at most
 * {@value #MAX_ACCESS_TOKEN_LENGTH} characters, and {@code token_type}, when sent, must be
 * {@code Bearer}. A 2xx that is not a usable token is a transient failure.</li>
 * <li>An OAuth error becomes {@link SalesforceAuthenticationException#rejected} with its
 * fix, and with how far this machine's clock is off by the answer's {@code Date}.</li>
 * </ul>
 *
 * @author salesforce-jwt
 */
final class SalesforceTokenResponseReader {

	/**
	 * The largest token endpoint answer read, in bytes (64 KiB). Salesforce's are well
	 * under 2 KiB.
	 */
	static final int MAX_BODY_SIZE = 64 * 1024;

	/**
	 * The longest access token accepted, in characters (8 KiB).
	 */
	static final int MAX_ACCESS_TOKEN_LENGTH = 8 * 1024;

	private final URI tokenUri;

	private final SalesforceInstanceHosts instanceHosts;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	SalesforceTokenResponseReader(URI tokenUri, SalesforceInstanceHosts instanceHosts, @Nullable JsonMapper jsonMapper,
			Clock clock) {
		Assert.notNull(tokenUri, "'tokenUri' must not be null");
		Assert.notNull(instanceHosts, "'instanceHosts' must not be null");
		this.tokenUri = tokenUri;
		this.instanceHosts = instanceHosts;
		this.jsonMapper = strict(jsonMapper);
		this.clock = clock;
	}

	private static JsonMapper strict(@Nullable JsonMapper jsonMapper) {
		JsonMapper.Builder builder = (jsonMapper != null) ? jsonMapper.rebuild() : JsonMapper.builder();
		// A second key must not silently replace the first, whatever its case
		return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
			.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
			.build();
	}

	URI getTokenUri() {
		return this.tokenUri;
	}

	/**
	 * Return the time, by the clock that sets the assertion's {@code exp}, at which an
	 * answer is received.
	 * @return now
	 */
	Instant now() {
		return this.clock.instant();
	}

	/**
	 * Read at most {@value #MAX_BODY_SIZE} bytes and one more of a body, to tell a body
	 * over the limit.
	 * @param body the body
	 * @return the bytes read
	 * @throws IOException if the body cannot be read
	 */
	static byte[] readBounded(InputStream body) throws IOException {
		return body.readNBytes(MAX_BODY_SIZE + 1);
	}

	/**
	 * Read an answer.
	 * @param status the HTTP status
	 * @param headers the headers
	 * @param body the body, at most {@value #MAX_BODY_SIZE} bytes and one more
	 * @param receivedAt when the answer arrived, by {@link #now()}
	 * @return the token
	 * @throws SalesforceAuthenticationException if the answer is not a token the starter
	 * trusts
	 */
	SalesforceToken read(int status, HttpHeaders headers, byte[] body, Instant receivedAt) {
		if (status >= 300 && status < 400) {
			throw unexpected(status, "a redirect to " + locationOf(headers) + ". Salesforce's token endpoint "
					+ "does not redirect, so salesforce.jwt.login-url is likely wrong. The assertion was not sent on",
					null);
		}
		MediaType contentType = headers.getContentType();
		if (contentType == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				|| contentType.getSubtype().endsWith("+json"))) {
			throw notJson(status, "a body that is not JSON (Content-Type "
					+ ((contentType != null) ? contentType : "none") + "), as a maintenance page would be", null);
		}
		boolean overLimit = body.length > MAX_BODY_SIZE;
		if (status >= 200 && status < 300) {
			if (overLimit) {
				throw badTokenResponse(status, "a body larger than " + MAX_BODY_SIZE + " bytes");
			}
			if (body.length == 0) {
				throw notJson(status, "an empty body", null);
			}
			return toToken(status, parse(status, body));
		}
		ErrorResponse error = overLimit ? null : parseError(body);
		throw toException(status, (error != null) ? error : new ErrorResponse(null, null),
				clockOffset(headers, receivedAt));
	}

	private TokenResponse parse(int status, byte[] body) {
		try {
			TokenResponse response = this.jsonMapper.readValue(body, TokenResponse.class);
			if (response == null) {
				throw notJson(status, "an empty body", null);
			}
			return response;
		}
		catch (JacksonException ex) {
			if (isDuplicateKey(ex)) {
				throw unexpected(status, "a token response that has the same key twice; Salesforce never sends one, "
						+ "and a second instance_url could send the token elsewhere", null);
			}
			throw notJson(status, "a body that is not valid JSON", ex);
		}
	}

	private @Nullable ErrorResponse parseError(byte[] body) {
		try {
			return this.jsonMapper.readValue(body, ErrorResponse.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * How far the clock that set {@code exp} is ahead of Salesforce's, by the answer's
	 * {@code Date} header.
	 */
	private static @Nullable Duration clockOffset(HttpHeaders headers, Instant receivedAt) {
		try {
			long date = headers.getDate();
			return (date != -1) ? Duration.between(Instant.ofEpochMilli(date), receivedAt) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private String locationOf(HttpHeaders headers) {
		// The host only: the rest of the URL (a query, user information) stays out of messages
		String location = headers.getFirst(HttpHeaders.LOCATION);
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

	/**
	 * Return the failure for a token endpoint that could not be reached.
	 * @param ex what the HTTP client threw
	 * @return the failure, transient
	 */
	SalesforceAuthenticationException unreachable(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return SalesforceAuthenticationException.unreachable(this.tokenUri,
				root.getClass().getSimpleName() + ((message != null) ? " (" + message + ")" : ""), ex);
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
		return "SalesforceTokenResponseReader[tokenUri=" + this.tokenUri + ", instanceHosts=" + this.instanceHosts
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
