package io.github.salesforcejwt;

import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The entry point to every Salesforce org the application talks to, in applications that
 * have WebFlux's {@code WebClient}: the {@code WebClient}s (and, as
 * {@link SalesforceRestClients}, the {@code RestClient}s) of the default org, of named
 * orgs ({@code salesforce.jwt.orgs.<name>.*}), of orgs a {@link SalesforceOrgRepository}
 * finds at run time, and of any pre-authorized user of each.
 * <p>
 * Each (org, user) has its own {@link SalesforceSession} (see {@link SalesforceSessions}):
 * its own token, one shared login, renewal and cool-down, so a user who cannot log in fails
 * alone. Clients are created once and reused.
 *
 * @author salesforce-jwt
 */
public final class SalesforceClients extends SalesforceRestClients {

	/**
	 * Name of the org configured by the top-level {@code salesforce.jwt.*} properties.
	 */
	public static final String DEFAULT_ORG = SalesforceSessions.DEFAULT_ORG;

	private final Function<SalesforceSession, WebClient> webClients;

	private final Function<SalesforceSession, SalesforceQueries> queries;

	/**
	 * Create a new instance whose queries use a default {@code JsonMapper} and API version
	 * {@value SalesforceQueries#DEFAULT_API_VERSION}.
	 * @param sessions the sessions
	 * @param webClients creates the {@code WebClient} of a session
	 * @param restClients creates the {@code RestClient} of a session
	 */
	public SalesforceClients(SalesforceSessions sessions, Function<SalesforceSession, WebClient> webClients,
			Function<SalesforceSession, RestClient> restClients) {
		super(sessions, restClients);
		Assert.notNull(webClients, "'webClients' must not be null");
		this.webClients = webClients;
		this.queries = (session) -> new SalesforceQueries(session.client(WebClient.class, webClients),
				JsonMapper.shared(), SalesforceQueries.DEFAULT_API_VERSION);
	}

	/**
	 * Create a new instance.
	 * @param sessions the sessions
	 * @param webClients creates the {@code WebClient} of a session
	 * @param restClients creates the {@code RestClient} of a session
	 * @param queries creates the queries of a session
	 * @param blockingQueries creates the blocking queries of a session
	 */
	public SalesforceClients(SalesforceSessions sessions, Function<SalesforceSession, WebClient> webClients,
			Function<SalesforceSession, RestClient> restClients,
			Function<SalesforceSession, SalesforceQueries> queries,
			Function<SalesforceSession, SalesforceBlockingQueries> blockingQueries) {
		super(sessions, restClients, blockingQueries);
		Assert.notNull(webClients, "'webClients' must not be null");
		Assert.notNull(queries, "'queries' must not be null");
		this.webClients = webClients;
		this.queries = queries;
	}

	/**
	 * Return the SOQL and Bulk API 2.0 queries of the default org, over its
	 * {@code WebClient}.
	 * @return the queries
	 * @throws IllegalArgumentException if there is no default org
	 */
	public SalesforceQueries queries() {
		return queries(DEFAULT_ORG);
	}

	/**
	 * Return the SOQL and Bulk API 2.0 queries of an org, as its default user.
	 * @param org the org's name
	 * @return the queries
	 * @throws IllegalArgumentException if no org has that name
	 */
	public SalesforceQueries queries(String org) {
		return getSessions().session(org).client(SalesforceQueries.class, this.queries);
	}

	/**
	 * Return the SOQL and Bulk API 2.0 queries of an org as a given user, who must be
	 * pre-authorized for the connected app.
	 * @param org the org's name
	 * @param username the user's username
	 * @return the queries
	 * @throws IllegalArgumentException if no org has that name
	 */
	public SalesforceQueries queries(String org, String username) {
		return getSessions().session(org, username).client(SalesforceQueries.class, this.queries);
	}

	/**
	 * Return the {@code WebClient} of the default org.
	 * @return the client
	 * @throws IllegalArgumentException if there is no default org
	 */
	public WebClient webClient() {
		return webClient(DEFAULT_ORG);
	}

	/**
	 * Return the {@code WebClient} of an org, as its default user.
	 * @param org the org's name
	 * @return the client
	 * @throws IllegalArgumentException if no org has that name
	 */
	public WebClient webClient(String org) {
		return getSessions().session(org).client(WebClient.class, this.webClients);
	}

	/**
	 * Return the {@code WebClient} of an org as a given user, who must be pre-authorized
	 * for the connected app.
	 * @param org the org's name
	 * @param username the user's username
	 * @return the client
	 * @throws IllegalArgumentException if no org has that name
	 */
	public WebClient webClient(String org, String username) {
		return webClient(getSessions().session(org, username));
	}

	/**
	 * Return the {@code WebClient} of a session, created the first time.
	 * @param session the session
	 * @return the client
	 */
	public WebClient webClient(SalesforceSession session) {
		return session.client(WebClient.class, this.webClients);
	}

}
