package io.github.salesforcejwt.test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceJwtEncoders;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A fake Salesforce org for tests: a {@link WireMockServer} on {@code 127.0.0.1} that
 * serves the OAuth 2.0 JWT bearer token endpoint and a small part of the REST API, with
 * Salesforce's status codes and error bodies.
 * <p>
 * The token endpoint ({@code POST /services/oauth2/token}) really verifies the assertion:
 * its RS256 signature against the trusted certificate, {@code iss} (the consumer key),
 * {@code sub} (the username, or another {@link Builder#preAuthorizedUsers(String...)
 * pre-authorized user}), {@code aud} and {@code exp}. Each good assertion starts a new
 * session of its user with a new random access token. The REST API
 * ({@code /services/data/**}) needs the access token of a live session, answers queries on
 * Account records and creates Accounts; the UserInfo endpoint
 * ({@code /services/oauth2/userinfo}) tells whose session a token is.
 * <p>
 * The org generates an RSA 2048 key pair and a self-signed certificate for it:
 * {@link #connectionDetails()} connects to the org with that key, so an application logs
 * in unchanged. Typical use: <pre class="code">
 * try (FakeSalesforceOrg org = FakeSalesforceOrg.start()) {
 *     // build the client from org.connectionDetails(), then call it
 *     assertThat(org.loginCount()).isEqualTo(1);
 * }
 * </pre> In a Spring Boot test, {@link EnableFakeSalesforceOrg @EnableFakeSalesforceOrg}
 * provides the org's connection details to the application in one line, and
 * {@link FakeSalesforceOrgConfiguration} does the same for an application run at
 * development time.
 * <p>
 * Instances are safe for concurrent use. No key or token is ever logged.
 *
 * @see EnableFakeSalesforceOrg
 */
public final class FakeSalesforceOrg implements AutoCloseable {

	/**
	 * Consumer key (client id) of the connected app of an org built with default settings.
	 */
	public static final String DEFAULT_CONSUMER_KEY = "3MVG9fake.consumer.key";

	/**
	 * Username of the integration user of an org built with default settings.
	 */
	public static final String DEFAULT_USERNAME = "integration@example.com";

	/**
	 * Audience ({@code aud}) an org built with default settings expects.
	 */
	public static final String DEFAULT_AUDIENCE = "https://login.salesforce.com";

	/**
	 * Names of the Account records an org built with default settings starts with.
	 */
	public static final List<String> DEFAULT_ACCOUNT_NAMES = List.of("Acme", "Globex", "Initech");

	private static final String TOKEN_PATH = "/services/oauth2/token";

	private static final String REVOKE_PATH = "/services/oauth2/revoke";

	private final WireMockServer server;

	private final OrgState state;

	private final KeyPair keyPair;

	private final X509Certificate certificate;

	private final String baseUrl;

	private final SalesforceConnectionDetails connectionDetails;

	private FakeSalesforceOrg(Builder builder) {
		this.keyPair = (builder.keyPair != null) ? builder.keyPair : KeyMaterial.generateRsaKeyPair();
		this.certificate = (builder.certificate != null) ? builder.certificate
				: KeyMaterial.selfSignedCertificate(this.keyPair, "salesforce-jwt fake org");
		List<String> usernames = new ArrayList<>();
		usernames.add(builder.username);
		usernames.addAll(builder.otherUsernames);
		this.state = new OrgState(builder.consumerKey, usernames, builder.audience,
				SalesforceIds.toCaseSafe("00DFk0000000001"), builder.accountNames, this.certificate);
		WireMockConfiguration options = WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.dynamicPort()
			.http2PlainDisabled(true)
			.containerThreads(64)
			.jettyAcceptors(1)
			.jettyAcceptQueueSize(1024)
			.maxRequestJournalEntries(10_000)
			.notifier(new Slf4jNotifier(false))
			.extensions(new TokenEndpoint(this.state), new RestApi(this.state), new UserInfoEndpoint(this.state));
		this.server = new WireMockServer(options);
		this.server.start();
		this.baseUrl = "http://127.0.0.1:" + this.server.port();
		this.state.baseUrl(this.baseUrl);
		this.connectionDetails = SalesforceConnectionDetails.of(this.baseUrl, this.state.audience(),
				this.state.consumerKey(), builder.username, SalesforceJwtEncoders.of(this.keyPair));
		registerStubs();
	}

	private void registerStubs() {
		this.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(10)
			.willReturn(aResponse().withTransformers(TokenEndpoint.NAME)));
		this.server.stubFor(post(urlPathEqualTo(REVOKE_PATH)).atPriority(10)
			.willReturn(aResponse().withTransformers(TokenEndpoint.NAME)));
		this.server.stubFor(any(urlPathMatching("/services/data(/.*)?")).atPriority(10)
			.willReturn(aResponse().withTransformers(RestApi.NAME)));
		this.server.stubFor(get(urlPathEqualTo(UserInfoEndpoint.PATH)).atPriority(10)
			.willReturn(aResponse().withTransformers(UserInfoEndpoint.NAME)));
		this.server.stubFor(post(urlPathEqualTo(UserInfoEndpoint.PATH)).atPriority(10)
			.willReturn(aResponse().withTransformers(UserInfoEndpoint.NAME)));
		// Answer everything else here, so that WireMock never logs an unmatched request
		// (with its Authorization header or assertion)
		this.server.stubFor(any(anyUrl()).atPriority(Integer.MAX_VALUE)
			.willReturn(aResponse().withStatus(404)
				.withHeader("Content-Type", Responses.JSON)
				.withBody("[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]")));
	}

	/**
	 * Start an org with default settings.
	 * @return the started org
	 */
	public static FakeSalesforceOrg start() {
		return builder().start();
	}

	/**
	 * Return a builder for an org with settings of your own.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the base URL of the org, {@code http://127.0.0.1:<port>}: the login host and
	 * the {@code instance_url} the token endpoint returns.
	 * @return the base URL, without a trailing slash
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Return the consumer key the org expects as {@code iss}.
	 * @return the consumer key
	 */
	public String consumerKey() {
		return this.state.consumerKey();
	}

	/**
	 * Return the username the org expects as {@code sub}: the user of
	 * {@link #connectionDetails()}.
	 * @return the username
	 */
	public String username() {
		return this.state.defaultUser().username();
	}

	/**
	 * Return the usernames of every user pre-authorized for the connected app: each can
	 * log in. The first is {@link #username()}.
	 * @return the usernames, in a new list
	 */
	public List<String> preAuthorizedUsers() {
		return this.state.users().stream().map(OrgUser::username).toList();
	}

	/**
	 * Return the audience the org expects in {@code aud}.
	 * @return the audience
	 */
	public String audience() {
		return this.state.audience();
	}

	/**
	 * Return the 18-character id of the org (prefix {@code 00D}).
	 * @return the org id
	 */
	public String orgId() {
		return this.state.orgId();
	}

	/**
	 * Return the 18-character id of the user {@link #username()} (prefix {@code 005}).
	 * @return the user id
	 */
	public String userId() {
		return this.state.defaultUser().userId();
	}

	/**
	 * Return the 18-character id of a pre-authorized user (prefix {@code 005}).
	 * @param username the user's username, in any case
	 * @return the user id
	 * @throws IllegalArgumentException if the user is not pre-authorized
	 */
	public String userId(String username) {
		Assert.hasText(username, "'username' must not be empty");
		OrgUser user = this.state.user(username);
		if (user == null) {
			throw new IllegalArgumentException("'" + username + "' is not a pre-authorized user of this org");
		}
		return user.userId();
	}

	/**
	 * Return the RSA key pair of the org, whose private key signs good assertions.
	 * @return the key pair
	 */
	public KeyPair keyPair() {
		return this.keyPair;
	}

	/**
	 * Return the private key of {@link #keyPair()} in PKCS#8 PEM
	 * ({@code -----BEGIN PRIVATE KEY-----}).
	 * @return the PEM text
	 */
	public String privateKeyPem() {
		return KeyMaterial.pkcs8Pem(this.keyPair.getPrivate());
	}

	/**
	 * Return the private key of {@link #keyPair()} in PKCS#1 PEM
	 * ({@code -----BEGIN RSA PRIVATE KEY-----}), as OpenSSL 1.x writes it.
	 * @return the PEM text
	 */
	public String privateKeyPkcs1Pem() {
		return KeyMaterial.pkcs1Pem(this.keyPair.getPrivate());
	}

	/**
	 * Return the certificate of the org's key pair: the one a user uploads to the
	 * connected app. Unless the builder was given another one, it is self-signed.
	 * @return the certificate
	 */
	public X509Certificate certificate() {
		return this.certificate;
	}

	/**
	 * Return {@link #certificate()} in PEM ({@code -----BEGIN CERTIFICATE-----}).
	 * @return the PEM text
	 */
	public String certificatePem() {
		return KeyMaterial.certificatePem(this.certificate);
	}

	/**
	 * Make the token endpoint verify assertions against the given certificate instead,
	 * as if it had been uploaded to the connected app. Use it to test your own key.
	 * {@link #reset()} trusts {@link #certificate()} again.
	 * @param certificate the certificate, which must hold an RSA public key
	 */
	public void trustCertificate(X509Certificate certificate) {
		Assert.notNull(certificate, "'certificate' must not be null");
		this.state.trust(certificate);
	}

	/**
	 * Return the details of a connection to this org as its {@link #username() user}: the
	 * {@link #baseUrl()} as login URL, the {@link #consumerKey()}, the {@link #audience()}
	 * and an encoder that signs with {@link #keyPair()}. A bean of this type replaces the
	 * application's {@code salesforce.jwt.*} settings of the default org, and
	 * {@link SalesforceConnectionDetails#forUser(String)} gives the details of another
	 * {@link Builder#preAuthorizedUsers(String...) pre-authorized user}.
	 * @return the connection details
	 * @see EnableFakeSalesforceOrg
	 * @see FakeSalesforceOrgConfiguration
	 */
	public SalesforceConnectionDetails connectionDetails() {
		return this.connectionDetails;
	}

	/**
	 * Return configuration properties that point an application at this org, for a test
	 * of the application's property-based configuration itself (for example with
	 * {@code @DynamicPropertySource}): {@code salesforce.jwt.consumer-key},
	 * {@code username}, {@code login-url} (the {@link #baseUrl()}), {@code audience},
	 * {@code private-key} (PKCS#8 PEM text) and {@code certificate}, with
	 * {@code ssl-bundle} and {@code key-alias} emptied so that an application's own key
	 * configuration does not apply. To test an application's own key instead,
	 * {@link #trustCertificate trust} its certificate and set both {@code private-key} and
	 * {@code certificate} to the application's. Other tests use
	 * {@link #connectionDetails()}, which needs no properties at all.
	 * @return the properties, in a new modifiable map
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("salesforce.jwt.consumer-key", consumerKey());
		properties.put("salesforce.jwt.username", username());
		properties.put("salesforce.jwt.login-url", baseUrl());
		properties.put("salesforce.jwt.audience", audience());
		properties.put("salesforce.jwt.private-key", privateKeyPem());
		// The org's key and certificate replace whatever the application configures
		properties.put("salesforce.jwt.certificate", certificatePem());
		properties.put("salesforce.jwt.ssl-bundle", "");
		properties.put("salesforce.jwt.key-alias", "");
		return properties;
	}

	/**
	 * Return how many token requests the org received, good or not, since it started or
	 * was last {@link #reset()}.
	 * @return the number of token requests
	 */
	public int loginCount() {
		return this.state.loginCount();
	}

	/**
	 * Return how many REST API calls with a live session the org answered, as reported
	 * in the {@code Sforce-Limit-Info} header.
	 * @return the number of API calls
	 */
	public int apiCallCount() {
		return this.state.apiCallCount();
	}

	/**
	 * Return the number of live sessions: access tokens that the REST API accepts.
	 * @return the number of live sessions
	 */
	public int sessionCount() {
		return this.state.sessionCount();
	}

	/**
	 * End every session, as a session timeout does: REST calls with any access token
	 * issued so far answer 401 {@code INVALID_SESSION_ID}. New logins work as before.
	 */
	public void expireSessions() {
		this.state.endAllSessions();
	}

	/**
	 * End the session of one access token.
	 * @param accessToken the access token
	 * @return whether the session was live
	 */
	public boolean expireSession(String accessToken) {
		return this.state.endSession(accessToken);
	}

	/**
	 * Make the token endpoint answer the given error to every request from now on, until
	 * {@link #acceptLogins()} or {@link #reset()}.
	 * @param error the error to answer
	 */
	public void rejectLogins(LoginError error) {
		Assert.notNull(error, "'error' must not be null");
		this.state.rejection(error);
	}

	/**
	 * Make the token endpoint verify assertions again, after
	 * {@link #rejectLogins(LoginError)}.
	 */
	public void acceptLogins() {
		this.state.rejection(null);
	}

	/**
	 * Return the Account records of the org, in creation order.
	 * @return an immutable snapshot of the records
	 */
	public List<Account> accounts() {
		return this.state.accounts();
	}

	/**
	 * Return the WireMock server, to verify requests or add stubs of your own (stubs with
	 * the default priority take precedence over the org's).
	 * @return the WireMock server
	 */
	public WireMockServer wireMock() {
		return this.server;
	}

	/**
	 * Put the org back in its initial state: the seed accounts only, no sessions,
	 * counters at zero, logins accepted, {@link #certificate()} trusted, and WireMock's
	 * request journal and stubs as they were at start (stubs you added are removed).
	 */
	public void reset() {
		this.state.reset();
		this.server.resetAll();
		registerStubs();
	}

	/**
	 * Stop the WireMock server. Does nothing if it is already stopped.
	 */
	@Override
	public void close() {
		if (this.server.isRunning()) {
			this.server.stop();
		}
	}

	@Override
	public String toString() {
		return "FakeSalesforceOrg[baseUrl=" + this.baseUrl + ", consumerKey=" + consumerKey() + ", username="
				+ username() + ", audience=" + audience() + "]";
	}

	/**
	 * Builder for a {@link FakeSalesforceOrg}.
	 */
	public static final class Builder {

		private String consumerKey = DEFAULT_CONSUMER_KEY;

		private String username = DEFAULT_USERNAME;

		private List<String> otherUsernames = List.of();

		private String audience = DEFAULT_AUDIENCE;

		private List<String> accountNames = DEFAULT_ACCOUNT_NAMES;

		private @Nullable KeyPair keyPair;

		private @Nullable X509Certificate certificate;

		private Builder() {
		}

		/**
		 * Set the consumer key the org expects as {@code iss}.
		 * @param consumerKey the consumer key
		 * @return this builder
		 */
		public Builder consumerKey(String consumerKey) {
			Assert.hasText(consumerKey, "'consumerKey' must not be empty");
			this.consumerKey = consumerKey;
			return this;
		}

		/**
		 * Set the username the org expects as {@code sub}.
		 * @param username the username
		 * @return this builder
		 */
		public Builder username(String username) {
			Assert.hasText(username, "'username' must not be empty");
			this.username = username;
			return this;
		}

		/**
		 * Set the other users pre-authorized for the connected app, besides
		 * {@link #username(String) the username}, which always is. Each can log in, gets a
		 * user id of its own and sessions of its own; a login as any other user is answered
		 * {@link LoginError#USER_NOT_APPROVED}, as Salesforce does.
		 * @param usernames the usernames, possibly none
		 * @return this builder
		 */
		public Builder preAuthorizedUsers(String... usernames) {
			Assert.notNull(usernames, "'usernames' must not be null");
			for (String username : usernames) {
				Assert.hasText(username, "'usernames' must not contain empty elements");
			}
			this.otherUsernames = List.of(usernames);
			return this;
		}

		/**
		 * Set the audience the org expects in {@code aud}, for example
		 * {@code https://test.salesforce.com} or a My Domain URL.
		 * @param audience the audience
		 * @return this builder
		 */
		public Builder audience(String audience) {
			Assert.hasText(audience, "'audience' must not be empty");
			this.audience = audience;
			return this;
		}

		/**
		 * Set the RSA key pair of the org instead of generating one. Unless
		 * {@link #certificate(X509Certificate)} is set, the org makes a self-signed
		 * certificate for it.
		 * @param keyPair the key pair
		 * @return this builder
		 */
		public Builder keyPair(KeyPair keyPair) {
			Assert.notNull(keyPair, "'keyPair' must not be null");
			Assert.isTrue(keyPair.getPublic() instanceof RSAPublicKey, "'keyPair' must be an RSA key pair");
			this.keyPair = keyPair;
			return this;
		}

		/**
		 * Set the certificate the token endpoint verifies assertions against, as if it had
		 * been uploaded to the connected app.
		 * @param certificate the certificate, which must hold an RSA public key
		 * @return this builder
		 */
		public Builder certificate(X509Certificate certificate) {
			Assert.notNull(certificate, "'certificate' must not be null");
			Assert.isTrue(certificate.getPublicKey() instanceof RSAPublicKey,
					"'certificate' must hold an RSA public key");
			this.certificate = certificate;
			return this;
		}

		/**
		 * Set the names of the Account records the org starts with (and goes back to on
		 * {@link FakeSalesforceOrg#reset()}).
		 * @param names the names, possibly none
		 * @return this builder
		 */
		public Builder accounts(String... names) {
			Assert.noNullElements(names, "'names' must not contain null elements");
			this.accountNames = new ArrayList<>(Arrays.asList(names));
			return this;
		}

		/**
		 * Start the org.
		 * @return the started org
		 */
		public FakeSalesforceOrg start() {
			return new FakeSalesforceOrg(this);
		}

	}

}
