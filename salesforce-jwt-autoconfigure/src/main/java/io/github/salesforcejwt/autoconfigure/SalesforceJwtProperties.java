package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the Salesforce OAuth 2.0 JWT bearer flow.
 *
 * @author salesforce-jwt
 */
@ConfigurationProperties("salesforce.jwt")
public class SalesforceJwtProperties {

	/**
	 * Whether to auto-configure the Salesforce JWT bearer login and the
	 * 'salesforceWebClient'.
	 */
	private boolean enabled = true;

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
	 * Login host. The token endpoint is '{login-url}/services/oauth2/token'. Use
	 * https://test.salesforce.com for sandboxes, or the org's My Domain URL.
	 */
	private String loginUrl = "https://login.salesforce.com";

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
	 * Whether to log in to Salesforce while the application starts, and fail the startup
	 * with Salesforce's error and its fix when the login is refused.
	 */
	private boolean validateOnStartup;

	/**
	 * How far ahead of now the assertion's 'exp' lies. Salesforce accepts at most 3
	 * minutes; the default of 2.5 minutes leaves 30 seconds for this machine's clock to be
	 * ahead of Salesforce's.
	 */
	private Duration assertionLifetime = Duration.ofSeconds(150);

	/**
	 * Salesforce REST API version, such as '66.0', for building
	 * '/services/data/v{api-version}/' paths.
	 */
	private String apiVersion = "66.0";

	/**
	 * How long a token is used before a new one is obtained. When not set, a token is used
	 * until Salesforce answers that its session ended (Salesforce does not say when a token
	 * expires).
	 */
	private @Nullable Duration tokenTimeToLive;

	/**
	 * Hosts, besides Salesforce's own domains, that the token endpoint may name as
	 * 'instance_url', and so receive the access token: an exact host ('api.example.com')
	 * or a domain with a leading dot ('.example.com') for all of its subdomains, not the
	 * domain itself. Subdomains of Salesforce's domains (.salesforce.com, .force.com,
	 * .cloudforce.com, and .salesforce.mil, .force.mil, .cloudforce.mil, .sfcrmapps.cn,
	 * .sfcrmproducts.cn) and loopback addresses are always allowed; the token only goes
	 * over https (or to a loopback address).
	 */
	private List<String> allowedInstanceHosts = new ArrayList<>();

	private final Login login = new Login();

	private final Health health = new Health();

	/**
	 * Name of a JwtEncoder bean (Spring Security) that signs the assertion instead of a
	 * private key from these properties, for a key kept in a KMS or an HSM.
	 */
	private @Nullable String jwtEncoder;

	/**
	 * Named orgs, each with the same keys as 'salesforce.jwt'; a key an org leaves unset is
	 * taken from the top level.
	 */
	private final Map<String, SalesforceOrgProperties> orgs = new LinkedHashMap<>();

	private final Sessions sessions = new Sessions();

	private final Connections connections = new Connections();

	private final TokenStore tokenStore = new TokenStore();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

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

	public String getLoginUrl() {
		return this.loginUrl;
	}

	public void setLoginUrl(String loginUrl) {
		this.loginUrl = loginUrl;
	}

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

	public boolean isValidateOnStartup() {
		return this.validateOnStartup;
	}

	public void setValidateOnStartup(boolean validateOnStartup) {
		this.validateOnStartup = validateOnStartup;
	}

	public Duration getAssertionLifetime() {
		return this.assertionLifetime;
	}

	public void setAssertionLifetime(Duration assertionLifetime) {
		this.assertionLifetime = assertionLifetime;
	}

	public String getApiVersion() {
		return this.apiVersion;
	}

	public void setApiVersion(String apiVersion) {
		this.apiVersion = apiVersion;
	}

	public @Nullable Duration getTokenTimeToLive() {
		return this.tokenTimeToLive;
	}

	public void setTokenTimeToLive(@Nullable Duration tokenTimeToLive) {
		this.tokenTimeToLive = tokenTimeToLive;
	}

	public List<String> getAllowedInstanceHosts() {
		return this.allowedInstanceHosts;
	}

	public void setAllowedInstanceHosts(List<String> allowedInstanceHosts) {
		this.allowedInstanceHosts = allowedInstanceHosts;
	}

	public Login getLogin() {
		return this.login;
	}

	public Health getHealth() {
		return this.health;
	}

	public @Nullable String getJwtEncoder() {
		return this.jwtEncoder;
	}

	public void setJwtEncoder(@Nullable String jwtEncoder) {
		this.jwtEncoder = jwtEncoder;
	}

	public Map<String, SalesforceOrgProperties> getOrgs() {
		return this.orgs;
	}

	public Sessions getSessions() {
		return this.sessions;
	}

	public Connections getConnections() {
		return this.connections;
	}

	public TokenStore getTokenStore() {
		return this.tokenStore;
	}

