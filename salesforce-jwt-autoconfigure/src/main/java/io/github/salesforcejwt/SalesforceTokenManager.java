package io.github.salesforcejwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

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
 * <li>Transient failures (server errors, timeouts, network faults, maintenance pages) are
 * retried with exponential backoff and jitter, a bounded number of times.</li>
 * <li>After a refusal (a configuration problem, such as {@code invalid_grant}), further
 * requests fail at once with the same error during a cool-down that doubles with each
 * consecutive refusal, so that a misconfigured application under load does not use up the
 * user's hourly login allowance.</li>
 * <li>Tokens are never revoked: another instance of the application may share the
 * session.</li>
 * </ul>
 * The manager does not depend on {@code WebClient}; any HTTP client can use
 * {@link #getToken()} and {@link #renewToken(SalesforceToken)}, blocking with
 * {@code block()} if it must.
 *
 * @author salesforce-jwt
 */
public class SalesforceTokenManager {

	/**
	 * Name of the observation made for each token request, and for each request refused
	 * during a cool-down. Low-cardinality keys: {@code outcome} ({@code success},
	 * {@code transient_failure}, {@code rejected}, {@code cool_down}) and {@code error.code}
	 * (Salesforce's error code, or {@code none}).
	 */
	public static final String LOGIN_OBSERVATION = "salesforce.jwt.login";

	private static final String OUTCOME = "outcome";

	private static final String ERROR_CODE = "error.code";

	private static final String NONE = "none";

	private static final Log logger = LogFactory.getLog(SalesforceTokenManager.class);

	private final SalesforceTokenClient tokenClient;

	private final Object monitor = new Object();

	private volatile @Nullable CurrentToken current;

	private @Nullable CompletableFuture<SalesforceToken> pendingLogin;

	private @Nullable SalesforceAuthenticationException lastRefusal;

	private @Nullable Instant coolDownUntil;

	private int consecutiveRefusals;

	private volatile @Nullable SalesforceAuthenticationException lastFailure;

	private @Nullable Duration tokenTimeToLive;

	private Duration loginTimeout = Duration.ofSeconds(10);

	private int maxLoginAttempts = 3;

	private Duration initialBackoff = Duration.ofMillis(500);

	private Duration maxBackoff = Duration.ofSeconds(5);

	private Duration initialCoolDown = Duration.ofSeconds(1);

	private Duration maxCoolDown = Duration.ofMinutes(1);

	private Clock clock = Clock.systemUTC();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private final AtomicLong sessionRenewals = new AtomicLong();

	/**
	 * Create a new manager.
	 * @param tokenClient performs the logins
	 */
	public SalesforceTokenManager(SalesforceTokenClient tokenClient) {
		Assert.notNull(tokenClient, "'tokenClient' must not be null");
		this.tokenClient = tokenClient;
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
						logger.debug("Salesforce session of " + expired + " ended; logging in again");
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
	 * Return the failure of the last login, if it failed.
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
				SalesforceAuthenticationException refusal = refusalInCoolDown();
				if (refusal != null) {
					observeCoolDown(refusal);
					return Mono.error(refusal);
				}
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
			.onErrorMap(SalesforceAuthenticationException.class, SalesforceAuthenticationException::forCaller);
	}

	private @Nullable SalesforceAuthenticationException refusalInCoolDown() {
		Instant until = this.coolDownUntil;
		SalesforceAuthenticationException refusal = this.lastRefusal;
		if (until == null || refusal == null) {
			return null;
		}
		Duration remaining = Duration.between(this.clock.instant(), until);
		if (remaining.isNegative() || remaining.isZero()) {
			return null;
		}
		return SalesforceAuthenticationException.coolingDown(refusal, remaining);
	}

	private void startLogin(CompletableFuture<SalesforceToken> login) {
		logger.debug("Logging in to Salesforce with the JWT bearer flow");
		try {
			Mono.defer(this::observedAttempt)
				.retryWhen(Retry.backoff(this.maxLoginAttempts - 1L, this.initialBackoff)
					.maxBackoff(this.maxBackoff)
					.jitter(0.5)
					.filter(SalesforceAuthenticationException::isTransient)
					.doBeforeRetry((signal) -> logger.warn("Salesforce login attempt " + (signal.totalRetries() + 1)
							+ " of " + this.maxLoginAttempts + " failed, trying again: " + signal.failure().getMessage()))
					.onRetryExhaustedThrow((spec, signal) -> signal.failure()))
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

	private Mono<SalesforceToken> observedAttempt() {
		Observation observation = Observation.createNotStarted(LOGIN_OBSERVATION, this.observationRegistry)
			.contextualName("salesforce jwt login")
			.start();
		return Mono.defer(this.tokenClient::requestToken)
			.switchIfEmpty(Mono.error(() -> new SalesforceAuthenticationException(
					"Salesforce login failed: the SalesforceTokenClient completed without a token", 0, null, null, null,
					false, null)))
			.timeout(this.loginTimeout)
			.onErrorMap(TimeoutException.class, (ex) -> new SalesforceAuthenticationException(
					"Salesforce token endpoint did not answer within " + this.loginTimeout.toMillis()
							+ " ms (salesforce.jwt.login.timeout)",
					0, null, null, null, true, ex))
			.doOnSuccess((token) -> observation.lowCardinalityKeyValue(OUTCOME, "success")
				.lowCardinalityKeyValue(ERROR_CODE, NONE))
			.doOnError((ex) -> {
				String error = (ex instanceof SalesforceAuthenticationException authentication
						&& authentication.getError() != null) ? authentication.getError() : NONE;
				observation.lowCardinalityKeyValue(OUTCOME, SalesforceAuthenticationException.isTransient(ex) ? "transient_failure" : "rejected")
					.lowCardinalityKeyValue(ERROR_CODE, error)
					.error(ex);
			})
			// Once, whatever ends the attempt: a retry cancels the attempt after its error
			.doFinally((signal) -> observation.stop())
			// The token request's own observation (http.client.requests) becomes a child
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation));
	}

	private void observeCoolDown(SalesforceAuthenticationException refusal) {
		Observation.createNotStarted(LOGIN_OBSERVATION, this.observationRegistry)
			.contextualName("salesforce jwt login")
			.lowCardinalityKeyValue(OUTCOME, "cool_down")
			.lowCardinalityKeyValue(ERROR_CODE, (refusal.getError() != null) ? refusal.getError() : NONE)
			.start()
			.stop();
	}

	private void loggedIn(CompletableFuture<SalesforceToken> login, SalesforceToken token) {
		synchronized (this.monitor) {
			this.current = new CurrentToken(token, this.clock.instant());
			this.consecutiveRefusals = 0;
			this.coolDownUntil = null;
			this.lastRefusal = null;
			this.lastFailure = null;
			if (this.pendingLogin == login) {
				this.pendingLogin = null;
			}
		}
		if (logger.isInfoEnabled()) {
			logger.info("Logged in to Salesforce: instance " + token.getInstanceUrl() + ", user " + token.getUserId()
					+ ", organization " + token.getOrganizationId());
		}
		login.complete(token);
	}

	private void loginFailed(CompletableFuture<SalesforceToken> login, Throwable ex) {
		SalesforceAuthenticationException failure = (ex instanceof SalesforceAuthenticationException authentication)
				? authentication : new SalesforceAuthenticationException(
						"Salesforce login failed: " + ex.getClass().getSimpleName(), 0, null, null, null, true, ex);
		synchronized (this.monitor) {
			this.lastFailure = failure;
			if (!failure.isTransient()) {
				this.consecutiveRefusals++;
				Duration coolDown = coolDown(this.consecutiveRefusals);
				this.coolDownUntil = this.clock.instant().plus(coolDown);
				this.lastRefusal = failure;
				logger.warn(coolDown.isZero() ? "Salesforce refused the login: " + failure.getMessage()
						: "Salesforce refused the login; not asking again for " + coolDown.toMillis() + " ms: "
								+ failure.getMessage());
			}
			else {
				logger.warn("Salesforce login failed: " + failure.getMessage());
			}
			if (this.pendingLogin == login) {
				this.pendingLogin = null;
			}
		}
		login.completeExceptionally(failure);
	}

	private Duration coolDown(int refusals) {
		Duration coolDown = this.initialCoolDown;
		for (int i = 1; i < refusals && coolDown.compareTo(this.maxCoolDown) < 0; i++) {
			coolDown = coolDown.multipliedBy(2);
		}
		return (coolDown.compareTo(this.maxCoolDown) > 0) ? this.maxCoolDown : coolDown;
	}

	/**
	 * Set how long a token is used before a new one is obtained, whether or not Salesforce
	 * has ended its session. {@code null} (the default) uses a token until Salesforce
	 * refuses it.
	 * @param tokenTimeToLive the time to live, or {@code null}
	 */
	public void setTokenTimeToLive(@Nullable Duration tokenTimeToLive) {
		Assert.isTrue(tokenTimeToLive == null || isPositive(tokenTimeToLive), "'tokenTimeToLive' must be positive");
		this.tokenTimeToLive = tokenTimeToLive;
	}

	/**
	 * Set how long one token request may take before it counts as a transient failure.
	 * @param loginTimeout the timeout of one token request
	 */
	public void setLoginTimeout(Duration loginTimeout) {
		Assert.isTrue(isPositive(loginTimeout), "'loginTimeout' must be positive");
		this.loginTimeout = loginTimeout;
	}

	/**
	 * Set how many token requests one login makes at most when they fail transiently.
	 * @param maxLoginAttempts the number of attempts, at least 1
	 */
	public void setMaxLoginAttempts(int maxLoginAttempts) {
		Assert.isTrue(maxLoginAttempts >= 1, "'maxLoginAttempts' must be at least 1");
		this.maxLoginAttempts = maxLoginAttempts;
	}

	/**
	 * Set the backoff between attempts: the first wait, doubled for each further attempt
	 * up to the maximum, with jitter.
	 * @param initialBackoff the first wait
	 * @param maxBackoff the longest wait
	 */
	public void setLoginBackoff(Duration initialBackoff, Duration maxBackoff) {
		Assert.isTrue(isPositive(initialBackoff), "'initialBackoff' must be positive");
		Assert.isTrue(maxBackoff.compareTo(initialBackoff) >= 0, "'maxBackoff' must not be less than 'initialBackoff'");
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Set the cool-down after Salesforce refuses a login: the first, doubled for each
	 * further consecutive refusal up to the maximum; a successful login resets it.
	 * @param initialCoolDown the first cool-down
	 * @param maxCoolDown the longest cool-down
	 */
	public void setCoolDown(Duration initialCoolDown, Duration maxCoolDown) {
		Assert.isTrue(!initialCoolDown.isNegative(), "'initialCoolDown' must not be negative");
		Assert.isTrue(maxCoolDown.compareTo(initialCoolDown) >= 0,
				"'maxCoolDown' must not be less than 'initialCoolDown'");
		this.initialCoolDown = initialCoolDown;
		this.maxCoolDown = maxCoolDown;
	}

	/**
	 * Set the registry that observes each login.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Set the clock used for the time to live and the cool-down.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	private record CurrentToken(SalesforceToken token, Instant obtainedAt) {

	}

}
