package io.github.salesforcejwt.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Whether this instance can use Redis at the moment, shared by every session's store and
 * budget: one WARN when it can no longer (not one per call, nor per session), one INFO
 * when it can again.
 *
 * @author salesforce-jwt
 */
final class RedisAvailability {

	private static final Log logger = LogFactory.getLog(RedisAvailability.class);

	private final Clock clock;

	private final AtomicReference<@Nullable Outage> outage = new AtomicReference<>();

	RedisAvailability(Clock clock) {
		this.clock = clock;
	}

	/**
	 * A command answered.
	 */
	void succeeded() {
		Outage ended = this.outage.getAndSet(null);
		if (ended != null) {
			logger.info("Redis answers again: Salesforce sessions and logins are shared through it again (it could "
					+ "not be used since " + ended.since() + ")");
		}
	}

	/**
	 * A command failed or did not answer in time.
	 */
	void failed(Throwable failure) {
		Outage outage = new Outage(describe(failure), this.clock.instant());
		if (this.outage.compareAndSet(null, outage)) {
			logger.warn("Redis cannot be used (" + outage.reason() + "): this instance uses its own Salesforce "
					+ "sessions and counts its own logins until Redis answers again; API calls go on");
		}
	}

	/**
	 * Return why Redis cannot be used, or {@code null} while it can.
	 */
	@Nullable String getUnavailableReason() {
		Outage outage = this.outage.get();
		return (outage != null) ? outage.reason() + " since " + outage.since() : null;
	}

	private static String describe(Throwable failure) {
		Throwable cause = (failure instanceof RedisCommandFailure && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof TimeoutException) {
			return "no answer in time";
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + firstLine(message) : "");
	}

	private static String firstLine(String message) {
		int end = message.indexOf('\n');
		String line = (end >= 0) ? message.substring(0, end) : message;
		return (line.length() > 200) ? line.substring(0, 200) + "..." : line;
	}

	private record Outage(String reason, Instant since) {

	}

}