	@Override
	public String toString() {
		return "SalesforceJwtProperties[consumerKey=" + this.consumerKey + ", username=" + this.username
				+ ", loginUrl=" + this.loginUrl + ", audience=" + this.audience + ", privateKey=(hidden), sslBundle="
				+ this.sslBundle + ", keyAlias=" + this.keyAlias + "]";
	}

	/**
	 * Login settings: timeout, retries of transient failures, cool-down after refusals.
	 */
	public static class Login {

		/**
		 * How long one token request may take before it counts as a transient failure.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * Maximum number of token requests per login when they fail transiently (server
		 * errors, timeouts, network faults, maintenance pages).
		 */
		private int maxAttempts = 3;

		/**
		 * Wait before the second attempt; doubled for each further attempt, with jitter.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(5);

		/**
		 * How long requests fail at once with the same error after Salesforce refused a
		 * login, instead of logging in again; doubled for each further consecutive refusal.
		 */
		private Duration coolDown = Duration.ofSeconds(1);

		/**
		 * Longest cool-down after consecutive refusals.
		 */
		private Duration maxCoolDown = Duration.ofMinutes(1);

		/**
		 * Most logins per session (org and user) in a sliding hour, counted across every
		 * instance when the token store is Redis. Beyond it, calls fail at once without
		 * asking Salesforce, whose own limit is about 3,600 logins per user per hour.
		 */
		private int maxPerHour = 1800;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getCoolDown() {
			return this.coolDown;
		}

		public void setCoolDown(Duration coolDown) {
			this.coolDown = coolDown;
		}

		public Duration getMaxCoolDown() {
			return this.maxCoolDown;
		}

		public void setMaxCoolDown(Duration maxCoolDown) {
			this.maxCoolDown = maxCoolDown;
		}

		public int getMaxPerHour() {
			return this.maxPerHour;
		}

		public void setMaxPerHour(int maxPerHour) {
			this.maxPerHour = maxPerHour;
		}

	}

	/**
	 * Session settings.
	 */
	public static class Sessions {

		/**
		 * Maximum number of sessions kept besides each configured org's default one:
		 * per-user sessions and orgs found at run time. The least recently used is evicted.
		 */
		private long maxSize = 1000;

		public long getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(long maxSize) {
			this.maxSize = maxSize;
		}

	}

	/**
	 * Connections of the Salesforce clients.
	 */
	public static class Connections {

		/**
		 * How long a connection of the Salesforce clients may stay idle in their pool
		 * before it is closed, shorter than the idle time after which Salesforce's edge
		 * closes it. Applies when the HTTP library is Reactor Netty or Apache HttpClient;
		 * the JDK's HttpClient has the JVM-wide 'jdk.httpclient.keepalive.timeout' instead
		 * (1200 s on Java 17).
		 */
		private Duration maxIdleTime = Duration.ofSeconds(30);

		public Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

		public void setMaxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
		}

	}

	/**
	 * Where sessions' tokens are kept, so that the instances of an application can share
	 * them.
	 */
	public static class TokenStore {

		/**
		 * Where sessions' tokens are kept: 'memory' (each instance logs in on its own) or
		 * 'redis' (every instance shares one session per org and user through the
		 * application's Spring Data Redis connection).
		 */
		private Type type = Type.MEMORY;

		/**
		 * Passphrase, 16 characters or more and the same on every instance, from which the
		 * key that encrypts the tokens in Redis is derived (AES-GCM).
		 */
		private @Nullable String secret;

		/**
		 * Whether to encrypt the tokens in Redis. Turn it off only for a Redis that may hold
		 * access tokens in clear.
		 */
		private boolean encrypt = true;

		/**
		 * Prefix of the keys in Redis.
		 */
		private String keyPrefix = "salesforce-jwt:";

		/**
		 * How long one Redis command may take before the instance carries on with its own
		 * session.
		 */
		private Duration timeout = Duration.ofMillis(500);

		public Type getType() {
			return this.type;
		}

		public void setType(Type type) {
			this.type = type;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public boolean isEncrypt() {
			return this.encrypt;
		}

		public void setEncrypt(boolean encrypt) {
			this.encrypt = encrypt;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		@Override
		public String toString() {
			return "TokenStore[type=" + this.type + ", secret=(hidden), encrypt=" + this.encrypt + ", keyPrefix="
					+ this.keyPrefix + "]";
		}

		/**
		 * Kinds of token store.
		 */
		public enum Type {

			/**
			 * Each instance keeps its own sessions in memory.
			 */
			MEMORY,

			/**
			 * Every instance shares the sessions through Redis.
			 */
			REDIS

		}

	}

	/**
	 * Health indicator settings.
	 */
	public static class Health {

		/**
		 * How often the health check may log in itself when there is no token. When not
		 * set, the health check never logs in: it reports UNKNOWN until the application's
		 * first call, then the state of the last login.
		 */
		private @Nullable Duration loginInterval;

		public @Nullable Duration getLoginInterval() {
			return this.loginInterval;
		}

		public void setLoginInterval(@Nullable Duration loginInterval) {
			this.loginInterval = loginInterval;
		}

	}

}
