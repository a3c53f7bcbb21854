package io.github.salesforcejwt;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The token a {@link SalesforceTokenManager} hands out, and the one login at a time that
 * replaces it.
 * <p>
 * However many callers find no fresh token at the same moment, one login serves them all:
 * the first starts it and the others wait for the same token. A caller that cancels stops
 * only its own wait: the login goes on for the others, and its token is kept for the next
 * caller. Each caller gets a failure of the login as an exception of its own (see
 * {@link SalesforceAuthenticationException#forCaller(String)}).
 * <p>
 * A login replaces a token: the one reported as refused (see {@link #replace}), or the one
 * older than the manager's time to live. That token is handed to the token store, which
 * must not answer it again, until a login succeeds.
 * <p>
 * A login's outcome is recorded under this class's lock, in the same step as the token
 * and the login in flight change; it is logged once the lock is released, and only then
 * are the waiting callers released.
 *
 * @author salesforce-jwt
 */
final class SharedLogin {

	private final Object monitor = new Object();

	private final SessionLogins logins;

	private final @Nullable String description;

	private final Supplier<Instant> now;

	private final Predicate<Instant> fresh;

	private volatile @Nullable CurrentToken current;

	private @Nullable CompletableFuture<SalesforceToken> pending;

	/**
	 * The token the next login replaces, for the token store: the one Salesforce refused,
	 * or the one older than the time to live.
	 */
	private @Nullable SalesforceToken replaced;

	/**
	 * Create a new instance.
	 * @param logins where the tokens come from
	 * @param description what the session is, for the callers' exceptions, or {@code null}
	 * @param now the time a token is obtained at
	 * @param fresh whether a token obtained at the given time is still handed out
	 */
	SharedLogin(SessionLogins logins, @Nullable String description, Supplier<Instant> now, Predicate<Instant> fresh) {
		this.logins = logins;
		this.description = description;
		this.now = now;
		this.fresh = fresh;
	}

	/**
	 * Return the fresh token, or else the token of the login in flight, starting one if
	 * there is none.
	 * @return the token; fails with {@link SalesforceAuthenticationException} if the login
	 * fails
	 */
	Mono<SalesforceToken> token() {
		return Mono.defer(() -> {
			SalesforceToken token = freshToken();
			return (token != null) ? Mono.just(token) : join();
		});
	}

	/**
	 * Return the token of the last login if it is still handed out.
	 * @return the fresh token, or {@code null}
	 */
	@Nullable SalesforceToken freshToken() {
		CurrentToken current = this.current;
		return (current != null && this.fresh.test(current.obtainedAt())) ? current.token() : null;
	}

	/**
	 * Return the token of the last login, fresh or not.
	 * @return the token, or {@code null} if there is none or it was replaced
	 */
	@Nullable SalesforceToken currentToken() {
		CurrentToken current = this.current;
		return (current != null) ? current.token() : null;
	}

	/**
	 * Stop handing out the given token if it is the current one: the next login replaces
	 * it.
	 * @param token the token Salesforce refused
	 * @return whether it was the current token
	 */
	boolean replace(SalesforceToken token) {
		synchronized (this.monitor) {
			CurrentToken current = this.current;
			if (current == null || current.token() != token) {
				return false;
			}
			this.current = null;
			this.replaced = token;
			return true;
		}
	}

	private Mono<SalesforceToken> join() {
		CompletableFuture<SalesforceToken> login;
		@Nullable SalesforceToken replaced;
		boolean start = false;
		synchronized (this.monitor) {
			SalesforceToken fresh = freshToken();
			if (fresh != null) {
				return Mono.just(fresh);
			}
			CurrentToken current = this.current;
			if (this.pending == null) {
				this.pending = new CompletableFuture<>();
				start = true;
				if (current != null) {
					// Older than the time to live: the store must not answer it again
					this.replaced = current.token();
				}
			}
			login = this.pending;
			replaced = this.replaced;
		}
		if (start) {
			start(login, replaced);
		}
		// Each caller may cancel its own wait; the login itself goes on for the others
		return Mono.fromFuture(login, true)
			.onErrorMap(SalesforceAuthenticationException.class, (ex) -> ex.forCaller(this.description));
	}

	private void start(CompletableFuture<SalesforceToken> login, @Nullable SalesforceToken replaced) {
		try {
			this.logins.obtainToken(replaced)
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
			this.current = new CurrentToken(token, this.now.get());
			this.logins.recordSuccess();
			this.replaced = null;
			if (this.pending == login) {
				this.pending = null;
			}
		}
		this.logins.logSuccess(token);
		login.complete(token);
	}

	private void loginFailed(CompletableFuture<SalesforceToken> login, Throwable ex) {
		SalesforceAuthenticationException failure = SessionLogins.failureOf(ex);
		SalesforceAuthenticationException previous;
		synchronized (this.monitor) {
			previous = this.logins.recordFailure(failure);
			if (this.pending == login) {
				this.pending = null;
			}
		}
		this.logins.logFailure(failure, previous);
		login.completeExceptionally(failure);
	}

	private record CurrentToken(SalesforceToken token, Instant obtainedAt) {

	}

}
