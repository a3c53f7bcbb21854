package io.github.salesforcejwt.test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceJwtEncoders;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A fake Salesforce org for tests: two {@link WireMockServer WireMock servers} on
 * {@code 127.0.0.1}, a {@link #loginUrl() login host} and an {@link #instanceUrl()
 * instance}, that answer the OAuth 2.0 JWT bearer flow and the parts of the REST API tests
 * use most, with Salesforce's status codes and error bodies.
 * <p>
 * The token endpoint ({@code POST /services/oauth2/token} on the login host) really
 * verifies the assertion: its RS256 signature against the trusted certificate,
 * {@code iss} (the consumer key), {@code sub} (the username, or another
 * {@link Builder#preAuthorizedUsers(String...) pre-authorized user}), {@code aud} and
 * {@code exp}. Each good assertion starts a new session of its user with a new random
 * access token. The identity URL of the token response ({@code /id/<orgId>/<userId>} on
 * the login host) and the UserInfo endpoint ({@code /services/oauth2/userinfo} on both
 * hosts) tell whose session a token is.
 * <p>
 * The REST API ({@code /services/data/**} on the instance) needs the access token of a
 * live session. It holds the records of the {@link SObjectType declared types} (Account
 * and Contact, and custom objects a test declares) and answers create, retrieve, update,
 * delete, upsert, sObject collections, describe and {@code /limits}, and SOQL queries of a
 * small exact subset, in pages. What it does not support it refuses with an error that
 * says so, rather than answer wrongly: stub those requests on {@link #wireMock()}.
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

	private final OrgState state;

	private final OrgServers servers;

	private final OrgRecords records;

	private final KeyPair keyPair;

	private final X509Certificate certificate;

	private final SalesforceConnectionDetails connectionDetails;

	private FakeSalesforceOrg(Builder builder) {
		this.keyPair = (builder.keyPair != null) ? builder.keyPair : KeyMaterial.generateRsaKeyPair();
		this.certificate = (builder.certificate != null) ? builder.certificate
				: KeyMaterial.selfSignedCertificate(this.keyPair, "salesforce-jwt fake org");
		List<String> usernames = new ArrayList<>();
		usernames.add(builder.username);
		usernames.addAll(builder.otherUsernames);
		List<OrgState.SeedRecord> seeds = new ArrayList<>();
		for (String name : builder.accountNames) {
			seeds.add(new OrgState.SeedRecord("Account", Map.of("Name", name)));
		}
		seeds.addAll(builder.records);
		List<SObjectType> types = new ArrayList<>(List.of(SObjectType.ACCOUNT, SObjectType.CONTACT));
		types.addAll(builder.types);
		this.state = new OrgState(builder.consumerKey, usernames, builder.audience,
				SalesforceIds.toCaseSafe("00DFk0000000001"), types, seeds, this.certificate);
		this.records = new OrgRecords(this.state.data());
		this.servers = new OrgServers(this.state);
		this.connectionDetails = SalesforceConnectionDetails.of(loginUrl(), this.state.audience(),
				this.state.consumerKey(), builder.username, SalesforceJwtEncoders.of(this.keyPair));
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
	 * Return the URL of the org's login host, {@code http://127.0.0.1:<port>}: the
	 * {@code login-url} of a connection, where the token endpoint and the identity URLs
	 * are, as {@code https://login.salesforce.com} is for a real org. It is not the
	 * {@link #instanceUrl()}: REST API calls sent here are answered 404.
	 * @return the login URL, without a trailing slash
	 */
	public String loginUrl() {
		return this.state.loginUrl();
	}

	/**
	 * Return the URL of the org's instance, {@code http://127.0.0.1:<port>} on another
	 * port than the {@link #loginUrl()}: the {@code instance_url} of the token response,
	 * where the REST API is, as {@code https://acme.my.salesforce.com} is for a real org.
	 * Token requests sent here are answered 404.
	 * @return the instance URL, without a trailing slash
	 */
	public String instanceUrl() {
		return this.state.instanceUrl();
	}

	/**
	 * Return the URL of the org's login host.
	 * @return the login URL
	 * @deprecated since 0.1.0 for removal: the login host and the instance are two hosts,
	 * use {@link #loginUrl()} or {@link #instanceUrl()}
	 */
	@Deprecated(since = "0.1.0", forRemoval = true)
	public String baseUrl() {
		return loginUrl();
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
		return this.state.users().defaultUser().username();
	}

	/**
	 * Return the usernames of every user pre-authorized for the connected app: each can
	 * log in. The first is {@link #username()}.
	 * @return the usernames, in a new list
	 */
	public List<String> preAuthorizedUsers() {
		return this.state.users().all().stream().map(OrgUser::username).toList();
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
		return this.state.users().defaultUser().userId();
	}

	/**
	 * Return the 18-character id of a pre-authorized user (prefix {@code 005}).
	 * @param username the user's username, in any case
	 * @return the user id
	 * @throws IllegalArgumentException if the user is not pre-authorized
	 */
	public String userId(String username) {
		return this.state.users().get(username).userId();
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
	 * {@link #loginUrl()}, the {@link #consumerKey()}, the {@link #audience()}
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
	 * {@code username}, {@code login-url} (the {@link #loginUrl()}), {@code audience},
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
		properties.put("salesforce.jwt.login-url", loginUrl());
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
		return this.state.limits().apiCallCount();
	}

	/**
	 * Return the number of live sessions: access tokens that the REST API accepts.
	 * @return the number of live sessions
	 */
	public int sessionCount() {
		return this.state.sessions().count();
	}

	/**
	 * End every session, as a session timeout does: REST calls with any access token
	 * issued so far answer 401 {@code INVALID_SESSION_ID}. New logins work as before.
	 */
	public void expireSessions() {
		this.state.sessions().endAll();
	}

	/**
	 * End the session of one access token.
	 * @param accessToken the access token
	 * @return whether the session was live
	 */
	public boolean expireSession(String accessToken) {
		return this.state.sessions().end(accessToken);
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
	 * Return the Account records of the org that are not deleted, in creation order.
	 * @return an immutable snapshot of the records' ids and names
	 * @see #records(String)
	 */
	public List<Account> accounts() {
		return this.records.accounts();
	}

	/**
	 * Declare object types, or declare them again with other fields, until
	 * {@link #reset()}: the REST API and SOQL answer records of a declared type, and
	 * {@code INVALID_TYPE} or {@code NOT_FOUND} for any other. {@link SObjectType#ACCOUNT}
	 * and {@link SObjectType#CONTACT} are declared from the start; the records of a type
	 * declared again keep the values of the fields it still has.
	 * @param types the types
	 * @see Builder#sObjectTypes(SObjectType...)
	 */
	public void declare(SObjectType... types) {
		this.records.declare(types);
	}

	/**
	 * Create a record as the REST API would, with the same checks: required fields,
	 * known and writable fields, values of the fields' types, references to existing
	 * records, unique external ids. The org sets {@code Id}, {@code IsDeleted} and the
	 * dates.
	 * @param type the name of a declared type, such as {@code Account}
	 * @param values the values by field name, such as {@code Map.of("Name", "Acme")}
	 * @return the 18-character id of the record
	 * @throws IllegalArgumentException with Salesforce's error code and message if the
	 * REST API would refuse the record, or if the type is not declared
	 */
	public String create(String type, Map<String, ?> values) {
		return create(type, List.of(values)).get(0);
	}

	/**
	 * Create records as {@link #create(String, Map)} does, for example thousands of them
	 * to test paging.
	 * @param type the name of a declared type
	 * @param records the values of each record
	 * @return the ids of the records, in order
	 * @throws IllegalArgumentException as {@link #create(String, Map)}; the records before
	 * the refused one are created
	 */
	public List<String> create(String type, List<? extends Map<String, ?>> records) {
		return this.records.create(type, records);
	}

	/**
	 * Return the records of a type that are not deleted, in creation order, each with
	 * every field of the type ({@code null} where it has no value): text as
	 * {@link String} (dates too, as Salesforce writes them), numbers as {@link Long} or
	 * {@link Double}, booleans as {@link Boolean}.
	 * @param type the name of a declared type, such as {@code Account}
	 * @return an immutable snapshot of the records
	 * @throws IllegalArgumentException if the type is not declared
	 */
	public List<Map<String, Object>> records(String type) {
		return this.records.records(type);
	}

	/**
	 * Delete a record, as {@code DELETE /sobjects/<type>/<id>} would: it stays, with
	 * {@code IsDeleted} true, for {@code queryAll}.
	 * @param id the id of the record, 15 or 18 characters
	 * @throws IllegalArgumentException if there is no such record, or it is deleted
	 * already
	 */
	public void delete(String id) {
		this.records.delete(id);
	}

	/**
	 * Set a limit that {@code /limits} reports, until {@link #reset()}. For
	 * {@code DailyApiRequests}, {@code Sforce-Limit-Info} reports the same usage
	 * ({@code max - remaining}), every REST call uses one more, and once none remains the
	 * REST API answers 403 {@code REQUEST_LIMIT_EXCEEDED}. Other names (known or not) are
	 * only reported.
	 * @param name the name of the limit, such as {@code DailyApiRequests} or
	 * {@code DailyBulkV2QueryJobs}
	 * @param max the maximum
	 * @param remaining what remains, at most {@code max}
	 */
	public void setLimit(String name, int max, int remaining) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.isTrue(max >= 0 && remaining <= max, "'remaining' must not be more than 'max'");
		this.state.limits().set(name, max, remaining);
	}

	/**
	 * Return the WireMock server of the {@link #instanceUrl() instance}, to verify the
	 * REST API calls it received or to stub an endpoint the org does not answer itself:
	 * <pre class="code">
	 * org.wireMock().stubFor(get(urlPathEqualTo("/services/data/v66.0/search"))
	 *     .willReturn(okJson("{\"searchRecords\":[]}")));
	 * </pre> Stubs with WireMock's default priority take precedence over the org's own
	 * answers; {@link #reset()} removes them. Stubs answer without checking the access
	 * token: add {@code withHeader("Authorization", ...)} to the request pattern where it
	 * matters.
	 * @return the WireMock server of the instance
	 * @see #loginWireMock()
	 */
	public WireMockServer wireMock() {
		return this.servers.instanceServer();
	}

	/**
	 * Return the WireMock server of the {@link #loginUrl() login host}, to verify the
	 * token requests it received or to stub an answer of its own.
	 * @return the WireMock server of the login host
	 * @see #wireMock()
	 */
	public WireMockServer loginWireMock() {
		return this.servers.loginServer();
	}

	/**
	 * Put the org back in its initial state: the seed accounts only, no sessions,
	 * counters at zero, logins accepted, {@link #certificate()} trusted, and WireMock's
	 * request journal and stubs as they were at start (stubs you added are removed).
	 */
	public void reset() {
		this.state.reset();
		this.servers.reset();
	}

	/**
	 * Stop the WireMock servers of the login host and the instance. Does nothing if they
	 * are already stopped.
	 */
	@Override
	public void close() {
		this.servers.close();
	}

	@Override
	public String toString() {
		return "FakeSalesforceOrg[loginUrl=" + loginUrl() + ", instanceUrl=" + instanceUrl() + ", consumerKey=" + consumerKey() + ", username="
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

		private final List<SObjectType> types = new ArrayList<>();

		private final List<OrgState.SeedRecord> records = new ArrayList<>();

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
		 * Declare object types of the org, besides {@link SObjectType#ACCOUNT} and
		 * {@link SObjectType#CONTACT}: custom objects, or Account or Contact with more
		 * fields.
		 * @param types the types
		 * @return this builder
		 * @see FakeSalesforceOrg#declare(SObjectType...)
		 */
		public Builder sObjectTypes(SObjectType... types) {
			Assert.noNullElements(types, "'types' must not contain null elements");
			this.types.addAll(List.of(types));
			return this;
		}

		/**
		 * Add a record the org starts with (and goes back to on
		 * {@link FakeSalesforceOrg#reset()}), after the {@link #accounts(String...)
		 * accounts}. The org checks it as {@link FakeSalesforceOrg#create(String, Map)}
		 * does when it starts.
		 * @param type the name of a declared type
		 * @param values the values by field name
		 * @return this builder
		 */
		public Builder record(String type, Map<String, ?> values) {
			Assert.hasText(type, "'type' must not be empty");
			Assert.notNull(values, "'values' must not be null");
			this.records.add(new OrgState.SeedRecord(type, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
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
