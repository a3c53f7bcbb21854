package io.github.salesforcejwt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;

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
 * <li>A 2xx must be a {@link TokenResponse} that passes its checks ({@code instance_url},
 * access token, {@code token_type}); a 2xx that is not a usable token is a transient
 * failure.</li>
 * <li>Any other status is read as a {@link TokenErrorResponse}: an OAuth error with its
 * fix.</li>
 * </ul>
 * Which of the failures that are not an OAuth error may pass is decided by
 * {@link TokenEndpointFailures}.
 *
 * @author salesforce-jwt
 */
final class SalesforceTokenResponseReader {

	/**
	 * The largest token endpoint answer read, in bytes (64 KiB). Salesforce's are well
	 * under 2 KiB.
	 */
	static final int MAX_BODY_SIZE = 64 * 1024;

	private final URI tokenUri;

	private final SalesforceInstanceHosts instanceHosts;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final TokenEndpointFailures failures;

	SalesforceTokenResponseReader(URI tokenUri, SalesforceInstanceHosts instanceHosts, @Nullable JsonMapper jsonMapper,
			Clock clock) {
		Assert.notNull(tokenUri, "'tokenUri' must not be null");
		Assert.notNull(instanceHosts, "'instanceHosts' must not be null");
		this.tokenUri = tokenUri;
		this.instanceHosts = instanceHosts;
		this.jsonMapper = strict(jsonMapper);
		this.clock = clock;
		this.failures = new TokenEndpointFailures(tokenUri);
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
			throw this.failures.unexpected(status, "a redirect to " + locationOf(headers)
					+ ". Salesforce's token endpoint does not redirect, so salesforce.jwt.login-url is likely wrong. "
					+ "The assertion was not sent on", null);
		}
		MediaType contentType = headers.getContentType();
		if (contentType == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				|| contentType.getSubtype().endsWith("+json"))) {
			throw this.failures.notJson(status, "a body that is not JSON (Content-Type "
					+ ((contentType != null) ? contentType : "none") + "), as a maintenance page would be", null);
		}
		boolean overLimit = body.length > MAX_BODY_SIZE;
		if (status >= 200 && status < 300) {
			if (overLimit) {
				throw this.failures.badTokenResponse(status, "a body larger than " + MAX_BODY_SIZE + " bytes");
			}
			if (body.length == 0) {
				throw this.failures.notJson(status, "an empty body", null);
			}
			return parse(status, body).toToken(status, this.instanceHosts, this.failures);
		}
		TokenErrorResponse error = overLimit ? TokenErrorResponse.NONE : parseError(body);
		throw error.toException(status, headers, receivedAt, this.failures);
	}

	private TokenResponse parse(int status, byte[] body) {
		try {
			TokenResponse response = this.jsonMapper.readValue(body, TokenResponse.class);
			if (response == null) {
				throw this.failures.notJson(status, "an empty body", null);
			}
			return response;
		}
		catch (JacksonException ex) {
			if (isDuplicateKey(ex)) {
				throw this.failures.unexpected(status, "a token response that has the same key twice; "
						+ "Salesforce never sends one, and a second instance_url could send the token elsewhere", null);
			}
			throw this.failures.notJson(status, "a body that is not valid JSON", ex);
		}
	}

	private TokenErrorResponse parseError(byte[] body) {
		try {
			TokenErrorResponse error = this.jsonMapper.readValue(body, TokenErrorResponse.class);
			return (error != null) ? error : TokenErrorResponse.NONE;
		}
		catch (JacksonException ex) {
			return TokenErrorResponse.NONE;
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

	/**
	 * Return the failure for a token endpoint that could not be reached.
	 * @param ex what the HTTP client threw
	 * @return the failure, transient
	 */
	SalesforceAuthenticationException unreachable(Throwable ex) {
		return this.failures.unreachable(ex);
	}

	@Override
	public String toString() {
		return "SalesforceTokenResponseReader[tokenUri=" + this.tokenUri + ", instanceHosts=" + this.instanceHosts
				+ "]";
	}

}
