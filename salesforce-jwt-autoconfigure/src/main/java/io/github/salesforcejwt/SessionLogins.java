package io.github.salesforcejwt;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where the tokens of a {@link SalesforceTokenManager}'s session come from, and what is
 * said about each login. A token comes from the {@link SalesforceTokenStore}, which answers
 * one that another instance stored or subscribes to a login of the manager's own; that
 * login is counted in the {@link SalesforceLoginBudget}, if there is one, and only when it
 * is subscribed to. This class remembers which token was the manager's own login (a
 * refusal of it is not cured by logging in again) and the failure of the last login, and
 * logs each login's outcome, naming the session.
 * <p>
 * {@link SharedLogin} starts one login at a time and records its outcome with
 * {@link #recordSuccess()} or {@link #recordFailure} while it holds its lock, in the same
 * step as it replaces the current token; it logs the outcome with {@link #logSuccess} or
 * {@link #logFailure} once it has released the lock.
 *
 * @author salesforce-jwt
 */
final class SessionLogins {

	// The manager's log lines, under the logger users know them by
	private static final Log logger = LogFactory.getLog(SalesforceTokenManager.class);

	private final SalesforceTokenClient tokenClient;

	private final String logSuffix;

	private SalesforceTokenStore tokenStore = SalesforceTokenStore.none();

	private @Nullable SalesforceLoginBudget loginBudget;

	/**
	 * The token of the manager's own last login, as opposed to one taken from the store.
	 */
	private volatile @Nullable SalesforceToken ownLogin;

	private volatile @Nullable SalesforceAuthenticationException lastFailure;

	/**
	 * Create a new instance.
	 * @param tokenClient performs the manager's own logins
	 * @param logSuffix what the log lines add to name the session, such as
	 * {@code " (org 'acme')"}, or an empty string
	 */
	SessionLogins(SalesforceTokenClient tokenClient, String logSuffix) {
		this.tokenClient = tokenClient;
		this.logSuffix = logSuffix;
	}

	/**
	 * Return the token to use in place of the given one: from the store, or from a login of
	 * the manager's own, within the budget, that the store subscribes to only when no other
	 * instance's token will do.
	 * @param replaced the token that can no longer be used, or {@code null}
	 * @return the token to use
	 */
	Mono<SalesforceToken> obtainToken(@Nullable SalesforceToken replaced) {
		logger.debug("Logging in to Salesforce with the JWT bearer flow" + this.logSuffix);
		return this.tokenStore.obtainToken(replaced, ownLogin());
	}

	private Mono<SalesforceToken> ownLogin() {
		SalesforceLoginBudget budget = this.loginBudget;
		Mono<SalesforceToken> login = SalesforceTokenClients.requireToken(this.tokenClient);
		return ((budget != null) ? budget.acquire().then(login) : login).doOnNext((token) -> this.ownLogin = token);
	}

	/**
	 * Return whether the given token came from the manager's own last login rather than
	 * from another instance through the store.
	 * @param token the token
	 * @return whether it is the token of the manager's own last login
	 */
	boolean isOwnLogin(SalesforceToken token) {
		return token == this.ownLogin;
	}

	/**
	 * Return the failure to hand the callers waiting on a login that ended with the given
	 * error.
	 * @param ex what the login ended with
	 * @return the error itself if it is a {@link SalesforceAuthenticationException}, or
	 * one that wraps it
	 */
	static SalesforceAuthenticationException failureOf(Throwable ex) {
		return (ex instanceof SalesforceAuthenticationException authentication) ? authentication
				: new SalesforceAuthenticationException("Salesforce login failed: " + ex.getClass().getSimpleName(), 0,
						null, null, null, true, ex);
	}

	/**
	 * Record that a login succeeded. Called while holding the manager's monitor.
	 */
	void recordSuccess() {
		this.lastFailure = null;
	}

	/**
	 * Record that a login failed: the failure becomes the last one, unless it is a request
	 * refused during a cool-down (no login: the refusal that started it stays the last
	 * failure). Called while holding the manager's monitor.
	 * @param failure the failure
	 * @return the last failure before this one, for {@link #logFailure}
	 */
	@Nullable SalesforceAuthenticationException recordFailure(SalesforceAuthenticationException failure) {
		SalesforceAuthenticationException previous = this.lastFailure;
		if (!failure.isCoolingDown()) {
			this.lastFailure = failure;
		}
		return previous;
	}

	/**
	 * Log at INFO that the session has the given token, and whether it came from the
	 * manager's own login or from the store.
	 * @param token the token
	 */
	void logSuccess(SalesforceToken token) {
		if (logger.isInfoEnabled()) {
			String how = isOwnLogin(token) ? "Logged in to Salesforce" : "Took the Salesforce session another "
					+ "instance logged in from the token store";
			logger.info(how + this.logSuffix + ": instance " + token.getInstanceUrl() + ", user " + token.getUserId()
					+ ", organization " + token.getOrganizationId());
		}
	}

	/**
	 * Log at WARN that a login failed, unless it is a request refused during a cool-down or
	 * the budget is still used up.
	 * @param failure the failure
	 * @param previous the last failure before it, as {@link #recordFailure} returned it
	 */
	void logFailure(SalesforceAuthenticationException failure, @Nullable SalesforceAuthenticationException previous) {
		// A request refused during a cool-down asked nothing, and the budget stays used up for
		// a while: logging each would flood the log
		boolean budgetStillUsedUp = failure instanceof SalesforceLoginBudgetExceededException
				&& previous instanceof SalesforceLoginBudgetExceededException;
		if (!failure.isCoolingDown() && !budgetStillUsedUp) {
			String what = (failure instanceof SalesforceLoginBudgetExceededException) ? "No Salesforce login"
					: failure.isTransient() ? "Salesforce login failed" : "Salesforce refused the login";
			logger.warn(what + this.logSuffix + ": " + failure.getMessage());
		}
	}

	@Nullable SalesforceAuthenticationException getLastFailure() {
		return this.lastFailure;
	}

	void setTokenStore(SalesforceTokenStore tokenStore) {
		this.tokenStore = tokenStore;
	}

	SalesforceTokenStore getTokenStore() {
		return this.tokenStore;
	}

	void setLoginBudget(@Nullable SalesforceLoginBudget loginBudget) {
		this.loginBudget = loginBudget;
	}

	@Nullable SalesforceLoginBudget getLoginBudget() {
		return this.loginBudget;
	}

}
