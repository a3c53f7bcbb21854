package io.github.salesforcejwt;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * One session with one Salesforce org as one user: the token manager that holds the
 * session's token (one shared login, renewal tied to the token that failed, its own
 * cool-down) and the clients that use it, of any kind ({@code WebClient},
 * {@code RestClient}, gRPC credentials). A client of a session only ever sends that
 * session's token, and only to that session's instance.
 *
 * @author salesforce-jwt
 */
public final class SalesforceSession {

	private final String org;

	private final @Nullable SalesforceConnectionDetails connectionDetails;

	private final boolean perUser;

	private final SalesforceTokenManager tokenManager;

	private final Map<Class<?>, Object> clients = new ConcurrentHashMap<>();

	/**
	 * Create a new session.
	 * @param org the org's name
	 * @param connectionDetails the connection, as the session's user, or {@code null}
	 * when the application logs in with a {@link SalesforceTokenClient} of its own
	 * @param perUser whether this is a session of a user other than the org's default one
	 * @param tokenManager the session's token manager
	 */
	public SalesforceSession(String org, @Nullable SalesforceConnectionDetails connectionDetails, boolean perUser,
			SalesforceTokenManager tokenManager) {
		Assert.hasText(org, "'org' must not be empty");
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		this.org = org;
		this.connectionDetails = connectionDetails;
		this.perUser = perUser;
		this.tokenManager = tokenManager;
	}

	/**
	 * Return the org's name.
	 * @return the org
	 */
	public String getOrg() {
		return this.org;
	}

	/**
	 * Return the connection, as this session's user.
	 * @return the connection details, or {@code null} when the application logs in with a
	 * {@link SalesforceTokenClient} of its own
	 */
	public @Nullable SalesforceConnectionDetails getConnectionDetails() {
		return this.connectionDetails;
	}

	/**
	 * Return whether this is a session of a user other than the org's default one.
	 * @return whether the session is per user
	 */
	public boolean isPerUser() {
		return this.perUser;
	}

	/**
	 * Return the session's token manager.
	 * @return the token manager
	 */
	public SalesforceTokenManager getTokenManager() {
		return this.tokenManager;
	}

	/**
	 * Return the session's token, logging in first if there is none, for clients that do
	 * not use Reactor (CometD, SOAP, a blocking HTTP client). Concurrent callers share one
	 * login; the caller waits without holding a lock, so virtual threads are not pinned.
	 * @param timeout how long to wait for a login at most
	 * @return the token
	 * @throws SalesforceAuthenticationException if the login fails
	 * @throws IllegalStateException if no token came within the timeout
	 */
	public SalesforceToken getToken(Duration timeout) {
		return await(this.tokenManager.getToken(), timeout);
	}

	/**
	 * Report that Salesforce refused a token because its session ended, and return the
	 * token to retry with (a new login shared with every other caller, unless the token was
	 * already replaced), for clients that do not use Reactor.
	 * @param expired the token Salesforce refused
	 * @param timeout how long to wait for a login at most
	 * @return the token to retry with
	 * @throws SalesforceAuthenticationException if the login fails
	 * @throws IllegalStateException if no token came within the timeout
	 */
	public SalesforceToken renewToken(SalesforceToken expired, Duration timeout) {
		return await(this.tokenManager.renewToken(expired), timeout);
	}

	private static SalesforceToken await(Mono<SalesforceToken> token, Duration timeout) {
		SalesforceToken value = token.block(timeout);
		if (value == null) {
			throw new IllegalStateException("Salesforce login completed without a token");
		}
		return value;
	}

	/**
	 * Return this session's client of a kind ({@code WebClient}, {@code RestClient}, ...),
	 * creating it the first time: every client of a session uses its token manager, so all
	 * share one login.
	 * @param <C> the kind of client
	 * @param type the kind of client
	 * @param factory creates the client for this session
	 * @return the client, the same one at each call
	 */
	public <C> C client(Class<C> type, Function<SalesforceSession, ? extends C> factory) {
		Assert.notNull(type, "'type' must not be null");
		Assert.notNull(factory, "'factory' must not be null");
		return type.cast(this.clients.computeIfAbsent(type, (key) -> factory.apply(this)));
	}

	/**
	 * Describe the session for messages and logs: the org, and whether it is a per-user
	 * session.
	 * @param org the org's name
	 * @param perUser whether the session is per user
	 * @return the description, such as {@code org 'acme' (per-user session)}
	 */
	public static String describe(String org, boolean perUser) {
		return "org '" + org + "'" + (perUser ? " (per-user session)" : "");
	}

	@Override
	public String toString() {
		return "SalesforceSession[" + describe(this.org, this.perUser) + ", username="
				+ ((this.connectionDetails != null) ? this.connectionDetails.getUsername() : null) + "]";
	}

}
