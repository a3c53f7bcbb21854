package io.github.salesforcejwt;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * {@link SalesforceLoginBudget} of one instance on its own: the logins of the last hour
 * are counted in memory.
 *
 * @author salesforce-jwt
 */
public final class InMemorySalesforceLoginBudget implements SalesforceLoginBudget {

	private final int maxPerHour;

	private final String session;

	private final String property;

	private final Clock clock;

	private final Deque<Instant> logins = new ArrayDeque<>();

	/**
	 * Create a new budget.
	 * @param maxPerHour the most logins allowed in an hour, at least 1
	 * @param session what the session is, for the error, such as {@code org 'acme'}
	 * @param property the property that sets the maximum, for the error
	 * @param clock the clock
	 */
	public InMemorySalesforceLoginBudget(int maxPerHour, String session, String property, Clock clock) {
		Assert.isTrue(maxPerHour >= 1, "'maxPerHour' must be at least 1");
		Assert.hasText(session, "'session' must not be empty");
		Assert.hasText(property, "'property' must not be empty");
		Assert.notNull(clock, "'clock' must not be null");
		this.maxPerHour = maxPerHour;
		this.session = session;
		this.property = property;
		this.clock = clock;
	}

	@Override
	public Mono<Void> acquire() {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			synchronized (this.logins) {
				prune(now);
				if (this.logins.size() >= this.maxPerHour) {
					return Mono.error(new SalesforceLoginBudgetExceededException(this.session, this.property,
							this.logins.size(), this.maxPerHour, this.logins.peekFirst().plus(WINDOW), now));
				}
				this.logins.addLast(now);
				return Mono.empty();
			}
		});
	}

	@Override
	public int getLoginsInLastHour() {
		synchronized (this.logins) {
			prune(this.clock.instant());
			return this.logins.size();
		}
	}

	@Override
	public int getMaxPerHour() {
		return this.maxPerHour;
	}

	private void prune(Instant now) {
		Instant start = now.minus(WINDOW);
		while (!this.logins.isEmpty() && !this.logins.peekFirst().isAfter(start)) {
			this.logins.removeFirst();
		}
	}

	@Override
	public String toString() {
		return "InMemorySalesforceLoginBudget[session=" + this.session + ", maxPerHour=" + this.maxPerHour + "]";
	}

}
