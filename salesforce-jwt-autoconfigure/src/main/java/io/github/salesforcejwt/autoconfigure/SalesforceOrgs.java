package io.github.salesforcejwt.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.salesforcejwt.SalesforceSessions;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.autoconfigure.InvalidSalesforceJwtPropertiesException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The orgs configured in properties: the top level ({@code salesforce.jwt.*}, the org
 * named {@value SalesforceSessions#DEFAULT_ORG}) and each of {@code salesforce.jwt.orgs},
 * checked at startup so that a bad value stops the application naming its exact key.
 *
 * @author salesforce-jwt
 */
final class SalesforceOrgs {

	private final SalesforceJwtProperties properties;

	private final ResourceLoader resourceLoader;

	private final @Nullable SslBundles sslBundles;

	private final Function<String, @Nullable JwtEncoder> jwtEncoders;

	private final Map<String, SalesforceJwtProperties> effective = new LinkedHashMap<>();

	private final Map<String, SalesforceConnectionDetails> named = new LinkedHashMap<>();

	private final Map<String, Set<String>> ownKeys = new LinkedHashMap<>();

	SalesforceOrgs(SalesforceJwtProperties properties, ResourceLoader resourceLoader, @Nullable SslBundles sslBundles,
			Function<String, @Nullable JwtEncoder> jwtEncoders) {
		this.properties = properties;
		this.resourceLoader = resourceLoader;
		this.sslBundles = sslBundles;
		this.jwtEncoders = jwtEncoders;
		List<Problem> problems = new ArrayList<>();
		properties.getOrgs().forEach((name, org) -> {
			String prefix = SalesforceJwtSettings.PREFIX + "orgs." + name + ".";
			if (SalesforceSessions.DEFAULT_ORG.equals(name)) {
				problems.add(new Problem(SalesforceJwtSettings.PREFIX + "orgs." + name,
						"uses the name of the org the top-level salesforce.jwt.* properties configure",
						"Give the org another name, or configure it at the top level."));
				return;
			}
			SalesforceOrgProperties.Effective merged = org.applyTo(properties);
			this.effective.put(name, merged.properties());
			this.ownKeys.put(name, merged.ownKeys());
			try {
				this.named.put(name, settings(merged.properties()));
			}
			catch (InvalidSalesforceJwtPropertiesException ex) {
				ex.getProblems().forEach((problem) -> problems.add(inOrg(problem, prefix, merged.ownKeys())));
			}
		});
		if (!problems.isEmpty()) {
			throw new InvalidSalesforceJwtPropertiesException(problems);
		}
	}

	/**
	 * Name the org's own property when the org set the value at fault, or when the value
	 * is set nowhere (the org is where it belongs); else the top-level one it inherited.
	 */
	private static Problem inOrg(Problem problem, String prefix, Set<String> ownKeys) {
		String key = problem.property().substring(SalesforceJwtSettings.PREFIX.length());
		boolean unset = problem.reason().startsWith("is not set") || problem.reason().contains("are both not set");
		if (!ownKeys.contains(key) && !unset) {
			return problem;
		}
		return new Problem(prefix + key, problem.reason(), problem.action());
	}

	private SalesforceConnectionDetails settings(SalesforceJwtProperties org) {
		return SalesforceJwtSettings.of(org, this.resourceLoader, this.sslBundles, this.jwtEncoders);
	}

	/**
	 * Return the connection details of the top-level properties, the default org.
	 * @return the connection details
	 * @throws InvalidSalesforceJwtPropertiesException naming every property at fault
	 */
	SalesforceConnectionDetails defaultOrg() {
		return settings(this.properties);
	}

	/**
	 * Return the connection details of the named orgs.
	 * @return the details, by org name, in configuration order
	 */
	Map<String, SalesforceConnectionDetails> named() {
		return Collections.unmodifiableMap(this.named);
	}

	/**
	 * Return the effective properties of an org: its own on top of the top level's; the
	 * top level's for the default org and for orgs found at run time.
	 * @param org the org's name
	 * @return the properties
	 */
	SalesforceJwtProperties properties(String org) {
		return this.effective.getOrDefault(org, this.properties);
	}

	/**
	 * Return the property an org's setting comes from: the org's own key when the org sets
	 * it, else the top-level one.
	 * @param org the org's name
	 * @param key the key below {@code salesforce.jwt.}, such as {@code login.max-per-hour}
	 * @return the full property name
	 */
	String property(String org, String key) {
		Set<String> own = this.ownKeys.get(org);
		return (own != null && own.contains(key)) ? SalesforceJwtSettings.PREFIX + "orgs." + org + "." + key
				: SalesforceJwtSettings.PREFIX + key;
	}

}
