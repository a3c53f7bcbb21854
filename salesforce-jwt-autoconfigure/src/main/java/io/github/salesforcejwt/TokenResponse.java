package io.github.salesforcejwt;

import java.net.URI;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The token endpoint's successful answer, as read from JSON, and what it must hold before
 * the starter trusts it: an access token of printable ASCII without spaces, of at most
 * {@value #MAX_ACCESS_TOKEN_LENGTH} characters, a {@code token_type}, when sent, of
 * {@code Bearer}, and an {@code instance_url} that passes
 * {@link SalesforceInstanceHosts#check(URI)}.
 *
 * @param accessToken the {@code access_token}
 * @param instanceUrl the {@code instance_url}
 * @param id the {@code id}, the identity URL
 * @param scope the {@code scope}
 * @param tokenType the {@code token_type}
 * @param issuedAt the {@code issued_at}, in milliseconds since the epoch
 * @author salesforce-jwt
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TokenResponse(@JsonProperty("access_token") @Nullable String accessToken,
		@JsonProperty("instance_url") @Nullable String instanceUrl, @JsonProperty("id") @Nullable String id,
		@JsonProperty("scope") @Nullable String scope, @JsonProperty("token_type") @Nullable String tokenType,
		@JsonProperty("issued_at") @Nullable String issuedAt) {

	/**
	 * The longest access token accepted, in characters (8 KiB).
	 */
	static final int MAX_ACCESS_TOKEN_LENGTH = 8 * 1024;

	/**
	 * Return the token of this answer, once it passes every check.
	 * @param status the HTTP status, a 2xx
	 * @param instanceHosts the hosts an {@code instance_url} may name
	 * @param failures the failures of the endpoint that answered
	 * @return the token
	 * @throws SalesforceAuthenticationException if the answer is not a token the starter
	 * trusts: transient for a broken token, not for an {@code instance_url} on a host the
	 * token must not go to
	 */
	SalesforceToken toToken(int status, SalesforceInstanceHosts instanceHosts, TokenEndpointFailures failures) {
		// A broken token is retried; an instance_url on a host the token must not go to is not
		String accessToken = this.accessToken;
		if (accessToken == null || accessToken.isBlank()) {
			throw failures.badTokenResponse(status, "a token response without access_token");
		}
		String tokenProblem = accessTokenProblem(accessToken);
		if (tokenProblem != null) {
			throw failures.badTokenResponse(status, tokenProblem);
		}
		if (this.tokenType != null && !this.tokenType.equalsIgnoreCase("Bearer")) {
			throw failures.badTokenResponse(status, "a token_type that is not Bearer");
		}
		if (this.instanceUrl == null || this.instanceUrl.isBlank()) {
			throw failures.badTokenResponse(status, "a token response without instance_url");
		}
		URI instanceUri = parseInstanceUrl(status, this.instanceUrl, instanceHosts, failures);
		URI identityUrl = parseOptionalUri(this.id);
		return new SalesforceToken(accessToken, instanceUri, identityUrl, this.scope, this.tokenType,
				parseIssuedAt(this.issuedAt));
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

	private static URI parseInstanceUrl(int status, String value, SalesforceInstanceHosts instanceHosts,
			TokenEndpointFailures failures) {
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			throw failures.badTokenResponse(status, "an instance_url that is not a URL");
		}
		String problem = instanceHosts.check(uri);
		if (problem != null) {
			// Not retried: a token endpoint that names such a host is not Salesforce's
			throw failures.unexpected(status, "an instance_url that " + problem, null);
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

	@Override
	public String toString() {
		return "TokenResponse[instanceUrl=" + this.instanceUrl + ", id=" + this.id + "]";
	}

}
