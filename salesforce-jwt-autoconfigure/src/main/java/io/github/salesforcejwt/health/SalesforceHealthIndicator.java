package io.github.salesforcejwt.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.salesforcejwt.SalesforceAuthenticationException;
import io.github.salesforcejwt.SalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceToken;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.SalesforceTokenStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.util.Assert;

/**
 * Health of the Salesforce login, from what the {@link SalesforceTokenManager} already
 * knows:
 * <ul>
 * <li>UP with the instance URL, organization id, user id and token age while there is a
 * token;</li>
 * <li>DOWN with Salesforce's error, its description and the fix while logins fail;</li>
 * <li>UNKNOWN before the first login.</li>
 * </ul>
 * Each also shows the session's {@code logins}: those of the last hour, the most allowed
 * and the number left (see {@link SalesforceLoginBudget}); and, with a shared token store,
 * the {@code tokenStore}: its type, whether it can be used, and if not, why (the instance
 * then uses its own session).
 * A health check never causes a login storm: by default it never logs in. With a
 * {@code loginInterval}, it logs in itself when there is no token, at most once per
 * interval however often it is asked (and that login is shared with the application's
 * own, and subject to the cool-down of the manager's token client).
 *
 * @author salesforce-jwt
 */
public class SalesforceHealthIndicator implements ReactiveHealthIndicator {

	private final SalesforceTokenManager tokenManager;

	private final @Nullable Duration loginInterval;

	private final Clock clock;

	private final AtomicReference<@Nullable Instant> lastLogin = new AtomicReference<>();

	/**
	 * Create a new indicator.
	 * @param tokenManager the token manager
	 * @param loginInterval how often the health check may log in itself when there is no
	 * token, or {@code null} never to log in
	 * @param clock the clock
	 */
	public SalesforceHealthIndicator(SalesforceTokenManager tokenManager, @Nullable Duration loginInterval,
			Clock clock) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.tokenManager = tokenManager;
		this.loginInterval = loginInterval;
		this.clock = clock;
	}

	@Override
	public Mono<Health> health() {
		return login().flatMap(this::withSharing);
	}

	private Mono<Health> withSharing(Health health) {
		SalesforceTokenStore store = this.tokenManager.getTokenStore();
		SalesforceLoginBudget budget = this.tokenManager.getLoginBudget();
		if (budget == null && "memory".equals(store.getType())) {
			return Mono.just(health);
		}
		Mono<Integer> logins = (budget != null) ? budget.count().onErrorResume((ex) -> Mono.just(-1)) : Mono.just(-1);
		return logins.map((count) -> {
			Health.Builder builder = Health.status(health.getStatus()).withDetails(health.getDetails());
			if (budget != null && count >= 0) {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("lastHour", count);
				details.put("maxPerHour", budget.getMaxPerHour());
				details.put("remaining", Math.max(0, budget.getMaxPerHour() - count));
				builder.withDetail("logins", details);
			}
			if (!"memory".equals(store.getType())) {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("type", store.getType());
				String unavailable = store.getUnavailableReason();
				details.put("available", unavailable == null);
				if (unavailable != null) {
					details.put("reason", unavailable);
				}
				builder.withDetail("tokenStore", details);
			}
			return builder.build();
		});
	}

	private Mono<Health> login() {
		SalesforceToken token = this.tokenManager.getCurrentToken();
		SalesforceAuthenticationException failure = this.tokenManager.getLastFailure();
		if (token != null && failure == null) {
			return Mono.just(up(token));
		}
		if (mayLogIn()) {
			return this.tokenManager.getToken()
				.map(this::up)
				.onErrorResume(SalesforceAuthenticationException.class, (ex) -> Mono.just(down(ex)));
		}
		if (failure != null) {
			return Mono.just(down(failure));
		}
		return Mono.just(Health.unknown().withDetail("login", "not attempted yet").build());
	}

	private boolean mayLogIn() {
		if (this.loginInterval == null) {
			return false;
		}
		Instant now = this.clock.instant();
		Instant last = this.lastLogin.get();
		if (last != null && now.isBefore(last.plus(this.loginInterval))) {
			return false;
		}
		return this.lastLogin.compareAndSet(last, now);
	}

	private Health up(SalesforceToken token) {
		Health.Builder health = Health.up().withDetail("instanceUrl", token.getInstanceUrl().toString());
		addIfPresent(health, "organizationId", token.getOrganizationId());
		addIfPresent(health, "userId", token.getUserId());
		return health.withDetail("tokenAge", Duration.between(token.getIssuedAt(), this.clock.instant()).toString())
			.build();
	}

	private Health down(SalesforceAuthenticationException failure) {
		Health.Builder health = Health.down().withDetail("reason", failure.getMessage());
		if (failure.getStatusCode() != 0) {
			health.withDetail("status", failure.getStatusCode());
		}
		addIfPresent(health, "error", failure.getError());
		addIfPresent(health, "errorDescription", failure.getErrorDescription());
		addIfPresent(health, "fix", failure.getFix());
		return health.withDetail("transient", failure.isTransient()).build();
	}

	private static void addIfPresent(Health.Builder health, String key, @Nullable Object value) {
		if (value != null) {
			health.withDetail(key, value);
		}
	}

}
