package io.github.salesforcejwt.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceHosts;
import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.SalesforceJwtEncoders;
import io.github.salesforcejwt.SalesforceUrls;
import io.github.salesforcejwt.autoconfigure.InvalidSalesforceJwtPropertiesException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.util.StringUtils;

/**
 * Checks {@link SalesforceJwtProperties} and derives the connection details of an org
 * configured in properties. Every problem is collected, so that one failed startup names
 * all the properties at fault.
 *
 * @author salesforce-jwt
 */
final class SalesforceJwtSettings {

	static final String PREFIX = "salesforce.jwt.";

	static final Duration MAXIMUM_ASSERTION_LIFETIME = Duration.ofMinutes(3);

	private SalesforceJwtSettings() {
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
	 * @param jwtEncoders finds the application's {@code JwtEncoder} beans by name
	 * @return the connection details: the login URL without trailing slashes, the audience
	 * (derived from the login URL when not set), and an encoder that signs with the
	 * configured key (the newest one after an SSL bundle reloaded) or the application's
	 * encoder named by {@code jwt-encoder}
	 * @throws InvalidSalesforceJwtPropertiesException naming every property at fault
	 */
	static SalesforceConnectionDetails of(SalesforceJwtProperties properties, ResourceLoader resourceLoader,
			@Nullable SslBundles sslBundles, Function<String, @Nullable JwtEncoder> jwtEncoders) {
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
		if (StringUtils.hasText(properties.getJwtEncoder())) {
			JwtEncoder encoder = jwtEncoder(problems, properties, jwtEncoders);
			if (!problems.isEmpty() || encoder == null) {
				throw new InvalidSalesforceJwtPropertiesException(problems);
			}
			return SalesforceConnectionDetails.of(loginUrl.toString(), audience, consumerKey, username, encoder);
		}
		SigningKeys signingKeys = new SigningKeys(properties, resourceLoader, sslBundles, Clock.systemUTC());
		SigningKey signingKey = signingKeys.read(problems);
		if (!problems.isEmpty() || signingKey == null) {
			throw new InvalidSalesforceJwtPropertiesException(problems);
		}
		signingKeys.watch(signingKey);
		return SalesforceConnectionDetails.of(loginUrl.toString(), audience, consumerKey, username,
				SalesforceJwtEncoders.of(signingKey));
	}

	private static @Nullable JwtEncoder jwtEncoder(List<Problem> problems, SalesforceJwtProperties properties,
			Function<String, @Nullable JwtEncoder> jwtEncoders) {
		String name = properties.getJwtEncoder().strip();
		if (StringUtils.hasText(properties.getPrivateKey()) || StringUtils.hasText(properties.getSslBundle())) {
			problems.add(new Problem(PREFIX + "jwt-encoder", "is set together with a private key ("
					+ PREFIX + "private-key or " + PREFIX + "ssl-bundle); the assertion is signed by one of them",
					"Remove the private key properties to sign with the JwtEncoder bean '" + name
							+ "', or remove jwt-encoder to sign with the key."));
			return null;
		}
		JwtEncoder encoder = jwtEncoders.apply(name);
		if (encoder == null) {
			problems.add(new Problem(PREFIX + "jwt-encoder", "names '" + name + "', but the application has no "
					+ "JwtEncoder bean of that name",
					"Define a JwtEncoder bean (org.springframework.security.oauth2.jwt) named '" + name
							+ "' that signs RS256 with the key whose certificate is uploaded to the connected app."));
		}
		return encoder;
	}

	private static String required(List<Problem> problems, String name, @Nullable String value, String action) {
		if (!StringUtils.hasText(value)) {
			problems.add(new Problem(PREFIX + name, "is not set", action));
			return "";
		}
		return value.strip();
	}

	private static URI loginUrl(List<Problem> problems, @Nullable String value) {
		try {
			return SalesforceUrls.loginUrl((value != null) ? value : "");
		}
		catch (IllegalArgumentException ex) {
			problems.add(new Problem(PREFIX + "login-url", ex.getMessage(),
					"Use https://login.salesforce.com (production), https://test.salesforce.com (sandbox) or "
							+ "the org's My Domain URL such as https://acme.my.salesforce.com, without a path."));
			return URI.create(SalesforceHosts.PRODUCTION);
		}
	}

	private static String audience(List<Problem> problems, @Nullable String configured, URI loginUrl) {
		if (configured != null) {
			// Salesforce compares aud as a string: https://acme.my.salesforce.com/ would not match
			String audience = SalesforceUrls.withoutTrailingSlashes(configured.strip());
			if (!audience.regionMatches(true, 0, "https://", 0, 8) || audience.length() == 8) {
				problems.add(new Problem(PREFIX + "audience", StringUtils.hasText(audience)
						? "'" + SalesforceUrls.shown(configured) + "' is not an https URL" : "is empty",
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
		if (login.getMaxPerHour() < 1) {
			problems.add(new Problem(PREFIX + "login.max-per-hour", "is " + login.getMaxPerHour(),
					"Set it to 1 or more, well under Salesforce's limit of about 3,600 logins per user per hour."));
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
