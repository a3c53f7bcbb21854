package io.github.salesforcejwt;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An access token obtained from Salesforce with the JWT bearer flow, with the instance it
 * is valid for.
 * <p>
 * Salesforce does not say when a token expires: it lives as long as the session, which
 * ends after the org's session timeout counted from the last activity. {@link #toString()}
 * never shows the access token.
 *
 * @author salesforce-jwt
 */
public final class SalesforceToken {

	private final String accessToken;

	private final URI instanceUrl;

	private final @Nullable URI identityUrl;

	private final @Nullable String organizationId;

	private final @Nullable String userId;

	private final @Nullable String scope;

	private final String tokenType;

	private final Instant issuedAt;

	/**
	 * Create a new token.
	 * @param accessToken the access token
	 * @param instanceUrl the {@code instance_url} API calls are sent to
	 * @param identityUrl the {@code id} identity URL, if Salesforce sent one
	 * @param scope the granted scopes, if Salesforce sent them
	 * @param tokenType the token type, {@code Bearer} if Salesforce sent none
	 * @param issuedAt when the token was issued
	 */
	public SalesforceToken(String accessToken, URI instanceUrl, @Nullable URI identityUrl, @Nullable String scope,
			@Nullable String tokenType, Instant issuedAt) {
		Assert.hasText(accessToken, "'accessToken' must not be empty");
		Assert.notNull(instanceUrl, "'instanceUrl' must not be null");
		Assert.notNull(issuedAt, "'issuedAt' must not be null");
		this.accessToken = accessToken;
		this.instanceUrl = instanceUrl;
		this.identityUrl = identityUrl;
		String[] ids = idsFrom(identityUrl);
		this.organizationId = ids[0];
		this.userId = ids[1];
		this.scope = scope;
		this.tokenType = (tokenType != null && !tokenType.isBlank()) ? tokenType : "Bearer";
		this.issuedAt = issuedAt;
	}

	private static @Nullable String[] idsFrom(@Nullable URI identityUrl) {
		if (identityUrl == null || identityUrl.getPath() == null) {
			return new String[2];
		}
		String[] segments = identityUrl.getPath().split("/");
		if (segments.length < 3 || !"id".equals(segments[segments.length - 3])) {
			return new String[2];
		}
		return new String[] { segments[segments.length - 2], segments[segments.length - 1] };
	}

	/**
	 * Return the access token, to be sent as {@code Authorization: Bearer}.
	 * @return the access token
	 */
	public String getAccessToken() {
		return this.accessToken;
	}

	/**
	 * Return the {@code instance_url}: the base URL of the org's API.
	 * @return the instance URL
	 */
	public URI getInstanceUrl() {
		return this.instanceUrl;
	}

	/**
	 * Return the identity URL ({@code id}), ending in {@code /{orgId}/{userId}}.
	 * @return the identity URL or {@code null}
	 */
	public @Nullable URI getIdentityUrl() {
		return this.identityUrl;
	}

	/**
	 * Return the organization id taken from the identity URL.
	 * @return the organization id or {@code null}
	 */
	public @Nullable String getOrganizationId() {
		return this.organizationId;
	}

	/**
	 * Return the user id taken from the identity URL.
	 * @return the user id or {@code null}
	 */
	public @Nullable String getUserId() {
		return this.userId;
	}

	/**
	 * Return the scopes granted, space separated.
	 * @return the scopes or {@code null}
	 */
	public @Nullable String getScope() {
		return this.scope;
	}

	/**
	 * Return the token type, normally {@code Bearer}.
	 * @return the token type
	 */
	public String getTokenType() {
		return this.tokenType;
	}

	/**
	 * Return when the token was issued: Salesforce's {@code issued_at} when sent, else
	 * when it was received.
	 * @return the issue time
	 */
	public Instant getIssuedAt() {
		return this.issuedAt;
	}

	@Override
	public String toString() {
		return "SalesforceToken[instanceUrl=" + this.instanceUrl + ", organizationId=" + this.organizationId
				+ ", userId=" + this.userId + ", scope=" + this.scope + ", issuedAt=" + this.issuedAt
				+ ", accessToken=(hidden)]";
	}

}
