package io.github.salesforcejwt.redis;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.github.salesforcejwt.InMemorySalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceLoginBudgetExceededException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link SalesforceLoginBudget} of one session counted across the fleet in Redis: a
 * sorted set of the logins of the last hour, timed by Redis's clock, checked and added to
 * in one Lua script so that two instances never both take the last login.
 * <p>
 * While Redis cannot be used, the instance counts its own logins (which it always does as
 * well), so that the budget still holds for it alone. Once the budget is used up, logins
 * fail without asking Redis until the oldest one leaves the hour: logins only ever join
 * the window before that.
 *
 * @author salesforce-jwt
 */
final class RedisSalesforceLoginBudget implements SalesforceLoginBudget {

	/**
	 * Drop the logins older than the window; with a member, add it if the count is under
	 * the maximum. Answers 'allowed,now,score,score,...' in milliseconds of Redis's clock.
	 */
	private static final RedisScript<String> COUNT = RedisScript.of("""
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			local window = tonumber(ARGV[2])
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
			local allowed = 0
			if ARGV[3] ~= '' and redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
				redis.call('ZADD', KEYS[1], now, ARGV[3])
				redis.call('PEXPIRE', KEYS[1], window)
				allowed = 1
			end
			local scores = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
			local parts = { tostring(allowed), string.format('%d', now) }
			for i = 2, #scores, 2 do
				parts[#parts + 1] = scores[i]
			end
			return table.concat(parts, ',')
			""", String.class);

	private final SalesforceRedis redis;

	private final String key;

	private final int maxPerHour;

	private final String description;

	private final String property;

	private final InMemorySalesforceLoginBudget own;

	private final AtomicLong logins = new AtomicLong();

	private final Object monitor = new Object();

	/**
	 * The logins of the last hour as Redis last answered, in this instance's clock.
	 */
	private long[] counted = new long[0];

	private @Nullable Instant usedUpUntil;

	RedisSalesforceLoginBudget(SalesforceRedis redis, String key, int maxPerHour, String description,
			String property) {
		this.redis = redis;
		this.key = key;
		this.maxPerHour = maxPerHour;
		this.description = description;
		this.property = property;
		this.own = new InMemorySalesforceLoginBudget(maxPerHour, description, property, redis.clock());
	}

	@Override
	public Mono<Void> acquire() {
		return Mono.defer(() -> {
			SalesforceLoginBudgetExceededException usedUp = stillUsedUp();
			if (usedUp != null) {
				return Mono.error(usedUp);
			}
			String member = UUID.randomUUID() + "-" + this.logins.incrementAndGet();
			return countInRedis(member).flatMap((allowed) -> {
				if (!allowed) {
					return Mono.error(usedUp());
				}
				// Counted in Redis; counted here too, for the time Redis cannot be used
				return this.own.acquire().onErrorResume(SalesforceLoginBudgetExceededException.class,
						(ex) -> Mono.empty());
			}).onErrorResume(RedisCommandFailure.class, (ex) -> this.own.acquire());
		});
	}

	@Override
	public Mono<Integer> count() {
		return countInRedis("").map((allowed) -> getLoginsInLastHour())
			.onErrorResume(RedisCommandFailure.class, (ex) -> Mono.just(getLoginsInLastHour()));
	}

	@Override
	public int getLoginsInLastHour() {
		long start = this.redis.clock().millis() - WINDOW.toMillis();
		int count = 0;
		synchronized (this.monitor) {
			for (long login : this.counted) {
				if (login > start) {
					count++;
				}
			}
		}
		return Math.max(count, this.own.getLoginsInLastHour());
	}

	@Override
	public int getMaxPerHour() {
		return this.maxPerHour;
	}

	private Mono<Boolean> countInRedis(String member) {
		List<String> args = List.of(Integer.toString(this.maxPerHour), Long.toString(WINDOW.toMillis()), member);
		return this.redis.command(this.redis.redis().execute(COUNT, List.of(this.key), args).next())
			.map(this::counted);
	}

	private boolean counted(String answer) {
		String[] parts = answer.split(",");
		long offset = this.redis.clock().millis() - Long.parseLong(parts[1]);
		long[] logins = new long[parts.length - 2];
		for (int i = 2; i < parts.length; i++) {
			logins[i - 2] = (long) Double.parseDouble(parts[i]) + offset;
		}
		synchronized (this.monitor) {
			this.counted = logins;
		}
		return "1".equals(parts[0]);
	}

	private SalesforceLoginBudgetExceededException usedUp() {
		Instant now = this.redis.clock().instant();
		Instant resumesAt;
		int count;
		synchronized (this.monitor) {
			count = this.counted.length;
			resumesAt = (count > 0) ? Instant.ofEpochMilli(this.counted[0]).plus(WINDOW) : now;
			this.usedUpUntil = resumesAt;
		}
		return new SalesforceLoginBudgetExceededException(this.description, this.property, count, this.maxPerHour,
				resumesAt, now);
	}

	private @Nullable SalesforceLoginBudgetExceededException stillUsedUp() {
		Instant now = this.redis.clock().instant();
		synchronized (this.monitor) {
			Instant until = this.usedUpUntil;
			if (until == null || !now.isBefore(until)) {
				return null;
			}
			return new SalesforceLoginBudgetExceededException(this.description, this.property,
					getLoginsInLastHour(), this.maxPerHour, until, now);
		}
	}

	@Override
	public String toString() {
		return "RedisSalesforceLoginBudget[" + this.description + ", maxPerHour=" + this.maxPerHour + "]";
	}

}
