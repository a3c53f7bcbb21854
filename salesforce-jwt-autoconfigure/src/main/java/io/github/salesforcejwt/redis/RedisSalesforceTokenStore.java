package io.github.salesforcejwt.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.salesforcejwt.SalesforceToken;
import io.github.salesforcejwt.SalesforceTokenStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link SalesforceTokenStore} of one session in Redis, shared by every instance of the
 * application.
 * <ul>
 * <li>An instance that has no token it can use reads the store first, and takes the token
 * there if it is newer than the one it replaces (or, at a cold start, if there is one): no
 * login.</li>
 * <li>Otherwise it takes a short lock ({@code SET NX PX}, expiring after the login
 * timeout, so that a holder that crashed never blocks the fleet), reads the store once more,
 * logs in, and stores the token only if the store still holds what it read (a
 * compare-and-set in a Lua script), then releases the lock.</li>
 * <li>The others wait for the stored token, reading the store and trying the lock every
 * 50 ms. When the holder crashed, its lock expires and one of them takes it. One holder is
 * waited for at most the login timeout; then they log in themselves.</li>
 * <li>When Redis fails or does not answer in time, the instance logs in on its own, as
 * without a store, and tries Redis again the next time it needs a token.</li>
 * </ul>
 * The value is {@code <fingerprint>:<token>}: an HMAC of the access token, then the token
 * encrypted (see {@link SalesforceRedis}). It expires after a day without a new login.
 *
 * @author salesforce-jwt
 */
final class RedisSalesforceTokenStore implements SalesforceTokenStore {

	private static final Log logger = LogFactory.getLog(RedisSalesforceTokenStore.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private static final Duration TOKEN_EXPIRY = Duration.ofDays(1);

	private static final int FINGERPRINT_LENGTH = 64;

	/**
	 * Store the token only if the store still holds the expected fingerprint ('' for no
	 * token).
	 */
	private static final RedisScript<Long> COMPARE_AND_SET = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			local fingerprint = current and string.sub(current, 1, %d) or ''
			if fingerprint ~= ARGV[1] then
				return 0
			end
			redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
			return 1
			""".formatted(FINGERPRINT_LENGTH), Long.class);

	/**
	 * Take the lock if it is free; answer who holds it.
	 */
	private static final RedisScript<String> LOCK = RedisScript.of("""
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
				return ARGV[1]
			end
			return redis.call('GET', KEYS[1]) or ''
			""", String.class);

	/**
	 * How much longer than the login timeout one holder is waited for: its lock expires
	 * after the login timeout, and a waiter should see that rather than log in beside it.
	 */
	private static final Duration WAIT_MARGIN = POLL_INTERVAL.multipliedBy(4);

	private static final RedisScript<Long> UNLOCK = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
				return redis.call('DEL', KEYS[1])
			end
			return 0
			""", Long.class);

	private final SalesforceRedis redis;

	private final String tokenKey;

	private final String lockKey;

	private final String description;

	private final Duration loginTimeout;

	private final AtomicBoolean unreadableLogged = new AtomicBoolean();

	RedisSalesforceTokenStore(SalesforceRedis redis, String sessionKey, String description, Duration loginTimeout) {
		this.redis = redis;
		this.tokenKey = sessionKey + ":token";
		this.lockKey = sessionKey + ":lock";
		this.description = description;
		this.loginTimeout = loginTimeout;
	}

	@Override
	public Mono<SalesforceToken> obtainToken(@Nullable SalesforceToken replaced, Mono<SalesforceToken> login) {
		// Only a failed Redis command falls back to a login of this instance's own: a failed
		// login is never a RedisCommandFailure, and no command fails after the login began
		return attempt(replaced, login, null).onErrorResume(RedisCommandFailure.class, (ex) -> login);
	}

	private Mono<SalesforceToken> attempt(@Nullable SalesforceToken replaced, Mono<SalesforceToken> login,
			@Nullable Holder waitedFor) {
		return read().flatMap((stored) -> {
			if (stored.isNewerThan(replaced)) {
				return Mono.just(stored.token());
			}
			String owner = UUID.randomUUID().toString();
			return lock(owner).flatMap((holder) -> {
				if (holder.equals(owner)) {
					return underLock(owner, replaced, login);
				}
				Instant now = this.redis.clock().instant();
				Holder waiting = (waitedFor != null && waitedFor.owner().equals(holder)) ? waitedFor
						: new Holder(holder, now);
				if (now.isAfter(waiting.since().plus(this.loginTimeout).plus(WAIT_MARGIN))) {
					logger.debug("Salesforce " + this.description + ": no token stored within the login timeout; "
							+ "logging in without the lock");
					return logInAndStore(stored, login);
				}
				return Mono.delay(POLL_INTERVAL).then(Mono.defer(() -> attempt(replaced, login, waiting)));
			});
		});
	}

