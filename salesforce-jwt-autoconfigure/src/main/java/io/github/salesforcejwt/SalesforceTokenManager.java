package io.github.salesforcejwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
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
 * logs in on first use, hands out the same token until a caller reports with
 * {@link #renewToken(SalesforceToken)} that it was refused (or, when a
 * {@linkplain #setTokenTimeToLive time to live} is set, until it is older than that), and
 * then logs in again.
 * <ul>
 * <li>One login at a time: however many callers need a token at the same moment, they all
 * wait for the same token request. A caller that cancels does not cancel the login the
 * others wait on.</li>
 * <li>Renewal is tied to the token that failed: reporting a token that is no longer the
 * current one returns the current one without logging in again.</li>
 * <li>Tokens are never revoked: another instance of the application may share the
 * session.</li>
 * </ul>
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

	private final SalesforceTokenClient tokenClient;

	private final @Nullable String description;

	private final String logSuffix;

	private final Object monitor = new Object();

	private volatile @Nullable CurrentToken current;

	private @Nullable CompletableFuture<SalesforceToken> pendingLogin;

	private volatile @Nullable SalesforceAuthenticationException lastFailure;

	private @Nullable Duration tokenTimeToLive;

	private Clock clock = Clock.systemUTC();

	private final AtomicLong sessionRenewals = new AtomicLong();

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
		this.tokenClient = tokenClient;
		this.description = (description != null && !description.isBlank()) ? description : null;
		this.logSuffix = (this.description != null) ? " (" + this.description + ")" : "";
	}

	/**
	 * Return the current token, logging in first if there is none (or if it is older than
	 * the time to live). Concurrent callers share one login.
	 * @return the token; fails with {@link SalesforceAuthenticationException} if the login
	 * fails
	 */
	public Mono<SalesforceToken> getToken() {
		return Mono.defer(() -> {
			CurrentToken current = this.current;
			if (current != null && isFresh(current)) {
				return Mono.just(current.token());
			}
			return joinLogin();
		});
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
			synchronized (this.monitor) {
				CurrentToken current = this.current;
				if (current != null && current.token() == expired) {
					this.current = null;
					this.sessionRenewals.incrementAndGet();
					if (logger.isDebugEnabled()) {
						logger.debug("Salesforce session of " + expired + " ended" + this.logSuffix
								+ "; logging in again");
					}
				}
			}
			return getToken();
		});
	}

	/**
	 * Return the current token without logging in: what {@link #getToken()} would return
	 * at once.
	 * @return the current token, or {@code null} if there is none yet, the last one was
	 * reported as expired, or it is older than the time to live
	 */
	public @Nullable SalesforceToken getCurrentToken() {
		CurrentToken current = this.current;
		return (current != null && isFresh(current)) ? current.token() : null;
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
		return this.lastFailure;
	}

	private boolean isFresh(CurrentToken current) {
		Duration timeToLive = this.tokenTimeToLive;
		return timeToLive == null || this.clock.instant().isBefore(current.obtainedAt().plus(timeToLive));
	}

	private Mono<SalesforceToken> joinLogin() {
		CompletableFuture<SalesforceToken> login;
		boolean start = false;
		synchronized (this.monitor) {
			CurrentToken current = this.current;
			if (current != null && isFresh(current)) {
				return Mono.just(current.token());
			}
			if (this.pendingLogin == null) {
				this.pendingLogin = new CompletableFuture<>();
				start = true;
			}
			login = this.pendingLogin;
		}
		if (start) {
			startLogin(login);
		}
		// Each caller may cancel its own wait; the login itself goes on for the others
		return Mono.fromFuture(login, true)
			.onErrorMap(SalesforceAuthenticationException.class, (ex) -> ex.forCaller(this.description));
	}

	private void startLogin(CompletableFuture<SalesforceToken> login) {
		logger.debug("Logging in to Salesforce with the JWT bearer flow" + this.logSuffix);
		try {
			SalesforceTokenClients.requireToken(this.tokenClient)
				.subscribe((token) -> loggedIn(login, token), (ex) -> loginFailed(login, ex));
		}
		catch (LinkageError ex) {
			// Reactor rethrows JVM-fatal errors from subscribe(); the waiters must not hang
			loginFailed(login, ex);
		}
		catch (RuntimeException | Error ex) {
			loginFailed(login, ex);
			throw ex;
		}
	}

	private void loggedIn(CompletableFuture<SalesforceToken> login, SalesforceToken token) {
		synchronized (this.monitor) {
			this.current = new CurrentToken(token, this.clock.instant());
			this.lastFailure = null;
			if (this.pendingLogin == login) {
				this.pendingLogin = null;
			}
		}
		if (logger.isInfoEnabled()) {
			logger.info("Logged in to Salesforce" + this.logSuffix + ": instance " + token.getInstanceUrl() + ", user "
					+ token.getUserId() + ", organization " + token.getOrganizationId());
		}
		login.complete(token);
	}

	private void loginFailed(CompletableFuture<SalesforceToken> login, Throwable ex) {
		SalesforceAuthenticationException failure = (ex instanceof SalesforceAuthenticationException authentication)
				? authentication : new SalesforceAuthenticationException(
						"Salesforce login failed: " + ex.getClass().getSimpleName(), 0, null, null, null, true, ex);
		synchronized (this.monitor) {
			if (!failure.isCoolingDown()) {
				this.lastFailure = failure;
			}
			if (this.pendingLogin == login) {
				this.pendingLogin = null;
			}
		}
		// A request refused during a cool-down asked nothing: logging each would flood the log
		if (!failure.isCoolingDown()) {
			logger.warn((failure.isTransient() ? "Salesforce login failed" : "Salesforce refused the login")
					+ this.logSuffix + ": " + failure.getMessage());
		}
		login.completeExceptionally(failure);
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
	 * Set the clock used for the time to live.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	private record CurrentToken(SalesforceToken token, Instant obtainedAt) {

	}

}
