package io.github.salesforcejwt;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * How many logins a session may make in a sliding hour, so that neither a bug nor a fleet
 * of instances uses up Salesforce's own limit (about 3,600 logins per user per hour, past
 * which the user cannot log in at all for a while).
 * <p>
 * The {@link SalesforceTokenManager} asks the budget before each login it makes (not
 * before taking a token another instance stored): at the maximum, the login fails at once
 * with a {@link SalesforceLoginBudgetExceededException} and Salesforce is not asked.
 *
 * @author salesforce-jwt
 * @see InMemorySalesforceLoginBudget
 */
public interface SalesforceLoginBudget {

	/**
	 * The window logins are counted in: Salesforce counts logins per hour.
	 */
	Duration WINDOW = Duration.ofHours(1);

	/**
	 * Count a login about to be made, or refuse it.
	 * @return a {@link Mono} that completes when the login may be made, and fails with a
	 * {@link SalesforceLoginBudgetExceededException} when the logins of the last hour
	 * reached the maximum
	 */
	Mono<Void> acquire();

	/**
	 * Return the number of logins counted in the last hour, as this instance last knew it,
	 * without asking anyone.
	 * @return the number of logins
	 */
	int getLoginsInLastHour();

	/**
	 * Return the most logins allowed in an hour.
	 * @return the maximum
	 */
	int getMaxPerHour();

	/**
	 * Return how many more logins are allowed now, as this instance last knew it.
	 * @return the logins left, never negative
	 */
	default int getRemaining() {
		return Math.max(0, getMaxPerHour() - getLoginsInLastHour());
	}

	/**
	 * Count the logins of the last hour again, where they are kept (a budget shared by a
	 * fleet reads the shared count).
	 * @return the number of logins in the last hour
	 */
	default Mono<Integer> count() {
		return Mono.fromSupplier(this::getLoginsInLastHour);
	}

}
