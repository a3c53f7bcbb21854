package io.github.salesforcejwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * Holds the current Salesforce access token and logs in when there is none.
 * <p>
 * Salesforce's token response has no {@code expires_in}: a token stays valid until its
 * session ends, and then API calls answer 401 {@code INVALID_SESSION_ID}. So the manager
 * logs in on first use, with one login for all the callers that need a token at the same
 * moment, and hands out the same token until a caller reports with
 * {@link #renewToken(SalesforceToken)} that it was refused, or until it is older than the
 * {@linkplain #setTokenTimeToLive time to live}. Tokens are never revoked: another
 * instance of the application may share the session (see {@link #setTokenStore}). A
 * {@linkplain #setLoginBudget login budget} limits the logins, and
 * {@link #renewAfterRetryRefused} pauses the renewals that a new login does not cure.
 * <p>
 * Each login is one {@link SalesforceTokenClient#requestToken()}: timeouts, retries,
 * the cool-down after refusals and observations are the token client's (see
 * {@link SalesforceTokenClients#resilient}, which the auto-configuration uses). Any HTTP
 * client can use {@link #getToken()} and {@link #renewToken(SalesforceToken)}, blocking
 * with {@code block()} if it must.
 *
 * @author salesforce-jwt
 */
public class SalesforceTokenManager {

	private static final Log logger = LogFactory.getLog(SalesforceTokenManager.class);

	private final String logSuffix;

	private @Nullable Duration tokenTimeToLive;

	private Clock clock = Clock.systemUTC();

	private final AtomicLong sessionRenewals = new AtomicLong();

	private final SessionLogins logins;

	private final SessionRefusals refusals;

	private final SharedLogin login;

	/**
	 * Create a new manager.
	 * @param tokenClient performs the logins
	 */
	public SalesforceTokenManager(SalesforceTokenClient tokenClient) {
		this(tokenClient, null);
	}

	/**
	 * Create a new manager whose log lines say which session they are about.
	 * @param tokenClient performs the logins
	 * @param description what the session is, for the log lines, such as
	 * {@code org 'acme'}, or {@code null}; never a secret
	 */
	public SalesforceTokenManager(SalesforceTokenClient tokenClient, @Nullable String description) {
		Assert.notNull(tokenClient, "'tokenClient' must not be null");
		String session = (description != null && !description.isBlank()) ? description : null;
		this.logSuffix = (session != null) ? " (" + session + ")" : "";
		this.logins = new SessionLogins(tokenClient, this.logSuffix);
		this.refusals = new SessionRefusals((session != null) ? session : "session");
		this.login = new SharedLogin(this.logins, session, () -> this.clock.instant(), this::isFresh);
	}

	/**
	 * Return the current token, logging in first if there is none (or if it is older than
	 * the time to live). Concurrent callers share one login, which a caller that cancels
	 * does not cancel.
	 * @return the token; fails with {@link SalesforceAuthenticationException} if the login
	 * fails
	 */
	public Mono<SalesforceToken> getToken() {
		return this.login.token();
	}

	/**
	 * Report that Salesforce refused the given token because its session ended, and return
	 * a token to retry with. If the given token is still the current one, a new login is
	 * made (shared with every other caller that reports it); if it has already been
	 * replaced, the current token is returned without logging in.
	 * @param expired the token Salesforce refused
	 * @return the token to retry with
	 */
	public Mono<SalesforceToken> renewToken(SalesforceToken expired) {
		Assert.notNull(expired, "'expired' must not be null");
		return Mono.defer(() -> {
			SalesforceSessionRefusedException paused = this.refusals.pausing(expired, this.clock);
			if (paused != null) {
				return Mono.error(paused);
			}
			if (this.login.replace(expired)) {
				this.sessionRenewals.incrementAndGet();
				if (logger.isDebugEnabled()) {
					logger.debug("Salesforce session of " + expired + " ended" + this.logSuffix + "; logging in again");
				}
			}
			return getToken();
		});
	}

	/**
	 * Report that Salesforce refused once more, with 401 {@code INVALID_SESSION_ID}, a
	 * request sent again with the given token after a renewal, and return what the HTTP
	 * client should do, so that such a refusal never costs a login per call: empty when the
	 * token is no longer the current one (hand the answer on as it is); the token of a new
	 * login when it came from another instance through the token store, whose session may
	 * simply have ended as well; otherwise, since a new login does not cure the refusal (the
	 * user lacks the API Enabled permission, the app the {@code api} scope, or an IP
	 * restriction applies), a {@link SalesforceSessionRefusedException} that names the
	 * fixes, and renewals of the token are paused (see {@link #setRefusedSessionPause})
	 * until a request succeeds (see {@link #reportAccepted}).
	 * @param token the token the request was sent again with
	 * @param message the {@code message} of Salesforce's answer, if known
	 * @return a token to send the request once more with, an error that names the fixes,
	 * or empty
	 */
	public Mono<SalesforceToken> renewAfterRetryRefused(SalesforceToken token, @Nullable String message) {
		Assert.notNull(token, "'token' must not be null");
		return Mono.defer(() -> {
			if (this.login.currentToken() != token) {
				return Mono.empty();
			}
			if (!this.logins.isOwnLogin(token)) {
				logger.debug("Salesforce refused the session another instance stored too" + this.logSuffix
						+ "; logging in");
				return renewToken(token);
			}
			return Mono.error(this.refusals.refused(token, message, this.clock));
		});
	}

	/**
	 * Report that Salesforce accepted a request made with the given token (a 2xx answer):
	 * ends a pause of renewals that {@link #renewAfterRetryRefused} started. Costs a field
	 * read when there is no pause.
	 * @param token the token the request was made with
	 */
	public void reportAccepted(SalesforceToken token) {
		this.refusals.accepted();
	}

	/**
	 * Return the current token without logging in: what {@link #getToken()} would return
	 * at once.
	 * @return the current token, or {@code null} if there is none yet, the last one was
	 * reported as expired, or it is older than the time to live
	 */
	public @Nullable SalesforceToken getCurrentToken() {
		return this.login.freshToken();
	}

	/**
	 * Return how many times a token was renewed because Salesforce ended its session.
	 * @return the number of renewals
	 */
	public long getSessionRenewals() {
		return this.sessionRenewals.get();
	}

	/**
	 * Return the failure of the last login, if it failed (a request refused during a
	 * cool-down is no login: the refusal that started it stays the last failure).
	 * @return the last failure, or {@code null} if the last login succeeded or none was made
	 */
	public @Nullable SalesforceAuthenticationException getLastFailure() {
		return this.logins.getLastFailure();
	}

	private boolean isFresh(Instant obtainedAt) {
		Duration timeToLive = this.tokenTimeToLive;
		return timeToLive == null || this.clock.instant().isBefore(obtainedAt.plus(timeToLive));
	}

	/**
	 * Set how long a token is used before a new one is obtained, whether or not Salesforce
	 * has ended its session. {@code null} (the default) uses a token until Salesforce
	 * refuses it.
	 * @param tokenTimeToLive the time to live, or {@code null}
	 */
	public void setTokenTimeToLive(@Nullable Duration tokenTimeToLive) {
		Assert.isTrue(tokenTimeToLive == null || (!tokenTimeToLive.isNegative() && !tokenTimeToLive.isZero()),
				"'tokenTimeToLive' must be positive");
		this.tokenTimeToLive = tokenTimeToLive;
	}

	/**
	 * Set the store that shares the session's token with the other instances of the
	 * application. By default there is none: every token comes from this manager's own
	 * login.
	 * @param tokenStore the token store
	 */
	public void setTokenStore(SalesforceTokenStore tokenStore) {
		Assert.notNull(tokenStore, "'tokenStore' must not be null");
		this.logins.setTokenStore(tokenStore);
	}

	/**
	 * Return the store that shares the session's token.
	 * @return the token store
	 */
	public SalesforceTokenStore getTokenStore() {
		return this.logins.getTokenStore();
	}

	/**
	 * Set the budget every login of this manager is counted in. By default there is none.
	 * @param loginBudget the login budget, or {@code null}
	 */
	public void setLoginBudget(@Nullable SalesforceLoginBudget loginBudget) {
		this.logins.setLoginBudget(loginBudget);
	}

	/**
	 * Return the budget every login of this manager is counted in.
	 * @return the login budget, or {@code null}
	 */
	public @Nullable SalesforceLoginBudget getLoginBudget() {
		return this.logins.getLoginBudget();
	}

	/**
	 * Set how long renewals are paused after the API refused the token of a new login (see
	 * {@link #renewAfterRetryRefused}): the pause doubles with each consecutive refusal
	 * up to the maximum. By default 1 s, up to 1 min.
	 * @param initialPause the pause after a first refusal ({@link Duration#ZERO} for none)
	 * @param maxPause the longest pause
	 */
	public void setRefusedSessionPause(Duration initialPause, Duration maxPause) {
		this.refusals.setPause(initialPause, maxPause);
	}

	/**
	 * Set the clock used for the time to live and for the pauses of renewals.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

}
