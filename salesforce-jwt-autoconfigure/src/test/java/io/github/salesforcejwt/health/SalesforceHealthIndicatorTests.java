package io.github.salesforcejwt.health;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.salesforcejwt.InMemorySalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceAuthenticationException;
import io.github.salesforcejwt.SalesforceToken;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.SalesforceTokenStore;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SalesforceHealthIndicator}.
 */
class SalesforceHealthIndicatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String ACCESS_TOKEN = "00D000000000001!AQsecretaccesstoken";

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private volatile Supplier<Mono<SalesforceToken>> answer = () -> Mono.just(token());

	private final SalesforceTokenManager manager = new SalesforceTokenManager(() -> Mono.defer(() -> {
		this.tokenRequests.incrementAndGet();
		return this.answer.get();
	}));

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:30:00Z"), ZoneOffset.UTC);

	@Test
	void isUnknownBeforeTheFirstLoginAndDoesNotLogIn() {
		Health health = health(new SalesforceHealthIndicator(this.manager, null, this.clock));
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(this.tokenRequests).hasValue(0);
	}

	@Test
	void isUpWithTheInstanceOrganizationUserAndTokenAgeAfterALogin() {
		this.manager.getToken().block(TIMEOUT);
		Health health = health(new SalesforceHealthIndicator(this.manager, null, this.clock));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("instanceUrl", "https://acme.my.salesforce.com")
			.containsEntry("organizationId", "00D000000000001AAA")
			.containsEntry("userId", "005000000000001AAA")
			.containsEntry("tokenAge", "PT30M");
		assertThat(health.toString()).doesNotContain(ACCESS_TOKEN).doesNotContain("AQsecret");
		assertThat(this.tokenRequests).hasValue(1);
	}

	@Test
	void isDownWithSalesforcesErrorAndItsFixWhileLoginsFail() {
		this.answer = () -> Mono.error(
				SalesforceAuthenticationException.rejected(400, "invalid_grant", "user hasn't approved this consumer"));
		this.manager.getToken().onErrorResume((ex) -> Mono.empty()).block(TIMEOUT);
		Health health = health(new SalesforceHealthIndicator(this.manager, null, this.clock));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("status", 400)
			.containsEntry("error", "invalid_grant")
			.containsEntry("errorDescription", "user hasn't approved this consumer")
			.containsEntry("transient", false);
		assertThat((String) health.getDetails().get("fix")).contains("Admin approved users are pre-authorized");
	}

	@Test
	void logsInItselfAtMostOncePerIntervalDuringAnOutage() {
		this.answer = () -> Mono.error(SalesforceAuthenticationException.unexpectedResponse(
				URI.create("https://login.salesforce.com/services/oauth2/token"), 503, "a body that is not JSON", true,
				null));
		SalesforceHealthIndicator indicator = new SalesforceHealthIndicator(this.manager, Duration.ofMinutes(1),
				Clock.systemUTC());
		var statuses = Flux.range(0, 100).flatMap((i) -> indicator.health()).collectList().block(TIMEOUT);
		assertThat(statuses).hasSize(100)
			.allSatisfy((health) -> assertThat(health.getStatus()).isIn(Status.DOWN, Status.UNKNOWN));
		assertThat(statuses).anySatisfy((health) -> assertThat(health.getDetails()).containsEntry("status", 503));
		assertThat(this.tokenRequests).hasValue(1);
		for (int i = 0; i < 100; i++) {
			assertThat(health(indicator).getStatus()).isEqualTo(Status.DOWN);
		}
		assertThat(this.tokenRequests).hasValue(1);
	}

	@Test
	void logsInItselfWhenAllowedAndReportsUp() {
		SalesforceHealthIndicator indicator = new SalesforceHealthIndicator(this.manager, Duration.ofMinutes(1),
				this.clock);
		assertThat(health(indicator).getStatus()).isEqualTo(Status.UP);
		assertThat(health(indicator).getStatus()).isEqualTo(Status.UP);
		assertThat(this.tokenRequests).hasValue(1);
	}

	private static Health health(SalesforceHealthIndicator indicator) {
		return indicator.health().block(TIMEOUT);
	}

	private static SalesforceToken token() {
		return new SalesforceToken(ACCESS_TOKEN, URI.create("https://acme.my.salesforce.com"),
				URI.create("https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA"), "api", "Bearer",
				Instant.parse("2026-11-30T12:00:00Z"));
	}


	@Test
	void showsTheLoginsOfTheLastHourAndHowManyAreLeft() {
		this.manager.setLoginBudget(new InMemorySalesforceLoginBudget(5, "org 'default'",
				"salesforce.jwt.login.max-per-hour", Clock.systemUTC()));
		this.manager.getToken().block(TIMEOUT);
		Health health = health(new SalesforceHealthIndicator(this.manager, null, this.clock));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("logins", Map.of("lastHour", 1, "maxPerHour", 5, "remaining", 4))
			.containsEntry("instanceUrl", "https://acme.my.salesforce.com")
			.doesNotContainKey("tokenStore");
	}

	@Test
	void showsThatTheTokenStoreCannotBeUsedWhileTheInstanceCarriesOnWithItsOwnSession() {
		this.manager.setTokenStore(new SalesforceTokenStore() {

			@Override
			public Mono<SalesforceToken> obtainToken(SalesforceToken replaced, Mono<SalesforceToken> login) {
				return login;
			}

			@Override
			public String getType() {
				return "redis";
			}

			@Override
			public String getUnavailableReason() {
				return "no answer in time since 2026-11-30T12:00:00Z";
			}

		});
		this.manager.getToken().block(TIMEOUT);
		Health health = health(new SalesforceHealthIndicator(this.manager, null, this.clock));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("tokenStore", Map.of("type", "redis", "available", false,
				"reason", "no answer in time since 2026-11-30T12:00:00Z"));
	}

}
