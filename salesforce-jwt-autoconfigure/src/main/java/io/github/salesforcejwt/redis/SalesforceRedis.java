package io.github.salesforcejwt.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceTokenStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.util.Assert;

/**
 * The application's Redis as the Salesforce sessions of a fleet use it: the names of the
 * keys, the encryption of the tokens, the time a command may take, and whether Redis can
 * be used at the moment (one WARN when it cannot, shared by every session). Gives each
 * session its {@link RedisSalesforceTokenStore} and {@link RedisSalesforceLoginBudget}.
 * <p>
 * Keys are {@code <prefix><org>:<hash>:token}, {@code :lock} and {@code :logins}, where the
 * hash is an HMAC-SHA256 (keyed with the secret) of the token endpoint, the consumer key
 * and the username: instances of the same application share a session, two applications
 * with other connected apps do not, and no key shows a username.
 *
 * @author salesforce-jwt
 */
public final class SalesforceRedis {

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final StoredTokenCodec codec;

	private final Duration commandTimeout;

	private final Clock clock;

	private final RedisAvailability availability;

	/**
	 * Create a new instance.
	 * @param redis the application's Redis
	 * @param keyPrefix the prefix of every key
	 * @param secret the passphrase from which the encryption key is derived, or
	 * {@code null} when tokens are not encrypted
	 * @param encrypt whether to encrypt the tokens ({@code secret} is then required)
	 * @param commandTimeout how long one command may take before the instance carries on
	 * without Redis
	 * @param clock the clock
	 */
	public SalesforceRedis(ReactiveStringRedisTemplate redis, String keyPrefix, @Nullable String secret,
			boolean encrypt, Duration commandTimeout, Clock clock) {
		Assert.notNull(redis, "'redis' must not be null");
		Assert.notNull(keyPrefix, "'keyPrefix' must not be null");
		Assert.isTrue(!encrypt || (secret != null && !secret.isEmpty()), "'secret' is required to encrypt");
		Assert.isTrue(!commandTimeout.isNegative() && !commandTimeout.isZero(), "'commandTimeout' must be positive");
		Assert.notNull(clock, "'clock' must not be null");
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.codec = new StoredTokenCodec(secret, encrypt, keyPrefix);
		this.commandTimeout = commandTimeout;
		this.clock = clock;
		this.availability = new RedisAvailability(clock);
	}

	/**
	 * Return the token store of a session.
	 * @param org the org's name
	 * @param connectionDetails the connection as the session's user, or {@code null} when
	 * the application logs in with a token client of its own
	 * @param description what the session is, for the log, such as {@code org 'acme'}
	 * @param loginTimeout how long the lock of a login lasts at most, and how long other
	 * instances wait for its token before they log in themselves
	 * @return the store
	 */
	public SalesforceTokenStore tokenStore(String org, @Nullable SalesforceConnectionDetails connectionDetails,
			String description, Duration loginTimeout) {
		return new RedisSalesforceTokenStore(this, sessionKey(org, connectionDetails), description, loginTimeout);
	}

	/**
	 * Return the login budget of a session, counted across the fleet.
	 * @param org the org's name
	 * @param connectionDetails the connection as the session's user, or {@code null}
	 * @param maxPerHour the most logins in an hour
	 * @param description what the session is, for the error, such as {@code org 'acme'}
	 * @param property the property that sets the maximum, for the error
	 * @return the budget
	 */
	public SalesforceLoginBudget loginBudget(String org, @Nullable SalesforceConnectionDetails connectionDetails,
			int maxPerHour, String description, String property) {
		return new RedisSalesforceLoginBudget(this, sessionKey(org, connectionDetails) + ":logins", maxPerHour,
				description, property);
	}

	/**
	 * Return why Redis cannot be used at the moment, or {@code null} while it can.
	 * @return the reason, never a secret
	 */
	public @Nullable String getUnavailableReason() {
		return this.availability.getUnavailableReason();
	}

	/**
	 * Return whether tokens are encrypted.
	 * @return whether tokens are encrypted
	 */
	public boolean isEncrypted() {
		return this.codec.isEncrypted();
	}

	String sessionKey(String org, @Nullable SalesforceConnectionDetails connectionDetails) {
		String identity = (connectionDetails != null) ? connectionDetails.getTokenUri() + "\n"
				+ connectionDetails.getConsumerKey() + "\n" + connectionDetails.getUsername().toLowerCase(Locale.ROOT)
				: "";
		return this.keyPrefix + org + ":" + this.codec.hash("session", identity);
	}

	/**
	 * Run a command within the timeout; a failure or no answer in time becomes a
	 * {@link RedisCommandFailure} and marks Redis unavailable.
	 */
	<T> Mono<T> command(Mono<T> command) {
		return Mono.defer(() -> {
			long started = this.availability.commandStarted();
			return command.timeout(this.commandTimeout)
				.doOnSuccess((result) -> this.availability.succeeded(started))
				.onErrorMap((ex) -> !(ex instanceof RedisCommandFailure), RedisCommandFailure::new)
				.doOnError((ex) -> this.availability.failed(started, ex));
		});
	}

	ReactiveStringRedisTemplate redis() {
		return this.redis;
	}

	StoredTokenCodec codec() {
		return this.codec;
	}

	Clock clock() {
		return this.clock;
	}

	@Override
	public String toString() {
		return "SalesforceRedis[keyPrefix=" + this.keyPrefix + ", encrypted=" + isEncrypted() + "]";
	}

}
