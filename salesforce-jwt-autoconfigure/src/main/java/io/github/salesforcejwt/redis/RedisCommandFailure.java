package io.github.salesforcejwt.redis;

/**
 * A Redis command failed or did not answer in time: the caller carries on without Redis.
 * Never anything else (a failed login is never one).
 *
 * @author salesforce-jwt
 */
final class RedisCommandFailure extends RuntimeException {

	RedisCommandFailure(Throwable cause) {
		super("Redis command failed", cause, false, false);
	}

}
