package io.github.salesforcejwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.salesforcejwt.SalesforceLoginObservationContext.Outcome;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * {@link SalesforceTokenClient} that stops asking Salesforce for a while after it refuses
 * a login (a failure that is not {@linkplain SalesforceAuthenticationException#isTransient(Throwable)
 * transient}, such as {@code invalid_grant}), so that a misconfigured application under
 * load does not use up the user's hourly login allowance.
 * <p>
 * During the cool-down, each token request fails at once with the same error and its fix
 * ({@link SalesforceAuthenticationException#coolingDown}) and is observed as a
 * {@link SalesforceObservationDocumentation#LOGIN login observation} with the outcome
 * {@code cool_down}. The cool-down doubles with each consecutive refusal up to a maximum;
 * a successful login resets it. Transient failures neither start nor reset it.
 *
 * @author salesforce-jwt
 * @see SalesforceTokenClients#resilient
 */
public final class CoolingDownSalesforceTokenClient implements SalesforceTokenClient {

	private static final Log logger = LogFactory.getLog(CoolingDownSalesforceTokenClient.class);

	private final SalesforceTokenClient delegate;

	private final Duration initialCoolDown;

	private final Duration maxCoolDown;

	private final Clock clock;

	private final SalesforceLoginObservations observations;

	private final Object monitor = new Object();

	private @Nullable SalesforceAuthenticationException lastRefusal;

	private @Nullable Instant coolDownUntil;

	private int consecutiveRefusals;

	/**
	 * Create a new client.
	 * @param delegate the client that makes the token requests
	 * @param initialCoolDown the cool-down after a first refusal ({@link Duration#ZERO}
	 * for none)
	 * @param maxCoolDown the longest cool-down
	 * @param clock the clock that times the cool-down
	 * @param registry the registry that observes requests refused during a cool-down
	 * @param customConvention the convention for those observations, or {@code null} for
	 * the {@link DefaultSalesforceLoginObservationConvention}
	 * @param org the name of the org, for the observations and the log
	 */
	public CoolingDownSalesforceTokenClient(SalesforceTokenClient delegate, Duration initialCoolDown,
			Duration maxCoolDown, Clock clock, ObservationRegistry registry,
			@Nullable SalesforceLoginObservationConvention customConvention, String org) {
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.notNull(initialCoolDown, "'initialCoolDown' must not be null");
		Assert.notNull(maxCoolDown, "'maxCoolDown' must not be null");
		Assert.isTrue(!initialCoolDown.isNegative(), "'initialCoolDown' must not be negative");
		Assert.isTrue(maxCoolDown.compareTo(initialCoolDown) >= 0,
				"'maxCoolDown' must not be less than 'initialCoolDown'");
		Assert.notNull(clock, "'clock' must not be null");
		this.delegate = delegate;
		this.initialCoolDown = initialCoolDown;
		this.maxCoolDown = maxCoolDown;
		this.clock = clock;
		this.observations = new SalesforceLoginObservations(registry, customConvention, org);
	}

	@Override
	public Mono<SalesforceToken> requestToken() {
		return Mono.defer(() -> {
			SalesforceAuthenticationException refusal = refusalInCoolDown();
			if (refusal != null) {
				observeCoolDown(refusal);
				return Mono.error(refusal);
			}
			return SalesforceTokenClients.requireToken(this.delegate)
				.doOnSuccess((token) -> loggedIn())
				.doOnError(this::failed);
		});
	}

	private @Nullable SalesforceAuthenticationException refusalInCoolDown() {
		synchronized (this.monitor) {
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
	}

	private void observeCoolDown(SalesforceAuthenticationException refusal) {
		SalesforceLoginObservationContext context = this.observations.newContext();
		context.setOutcome(Outcome.COOL_DOWN);
		context.setFailure(refusal);
		this.observations.create(context).start().stop();
	}

	private void loggedIn() {
		synchronized (this.monitor) {
			this.consecutiveRefusals = 0;
			this.coolDownUntil = null;
			this.lastRefusal = null;
		}
	}

	private void failed(Throwable ex) {
		if (SalesforceAuthenticationException.isTransient(ex)) {
			return;
		}
		SalesforceAuthenticationException refusal = (SalesforceAuthenticationException) ex;
		Duration coolDown;
		synchronized (this.monitor) {
			this.consecutiveRefusals++;
			coolDown = coolDown(this.consecutiveRefusals);
			this.coolDownUntil = this.clock.instant().plus(coolDown);
			this.lastRefusal = refusal;
		}
		if (!coolDown.isZero()) {
			logger.warn("Salesforce refused the login for org '" + this.observations.org() + "'; not asking again for "
					+ coolDown.toMillis() + " ms");
		}
	}

	private Duration coolDown(int refusals) {
		Duration coolDown = this.initialCoolDown;
		for (int i = 1; i < refusals && coolDown.compareTo(this.maxCoolDown) < 0; i++) {
			coolDown = coolDown.multipliedBy(2);
		}
		return (coolDown.compareTo(this.maxCoolDown) > 0) ? this.maxCoolDown : coolDown;
	}

	@Override
	public String toString() {
		return "CoolingDownSalesforceTokenClient[org=" + this.observations.org() + ", delegate=" + this.delegate + "]";
	}

}
