package io.github.salesforcejwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The pause of a session's renewals after its API refused the token of a new login: a 401
 * {@code INVALID_SESSION_ID} that a new login does not cure. The pause doubles with each
 * consecutive refusal, up to a maximum; a request that succeeds ends it and resets it.
 *
 * @author salesforce-jwt
 */
final class SessionRefusals {

	private static final Log logger = LogFactory.getLog(SessionRefusals.class);

	private final String session;

	private final Object monitor = new Object();

	private Duration initialPause = Duration.ofSeconds(1);

	private Duration maxPause = Duration.ofMinutes(1);

	private volatile boolean active;

	private @Nullable SalesforceToken refusedToken;

	private @Nullable SalesforceSessionRefusedException refusal;

	private @Nullable Instant pausedUntil;

	private int consecutive;

	SessionRefusals(String session) {
		this.session = session;
	}

	void setPause(Duration initialPause, Duration maxPause) {
		Assert.notNull(initialPause, "'initialPause' must not be null");
		Assert.notNull(maxPause, "'maxPause' must not be null");
		Assert.isTrue(!initialPause.isNegative(), "'initialPause' must not be negative");
		Assert.isTrue(maxPause.compareTo(initialPause) >= 0, "'maxPause' must not be less than 'initialPause'");
		this.initialPause = initialPause;
		this.maxPause = maxPause;
	}

	/**
	 * The API refused the token of a new login: pause renewals of it.
	 * @return the error to fail the request with
	 */
	SalesforceSessionRefusedException refused(SalesforceToken token, @Nullable String message, Clock clock) {
		Duration pause;
		SalesforceSessionRefusedException refusal;
		synchronized (this.monitor) {
			SalesforceSessionRefusedException paused = pausing(token, clock);
			if (paused != null) {
				// Concurrent requests with the same token: one refusal, not one per request
				return paused;
			}
			this.consecutive++;
			pause = pause(this.consecutive);
			refusal = SalesforceSessionRefusedException.refused(this.session, message, pause);
			this.refusedToken = token;
			this.refusal = refusal;
			this.pausedUntil = clock.instant().plus(pause);
			this.active = true;
		}
		logger.warn(refusal.getMessage());
		return refusal;
	}

	/**
	 * Return the error to fail a renewal of the given token with while its renewals are
	 * paused, or {@code null} if they are not.
	 */
	@Nullable SalesforceSessionRefusedException pausing(SalesforceToken token, Clock clock) {
		if (!this.active) {
			return null;
		}
		synchronized (this.monitor) {
			Instant until = this.pausedUntil;
			SalesforceSessionRefusedException refusal = this.refusal;
			if (until == null || refusal == null || this.refusedToken != token) {
				return null;
			}
			Duration remaining = Duration.between(clock.instant(), until);
			if (remaining.isNegative() || remaining.isZero()) {
				return null;
			}
			return refusal.pausing(remaining);
		}
	}

	/**
	 * A request succeeded: the API accepts the session again.
	 */
	void accepted() {
		if (!this.active) {
			return;
		}
		synchronized (this.monitor) {
			this.active = false;
			this.consecutive = 0;
			this.refusedToken = null;
			this.refusal = null;
			this.pausedUntil = null;
		}
		logger.info("Salesforce " + this.session + ": the API accepts the session again");
	}

	private Duration pause(int refusals) {
		Duration pause = this.initialPause;
		for (int i = 1; i < refusals && pause.compareTo(this.maxPause) < 0; i++) {
			pause = pause.multipliedBy(2);
		}
		return (pause.compareTo(this.maxPause) > 0) ? this.maxPause : pause;
	}

}
