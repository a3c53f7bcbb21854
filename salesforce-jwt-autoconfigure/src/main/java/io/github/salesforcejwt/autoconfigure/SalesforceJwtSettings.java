package io.github.salesforcejwt.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.salesforcejwt.SalesforceHosts;
import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.autoconfigure.InvalidSalesforceJwtPropertiesException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * The checked and derived values of {@link SalesforceJwtProperties}. Every problem is
 * collected, so that one failed startup names all the properties at fault.
 *
 * @param consumerKey the consumer key
 * @param username the username
 * @param loginUrl the login URL, without a trailing slash
 * @param audience the audience, derived from the login URL when not set
 * @param signingKey the signing key pair, the newest one after an SSL bundle reloaded
 * @author salesforce-jwt
 */
record SalesforceJwtSettings(String consumerKey, String username, URI loginUrl, String audience,
		SigningKey signingKey) {

	static final String PREFIX = "salesforce.jwt.";

	private static final Pattern USER_INFO = Pattern.compile("(//)[^/@]*@");

	static final Duration MAXIMUM_ASSERTION_LIFETIME = Duration.ofMinutes(3);

	/**
	 * Return the token endpoint for the configured login URL.
	 * @param properties the properties
	 * @return {@code {login-url}/services/oauth2/token}
	 */
	static URI tokenUri(SalesforceJwtProperties properties) {
		return URI.create(withoutTrailingSlashes(properties.getLoginUrl().strip()) + "/services/oauth2/token");
	}

	@Override
	public String toString() {
		return "SalesforceJwtSettings[consumerKey=" + this.consumerKey + ", username=" + this.username + ", loginUrl="
				+ this.loginUrl + ", audience=" + this.audience + "]";
	}

	/**
	 * Return the hosts the token endpoint may name as {@code instance_url}.
	 * @param properties the properties
	 * @return the hosts
	 * @throws InvalidSalesforceJwtPropertiesException when an entry of
	 * {@code salesforce.jwt.allowed-instance-hosts} is not a host or a domain
	 */
	static SalesforceInstanceHosts instanceHosts(SalesforceJwtProperties properties) {
		List<Problem> problems = new ArrayList<>();
		SalesforceInstanceHosts hosts = instanceHosts(problems, properties);
		if (!problems.isEmpty()) {
			throw new InvalidSalesforceJwtPropertiesException(problems);
		}
		return hosts;
	}

	private static SalesforceInstanceHosts instanceHosts(List<Problem> problems, SalesforceJwtProperties properties) {
		try {
			return SalesforceInstanceHosts.of(properties.getAllowedInstanceHosts());
		}
		catch (IllegalArgumentException ex) {
			problems.add(new Problem(SalesforceInstanceHosts.ALLOWED_HOSTS_PROPERTY,
					"has an invalid entry: " + ex.getMessage(),
					"List host names (api.example.com), or domains with a leading dot (.example.com) for all of "
							+ "their subdomains; Salesforce's own domains need no entry."));
			return SalesforceInstanceHosts.salesforceOnly();
		}
	}

	/**
	 * Check the properties and read the signing key. When the key comes from an SSL bundle,
	 * a handler is registered so that the key is replaced when the bundle reloads.
	 * @param properties the properties
	 * @param resourceLoader loads locations
	 * @param sslBundles the SSL bundles, if the application has them
	 * @return the settings
	 * @throws InvalidSalesforceJwtPropertiesException naming every property at fault
	 */
	static SalesforceJwtSettings of(SalesforceJwtProperties properties, ResourceLoader resourceLoader,
			@Nullable SslBundles sslBundles) {
		List<Problem> problems = new ArrayList<>();
		String consumerKey = required(problems, "consumer-key", properties.getConsumerKey(),
				"Set it to the Consumer Key of the connected app (App Manager, View, Manage Consumer Details); "
						+ "it starts with 3MVG. It is not the consumer secret.");
		String username = required(problems, "username", properties.getUsername(),
				"Set it to the username of the Salesforce user the application acts as, such as "
						+ "integration@acme.com; the user must be pre-authorized for the connected app.");
		URI loginUrl = loginUrl(problems, properties.getLoginUrl());
		String audience = audience(problems, properties.getAudience(), loginUrl);
		checkAssertionLifetime(problems, properties.getAssertionLifetime());
		checkLogin(problems, properties);
		instanceHosts(problems, properties);
		SigningKeys signingKeys = new SigningKeys(properties, resourceLoader, sslBundles, Clock.systemUTC());
		SigningKey signingKey = signingKeys.read(problems);
		if (!problems.isEmpty() || signingKey == null) {
			throw new InvalidSalesforceJwtPropertiesException(problems);
		}
		signingKeys.watch(signingKey);
		return new SalesforceJwtSettings(consumerKey, username, loginUrl, audience, signingKey);
	}

	private static String required(List<Problem> problems, String name, @Nullable String value, String action) {
		if (!StringUtils.hasText(value)) {
			problems.add(new Problem(PREFIX + name, "is not set", action));
			return "";
		}
		return value.strip();
	}

	private static URI loginUrl(List<Problem> problems, @Nullable String value) {
		String property = PREFIX + "login-url";
		String action = "Use https://login.salesforce.com (production), https://test.salesforce.com (sandbox) or "
				+ "the org's My Domain URL such as https://acme.my.salesforce.com, without a path.";
		if (!StringUtils.hasText(value)) {
			problems.add(new Problem(property, "is empty", action));
			return URI.create(SalesforceHosts.PRODUCTION);
		}
		String text = withoutTrailingSlashes(value.strip());
		URI uri;
		try {
			uri = URI.create(text);
		}
		catch (IllegalArgumentException ex) {
			problems.add(new Problem(property, "'" + shown(value) + "' is not a URL", action));
			return URI.create(SalesforceHosts.PRODUCTION);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (uri.getRawUserInfo() != null) {
			problems.add(new Problem(property, "has user information before the host", action));
		}
		else if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			problems.add(new Problem(property, "'" + shown(value) + "' is not an absolute https URL", action));
		}
		else if (scheme.equals("http") && !SalesforceHosts.isLoopback(uri.getHost())) {
			problems.add(new Problem(property, "'" + shown(value) + "' is not https; the signed assertion must not "
					+ "travel in clear text (http is only accepted for loopback addresses, for tests)", action));
		}
		else if (StringUtils.hasLength(uri.getRawPath()) || uri.getRawQuery() != null
				|| uri.getRawFragment() != null) {
			problems.add(new Problem(property, "'" + shown(value) + "' has a path, query or fragment; the starter "
					+ "adds /services/oauth2/token itself", action));
		}
		return uri;
	}

	private static String withoutTrailingSlashes(String url) {
		int end = url.length();
		while (end > 0 && url.charAt(end - 1) == '/') {
			end--;
		}
		return url.substring(0, end);
	}

	/**
	 * Show a URL in a message without the user information it may carry.
	 */
	private static String shown(String url) {
		return USER_INFO.matcher(url).replaceFirst("$1***@");
	}

	private static String audience(List<Problem> problems, @Nullable String configured, URI loginUrl) {
		if (configured != null) {
			// Salesforce compares aud as a string: https://acme.my.salesforce.com/ would not match
			String audience = withoutTrailingSlashes(configured.strip());
			if (!audience.regionMatches(true, 0, "https://", 0, 8) || audience.length() == 8) {
				problems.add(new Problem(PREFIX + "audience", StringUtils.hasText(audience)
						? "'" + shown(configured) + "' is not an https URL" : "is empty",
						"Remove it to derive it from salesforce.jwt.login-url, or set it to "
								+ "https://login.salesforce.com, https://test.salesforce.com or the My Domain URL "
								+ "(https://acme.my.salesforce.com)."));
			}
			return audience;
		}
		return SalesforceHosts.audienceFor(loginUrl);
	}

	private static void checkAssertionLifetime(List<Problem> problems, Duration lifetime) {
		if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAXIMUM_ASSERTION_LIFETIME) > 0) {
			problems.add(new Problem(PREFIX + "assertion-lifetime",
					"is " + lifetime + "; Salesforce accepts an assertion whose exp lies at most 3 minutes ahead",
					"Set a duration above zero and at most 3m, or remove it to use 150s (2.5 minutes, which "
							+ "leaves room for clock skew)."));
		}
	}

	private static void checkLogin(List<Problem> problems, SalesforceJwtProperties properties) {
		SalesforceJwtProperties.Login login = properties.getLogin();
		if (login.getMaxAttempts() < 1) {
			problems.add(new Problem(PREFIX + "login.max-attempts", "is " + login.getMaxAttempts(),
					"Set it to 1 or more (1 disables retries)."));
		}
		positive(problems, "login.timeout", login.getTimeout());
		positive(problems, "login.initial-backoff", login.getInitialBackoff());
		if (login.getMaxBackoff().compareTo(login.getInitialBackoff()) < 0) {
			problems.add(new Problem(PREFIX + "login.max-backoff", "is less than salesforce.jwt.login.initial-backoff",
					"Set it to at least salesforce.jwt.login.initial-backoff."));
		}
		if (login.getCoolDown().isNegative()) {
			problems.add(new Problem(PREFIX + "login.cool-down", "is negative", "Set it to 0 or more."));
		}
		if (login.getMaxCoolDown().compareTo(login.getCoolDown()) < 0) {
			problems.add(new Problem(PREFIX + "login.max-cool-down", "is less than salesforce.jwt.login.cool-down",
					"Set it to at least salesforce.jwt.login.cool-down."));
		}
		Duration timeToLive = properties.getTokenTimeToLive();
		if (timeToLive != null) {
			positive(problems, "token-time-to-live", timeToLive);
		}
	}

	private static void positive(List<Problem> problems, String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			problems.add(new Problem(PREFIX + name, "is " + value + ", not a positive duration",
					"Set a duration above zero, such as 10s."));
		}
	}

}
