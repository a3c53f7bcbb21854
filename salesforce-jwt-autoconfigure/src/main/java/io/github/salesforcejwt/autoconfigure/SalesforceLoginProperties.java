package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Properties that say how to log in to an org, shared by the top level
 * ({@code salesforce.jwt.*}, the default org) and each named org
 * ({@code salesforce.jwt.orgs.<name>.*}). A key that has a default at the top level is
 * declared by each subclass: with its default in {@link SalesforceJwtProperties}, unset in
 * {@link SalesforceOrgProperties} so that the org takes the top level's.
 *
 * @author salesforce-jwt
 */
public abstract class SalesforceLoginProperties {

	/**
	 * Consumer key of the connected app or External Client App, sent as the assertion's
	 * 'iss'. Not the consumer secret.
	 */
	private @Nullable String consumerKey;

	/**
	 * Username of the Salesforce user the application acts as, sent as the assertion's
	 * 'sub'.
	 */
	private @Nullable String username;

	/**
	 * Audience of the assertion ('aud'). When not set, https://test.salesforce.com for a
	 * test.salesforce.com or *.sandbox.my.salesforce.com login URL, else
	 * https://login.salesforce.com. External Client Apps need the My Domain URL.
	 */
	private @Nullable String audience;

	/**
	 * RSA private key whose certificate is uploaded to the app: a file path
	 * ('/run/secrets/salesforce-key.pem'), a location ('file:/run/secrets/salesforce-key.pem',
	 * 'classpath:salesforce-key.pem') or the PEM text itself. PKCS#8, PKCS#1 and encrypted PKCS#8 PEM are read.
	 */
	private @Nullable String privateKey;

	/**
	 * Password of an encrypted PKCS#8 private key.
	 */
	private @Nullable String privateKeyPassword;

	/**
	 * Name of the SSL bundle ('spring.ssl.bundle.*') whose key store holds the RSA private
	 * key: a JKS, PKCS12 or PEM bundle. Use instead of 'private-key'. With
	 * 'reload-on-update' on the bundle, the next login signs with the reloaded key.
	 */
	private @Nullable String sslBundle;

	/**
	 * Alias of the key entry in the SSL bundle's key store. Needed when the store holds
	 * several keys; when not set, the bundle's own key alias or the store's only key is
	 * used.
	 */
	private @Nullable String keyAlias;

	/**
	 * X.509 certificate uploaded to the connected app, a location or the PEM text. When
	 * set, startup checks that the private key belongs to it and warns when it expires
	 * within 30 days.
	 */
	private @Nullable String certificate;

	/**
	 * How long a token is used before a new one is obtained. When not set, a token is used
	 * until Salesforce answers that its session ended (Salesforce does not say when a token
	 * expires).
	 */
	private @Nullable Duration tokenTimeToLive;

	/**
	 * Name of a JwtEncoder bean (Spring Security) that signs the assertion instead of a
	 * private key from these properties, for a key kept in a KMS or an HSM.
	 */
	private @Nullable String jwtEncoder;

	public @Nullable String getConsumerKey() {
		return this.consumerKey;
	}

	public void setConsumerKey(@Nullable String consumerKey) {
		this.consumerKey = consumerKey;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public abstract @Nullable String getLoginUrl();

	public @Nullable String getAudience() {
		return this.audience;
	}

	public void setAudience(@Nullable String audience) {
		this.audience = audience;
	}

	public @Nullable String getPrivateKey() {
		return this.privateKey;
	}

	public void setPrivateKey(@Nullable String privateKey) {
		this.privateKey = privateKey;
	}

	public @Nullable String getPrivateKeyPassword() {
		return this.privateKeyPassword;
	}

	public void setPrivateKeyPassword(@Nullable String privateKeyPassword) {
		this.privateKeyPassword = privateKeyPassword;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public @Nullable String getKeyAlias() {
		return this.keyAlias;
	}

	public void setKeyAlias(@Nullable String keyAlias) {
		this.keyAlias = keyAlias;
	}

	public @Nullable String getCertificate() {
		return this.certificate;
	}

	public void setCertificate(@Nullable String certificate) {
		this.certificate = certificate;
	}

	public @Nullable Duration getTokenTimeToLive() {
		return this.tokenTimeToLive;
	}

	public void setTokenTimeToLive(@Nullable Duration tokenTimeToLive) {
		this.tokenTimeToLive = tokenTimeToLive;
	}

	public @Nullable String getJwtEncoder() {
		return this.jwtEncoder;
	}

	public void setJwtEncoder(@Nullable String jwtEncoder) {
		this.jwtEncoder = jwtEncoder;
	}

	/**
	 * Show what identifies the login, never the private key or its password.
	 */
	@Override
	public String toString() {
		return getClass().getSimpleName() + "[consumerKey=" + this.consumerKey + ", username=" + this.username
				+ ", loginUrl=" + getLoginUrl() + ", audience=" + this.audience + ", privateKey=(hidden), sslBundle="
				+ this.sslBundle + ", keyAlias=" + this.keyAlias + "]";
	}

}
