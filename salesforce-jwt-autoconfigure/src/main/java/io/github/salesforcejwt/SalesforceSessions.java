package io.github.salesforcejwt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The sessions of every Salesforce org the application talks to: the default org, named
 * orgs ({@code salesforce.jwt.orgs.<name>.*}), orgs a {@link SalesforceOrgRepository} finds
 * at run time, and any pre-authorized user of each. {@link SalesforceClients} and
 * {@link SalesforceRestClients} hand out the clients of these sessions.
 * <p>
 * Each (org, user) has its own {@link SalesforceSession}: its own token, one shared login,
 * renewal and cool-down, so a user who cannot log in fails alone. Sessions and their
 * clients are created once and reused. The default user's session of each configured org
 * is kept for the life of the application; other sessions (per-user sessions, and orgs
 * found at run time) are kept in a cache of bounded size, least recently used evicted.
 *
 * @author salesforce-jwt
 */
public final class SalesforceSessions {

	/**
	 * Name of the org configured by the top-level {@code salesforce.jwt.*} properties.
	 */
	public static final String DEFAULT_ORG = "default";

	private final Map<String, SalesforceConnectionDetails> configured;

	private final Map<String, SalesforceSession> pinned = new ConcurrentHashMap<>();

	private final @Nullable SalesforceOrgRepository repository;

	private final SalesforceSessionFactory sessionFactory;

	private final Cache<String, SalesforceConnectionDetails> discovered;

	private final Cache<SessionKey, SalesforceSession> sessions;

	/**
	 * Create a new instance.
	 * @param configured the connection details of the configured orgs, by name, as their
	 * default users
	 * @param defaultSession the session of the default org, if the application has one
	 * built already
	 * @param repository finds orgs that are not configured, if any
	 * @param sessionFactory creates sessions
	 * @param maxSessions how many sessions other than the configured orgs' default ones
	 * are kept at most
	 */
	public SalesforceSessions(Map<String, SalesforceConnectionDetails> configured,
			@Nullable SalesforceSession defaultSession, @Nullable SalesforceOrgRepository repository,
			SalesforceSessionFactory sessionFactory, long maxSessions) {
		Assert.notNull(configured, "'configured' must not be null");
		Assert.notNull(sessionFactory, "'sessionFactory' must not be null");
		Assert.isTrue(maxSessions > 0, "'maxSessions' must be positive");
		this.configured = Collections.unmodifiableMap(new LinkedHashMap<>(configured));
		this.repository = repository;
		this.sessionFactory = sessionFactory;
		this.discovered = Caffeine.newBuilder().maximumSize(maxSessions).executor(Runnable::run).build();
		this.sessions = Caffeine.newBuilder().maximumSize(maxSessions).executor(Runnable::run).build();
		if (defaultSession != null) {
			this.pinned.put(defaultSession.getOrg(), defaultSession);
		}
	}

	/**
	 * Return the session of an org's default user.
	 * @param org the org's name
	 * @return the session
	 * @throws IllegalArgumentException if no org has that name
	 */
	public SalesforceSession session(String org) {
		Assert.hasText(org, "'org' must not be empty");
		SalesforceSession session = this.pinned.get(org);
		if (session != null) {
			return session;
		}
		SalesforceConnectionDetails details = this.configured.get(org);
		if (details != null) {
			return this.pinned.computeIfAbsent(org, (name) -> this.sessionFactory.create(name, details, false));
		}
		return this.sessions.get(new SessionKey(org, null),
				(key) -> this.sessionFactory.create(org, discoveredOrg(org), false));
	}

	/**
	 * Return the session of an org as a given user. The org's default user gets the org's
	 * own session.
	 * @param org the org's name
	 * @param username the user's username
	 * @return the session
	 * @throws IllegalArgumentException if no org has that name
	 */
	public SalesforceSession session(String org, String username) {
		Assert.hasText(username, "'username' must not be empty");
		SalesforceConnectionDetails details = connectionDetails(org);
		if (details.getUsername().equalsIgnoreCase(username.strip())) {
			return session(org);
		}
		return this.sessions.get(new SessionKey(org, username.strip().toLowerCase(Locale.ROOT)),
				(key) -> this.sessionFactory.create(org, details.forUser(username.strip()), true));
	}

	/**
	 * Return the names of the configured orgs: {@value #DEFAULT_ORG} when the top-level
	 * properties (or a {@link SalesforceConnectionDetails} bean) give one, and each of
	 * {@code salesforce.jwt.orgs}.
	 * @return the names, in configuration order
	 */
	public Set<String> getConfiguredOrgs() {
		Set<String> names = new LinkedHashSet<>();
		if (this.pinned.containsKey(DEFAULT_ORG)) {
			names.add(DEFAULT_ORG);
		}
		names.addAll(this.configured.keySet());
		return Collections.unmodifiableSet(names);
	}

	/**
	 * Forget the sessions of an org that are kept in the cache (its per-user sessions, and
	 * for an org found by the {@link SalesforceOrgRepository}, the org itself), for
	 * example after its connection details changed: the next use asks the repository
	 * again and logs in anew. A configured org's default session stays.
	 * @param org the org's name
	 */
	public void forget(String org) {
		this.discovered.invalidate(org);
		this.sessions.asMap().keySet().removeIf((key) -> key.org().equals(org));
	}

	private SalesforceConnectionDetails connectionDetails(String org) {
		Assert.hasText(org, "'org' must not be empty");
		SalesforceConnectionDetails details = this.configured.get(org);
		if (details != null) {
			return details;
		}
		SalesforceSession pinnedSession = this.pinned.get(org);
		if (pinnedSession != null) {
			SalesforceConnectionDetails pinnedDetails = pinnedSession.getConnectionDetails();
			if (pinnedDetails == null) {
				throw new IllegalStateException("Salesforce org '" + org + "' logs in with the application's own "
						+ "SalesforceTokenClient, so it has no SalesforceConnectionDetails to log in as another user");
			}
			return pinnedDetails;
		}
		return discoveredOrg(org);
	}

	private SalesforceConnectionDetails discoveredOrg(String org) {
		SalesforceOrgRepository repository = this.repository;
		SalesforceConnectionDetails details = (repository != null)
				? this.discovered.get(org, repository::findByName) : null;
		if (details == null) {
			throw new IllegalArgumentException("No Salesforce org named '" + org + "'; the configured orgs are "
					+ getConfiguredOrgs() + ". Configure it under salesforce.jwt.orgs." + org
					+ ".*, or define a SalesforceOrgRepository bean that finds it.");
		}
		return details;
	}

	@Override
	public String toString() {
		return "SalesforceSessions[configuredOrgs=" + getConfiguredOrgs() + ", sessions="
				+ this.sessions.estimatedSize() + "]";
	}

	/**
	 * An org and a user, {@code null} for the org's default user.
	 */
	private record SessionKey(String org, @Nullable String username) {

	}

}