	private Mono<SalesforceToken> underLock(String owner, @Nullable SalesforceToken replaced,
			Mono<SalesforceToken> login) {
		// Another instance may have stored a token between the first read and the lock
		return read().flatMap((stored) -> stored.isNewerThan(replaced) ? Mono.just(stored.token())
				: logInAndStore(stored, login))
			.flatMap((token) -> unlock(owner).thenReturn(token))
			.onErrorResume((ex) -> !(ex instanceof RedisCommandFailure), (ex) -> unlock(owner).then(Mono.error(ex)));
	}

	private Mono<SalesforceToken> logInAndStore(Stored read, Mono<SalesforceToken> login) {
		return login.flatMap((token) -> store(read, token).thenReturn(token));
	}

	private Mono<Stored> read() {
		return this.redis.command(this.redis.redis().opsForValue().get(this.tokenKey))
			.map(this::parse)
			.defaultIfEmpty(Stored.NONE);
	}

	private Stored parse(String value) {
		if (value.length() <= FINGERPRINT_LENGTH || value.charAt(FINGERPRINT_LENGTH) != ':') {
			return new Stored(value.substring(0, Math.min(FINGERPRINT_LENGTH, value.length())), null);
		}
		String fingerprint = value.substring(0, FINGERPRINT_LENGTH);
		try {
			return new Stored(fingerprint, this.redis.codec().decode(value.substring(FINGERPRINT_LENGTH + 1)));
		}
		catch (IllegalArgumentException ex) {
			if (this.unreadableLogged.compareAndSet(false, true)) {
				// Instances with another secret use other keys: this is a damaged or foreign value
				logger.warn("Salesforce " + this.description + ": the token in Redis cannot be used: "
						+ ex.getMessage() + "; this instance logs in and stores its own");
			}
			return new Stored(fingerprint, null);
		}
	}

	/**
	 * Store a token obtained by a login, unless the store no longer holds what was read.
	 * Never fails: the login happened, and its token is used whatever Redis does.
	 */
	private Mono<Void> store(Stored read, SalesforceToken token) {
		String value = this.redis.codec().fingerprint(token) + ":" + this.redis.codec().encode(token);
		return this.redis
			.command(this.redis.redis()
				.execute(COMPARE_AND_SET, List.of(this.tokenKey),
						List.of(read.fingerprint(), value, Long.toString(TOKEN_EXPIRY.toMillis())))
				.next())
			.doOnNext((stored) -> {
				if (stored == 0 && logger.isDebugEnabled()) {
					logger.debug("Salesforce " + this.description + ": another instance stored a token meanwhile; "
							+ "keeping it in the store");
				}
			})
			.onErrorResume(RedisCommandFailure.class, (ex) -> Mono.empty())
			.then();
	}

	/**
	 * Take the lock if it is free, expiring after the login timeout; answer its holder.
	 */
	private Mono<String> lock(String owner) {
		return this.redis
			.command(this.redis.redis()
				.execute(LOCK, List.of(this.lockKey), List.of(owner, Long.toString(this.loginTimeout.toMillis())))
				.next())
			.defaultIfEmpty("");
	}

	/**
	 * Release the lock if this instance still holds it. Never fails: the lock expires.
	 */
	private Mono<Void> unlock(String owner) {
		return this.redis.command(this.redis.redis().execute(UNLOCK, List.of(this.lockKey), List.of(owner)).next())
			.onErrorResume(RedisCommandFailure.class, (ex) -> Mono.empty())
			.then();
	}

	@Override
	public String getType() {
		return "redis";
	}

	@Override
	public @Nullable String getUnavailableReason() {
		return this.redis.getUnavailableReason();
	}

	@Override
	public String toString() {
		return "RedisSalesforceTokenStore[" + this.description + "]";
	}

	/**
	 * The holder of the lock this instance waits on, and since when it waits on it.
	 */
	private record Holder(String owner, Instant since) {

	}

	/**
	 * What the store holds: the fingerprint ('' for nothing) and the token, {@code null}
	 * when there is none or it cannot be read.
	 */
	private record Stored(String fingerprint, @Nullable SalesforceToken token) {

		static final Stored NONE = new Stored("", null);

		/**
		 * Whether the stored token may be used in place of the replaced one: another token,
		 * not older than it.
		 */
		boolean isNewerThan(@Nullable SalesforceToken replaced) {
			SalesforceToken token = this.token;
			if (token == null) {
				return false;
			}
			return replaced == null || (!token.getAccessToken().equals(replaced.getAccessToken())
					&& !token.getIssuedAt().isBefore(replaced.getIssuedAt()));
		}

	}

}
