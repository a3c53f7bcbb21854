package io.github.salesforcejwt;

import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * The entry point to the {@code RestClient}s of every Salesforce org and user: one bean,
 * present in servlet applications and reactive ones alike. Each client sends relative URIs
 * to its session's {@code instance_url} with its session's token; a {@code RestClient}
 * and a {@code WebClient} of the same (org, user) share one session and so one login.
 * Clients are created once and reused.
 *
 * @author salesforce-jwt
 * @see SalesforceClients
 */
public class SalesforceRestClients {

	private final SalesforceSessions sessions;

	private final Function<SalesforceSession, RestClient> restClients;

	private final Function<SalesforceSession, SalesforceBlockingQueries> blockingQueries;

	/**
	 * Create a new instance whose queries use a default {@code JsonMapper} and API version
	 * {@value SalesforceQueries#DEFAULT_API_VERSION}.
	 * @param sessions the sessions
	 * @param restClients creates the {@code RestClient} of a session
	 */
	public SalesforceRestClients(SalesforceSessions sessions, Function<SalesforceSession, RestClient> restClients) {
		this(sessions, restClients, (session) -> new SalesforceBlockingQueries(
				session.client(RestClient.class, restClients), JsonMapper.shared(), SalesforceQueries.DEFAULT_API_VERSION));
	}

	/**
	 * Create a new instance.
	 * @param sessions the sessions
	 * @param restClients creates the {@code RestClient} of a session
	 * @param blockingQueries creates the blocking queries of a session
	 */
	public SalesforceRestClients(SalesforceSessions sessions, Function<SalesforceSession, RestClient> restClients,
			Function<SalesforceSession, SalesforceBlockingQueries> blockingQueries) {
		Assert.notNull(sessions, "'sessions' must not be null");
		Assert.notNull(restClients, "'restClients' must not be null");
		Assert.notNull(blockingQueries, "'blockingQueries' must not be null");
		this.sessions = sessions;
		this.restClients = restClients;
		this.blockingQueries = blockingQueries;
	}

	/**
	 * Return the {@code RestClient} of the default org.
	 * @return the client
	 * @throws IllegalArgumentException if there is no default org
	 */
	public RestClient restClient() {
		return restClient(SalesforceSessions.DEFAULT_ORG);
	}

	/**
	 * Return the {@code RestClient} of an org, as its default user.
	 * @param org the org's name
	 * @return the client
	 * @throws IllegalArgumentException if no org has that name
	 */
	public RestClient restClient(String org) {
		return this.sessions.session(org).client(RestClient.class, this.restClients);
	}

	/**
	 * Return the {@code RestClient} of an org as a given user, who must be pre-authorized
	 * for the connected app.
	 * @param org the org's name
	 * @param username the user's username
	 * @return the client
	 * @throws IllegalArgumentException if no org has that name
	 */
	public RestClient restClient(String org, String username) {
		return restClient(this.sessions.session(org, username));
	}

	/**
	 * Return the {@code RestClient} of a session, created the first time.
	 * @param session the session
	 * @return the client
	 */
	public RestClient restClient(SalesforceSession session) {
		return session.client(RestClient.class, this.restClients);
	}

	/**
	 * Return the SOQL queries of the default org, over its {@code RestClient}, as lazily
	 * paged streams.
	 * @return the queries
	 * @throws IllegalArgumentException if there is no default org
	 */
	public SalesforceBlockingQueries blockingQueries() {
		return blockingQueries(SalesforceSessions.DEFAULT_ORG);
	}

	/**
	 * Return the SOQL queries of an org, as its default user, over its {@code RestClient}.
	 * @param org the org's name
	 * @return the queries
	 * @throws IllegalArgumentException if no org has that name
	 */
	public SalesforceBlockingQueries blockingQueries(String org) {
		return this.sessions.session(org).client(SalesforceBlockingQueries.class, this.blockingQueries);
	}

	/**
	 * Return the SOQL queries of an org as a given user, over its {@code RestClient}.
	 * @param org the org's name
	 * @param username the user's username
	 * @return the queries
	 * @throws IllegalArgumentException if no org has that name
	 */
	public SalesforceBlockingQueries blockingQueries(String org, String username) {
		return this.sessions.session(org, username).client(SalesforceBlockingQueries.class, this.blockingQueries);
	}

	/**
	 * Return the session of an org's default user.
	 * @param org the org's name
	 * @return the session
	 * @throws IllegalArgumentException if no org has that name
	 */
	public SalesforceSession session(String org) {
		return this.sessions.session(org);
	}

	/**
	 * Return the session of an org as a given user.
	 * @param org the org's name
	 * @param username the user's username
	 * @return the session
	 * @throws IllegalArgumentException if no org has that name
	 */
	public SalesforceSession session(String org, String username) {
		return this.sessions.session(org, username);
	}

	/**
	 * Return the names of the configured orgs.
	 * @return the names, in configuration order
	 * @see SalesforceSessions#getConfiguredOrgs()
	 */
	public Set<String> getConfiguredOrgs() {
		return this.sessions.getConfiguredOrgs();
	}

	/**
	 * Return the sessions behind the clients.
	 * @return the sessions
	 */
	public SalesforceSessions getSessions() {
		return this.sessions;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.sessions + "]";
	}

}
