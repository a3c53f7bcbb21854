package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties for the Salesforce OAuth 2.0 JWT bearer flow. The keys that say
 * how to log in, which each named org may set too, are declared by
 * {@link SalesforceLoginProperties}.
 *
 * @author salesforce-jwt
 */
@ConfigurationProperties("salesforce.jwt")
public class SalesforceJwtProperties extends SalesforceLoginProperties {

	/**
	 * Whether to auto-configure the Salesforce JWT bearer login and the
	 * 'salesforceWebClient'.
	 */
	private boolean enabled = true;

	/**
	 * Login host. The token endpoint is '{login-url}/services/oauth2/token'. Use
	 * https://test.salesforce.com for sandboxes, or the org's My Domain URL.
	 */
	private String loginUrl = "https://login.salesforce.com";

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

	@Override
	public String getLoginUrl() {
		return this.loginUrl;
	}

	public void setLoginUrl(String loginUrl) {
		this.loginUrl = loginUrl;
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
			Assert.isTrue(maxIdleTime != null && !maxIdleTime.isNegative() && !maxIdleTime.isZero(),
					"must be a positive duration, such as 30s (how long a connection may stay idle)");
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
