package io.github.salesforcejwt;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Shares the token of a session between the instances of an application, so that a fleet
 * logs in once where each instance would log in on its own.
 * <p>
 * A {@link SalesforceTokenManager} asks its store only when it has no token it can use: on
 * first use, and when Salesforce refused its token (or the token is older than the time to
 * live). Its steady state never touches the store: each instance uses its own copy of the
 * token until Salesforce refuses it. The store then decides whether a login is needed: it
 * answers a newer token that another instance stored, or subscribes to the login it is
 * given and shares the token it brings.
 * <p>
 * A store never fails a call because it cannot be reached or is slow: it then subscribes to
 * the login itself, as an instance on its own would.
 *
 * @author salesforce-jwt
 */
@FunctionalInterface
public interface SalesforceTokenStore {

	/**
	 * Return the token to use in place of the given one.
	 * @param replaced the token that can no longer be used (Salesforce refused it, or it is
	 * older than the time to live), or {@code null} when the session has had no token yet
	 * @param login a login: each subscription logs in once (within the session's login
	 * budget); subscribe to it at most once
	 * @return the token to use
	 */
	Mono<SalesforceToken> obtainToken(@Nullable SalesforceToken replaced, Mono<SalesforceToken> login);

	/**
	 * Return the kind of store, for the health details.
	 * @return the kind, such as {@code memory} or {@code redis}
	 */
	default String getType() {
		return "memory";
	}

	/**
	 * Return why the store cannot be used at the moment, so that this instance logs in on
	 * its own, or {@code null} while it can be used. Never contains a secret.
	 * @return the reason, or {@code null}
	 */
	default @Nullable String getUnavailableReason() {
		return null;
	}

	/**
	 * Return the store of an instance on its own: every token comes from its own login.
	 * @return the store that shares nothing
	 */
	static SalesforceTokenStore none() {
		return (replaced, login) -> login;
	}

}
