package io.github.salesforcejwt.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Whether this instance can use Redis at the moment, shared by every session's store and
 * budget: one WARN when it can no longer (not one per call, nor per session), one INFO
 * when it can again.
 * <p>
 * Only a command started after an outage was noticed ends it: one that was sent just
 * before Redis stopped may answer after the first failure, and must not make the next
 * failure warn again. Likewise a command sent during an outage that fails after a later
 * command ended it starts no new one.
 *
 * @author salesforce-jwt
 */
final class RedisAvailability {

	private static final Log logger = LogFactory.getLog(RedisAvailability.class);

	private final Clock clock;

	private final AtomicReference<@Nullable Outage> outage = new AtomicReference<>();

	private final AtomicLong commands = new AtomicLong();

	/**
	 * The command that ended the last outage.
	 */
	private volatile long endedBy;

	RedisAvailability(Clock clock) {
		this.clock = clock;
	}

	/**
	 * A command is about to be sent.
	 * @return its number, for {@link #succeeded(long)}
	 */
	long commandStarted() {
		return this.commands.incrementAndGet();
	}

	/**
	 * A command answered.
	 * @param command its number, from {@link #commandStarted()}
	 */
	void succeeded(long command) {
		Outage ended = this.outage.get();
		if (ended != null && command > ended.lastCommandBefore() && this.outage.compareAndSet(ended, null)) {
			this.endedBy = command;
			logger.info("Redis answers again: Salesforce sessions and logins are shared through it again (it could "
					+ "not be used since " + ended.since() + ")");
		}
	}

	/**
	 * A command failed or did not answer in time.
	 * @param command its number, from {@link #commandStarted()}
	 * @param failure why
	 */
	void failed(long command, Throwable failure) {
		if (command < this.endedBy) {
			// Sent during the outage that a later command ended: no news
			return;
		}
		Outage outage = new Outage(describe(failure), this.clock.instant(), this.commands.get());
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

	/**
	 * Redis could not be used since the given time; commands up to the given number were
	 * sent before that was known.
	 */
	private record Outage(String reason, Instant since, long lastCommandBefore) {

	}

}
