package io.github.salesforcejwt.redis;

import java.time.Duration;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceLoginBudgetExceededException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisSalesforceLoginBudget}, against a real Redis server; each budget
 * stands for another instance of the application.
 */
class RedisSalesforceLoginBudgetTests {

	@RegisterExtension
	static final RedisServer server = new RedisServer();

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final SalesforceConnectionDetails details = RedisInstances.DETAILS;

	private final RedisInstances instances = new RedisInstances();

	@BeforeEach
	void flush() {
		this.instances.flushAll(server.port());
	}

	@AfterEach
	void close() {
		this.instances.close();
	}

	@Test
	void countsTheLoginsOfEveryInstanceTogether() {
		SalesforceLoginBudget one = budget(server.port(), 3);
		SalesforceLoginBudget two = budget(server.port(), 3);
		StepVerifier.create(one.acquire()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(two.acquire()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(one.acquire()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(two.acquire()).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(SalesforceLoginBudgetExceededException.class);
			SalesforceLoginBudgetExceededException exceeded = (SalesforceLoginBudgetExceededException) ex;
			assertThat(exceeded.getLoginsInLastHour()).isEqualTo(3);
			assertThat(exceeded.getMessage()).contains("salesforce.jwt.login.max-per-hour is 3");
		}).verify(TIMEOUT);
		assertThat(one.count().block(TIMEOUT)).isEqualTo(3);
		assertThat(one.getRemaining()).isZero();
		assertThat(two.getLoginsInLastHour()).isEqualTo(3);
	}

	@Test
	void aBudgetOfAnotherUserIsItsOwn() {
		SalesforceRedis redis = this.instances.instance(server.port());
		SalesforceLoginBudget integration = redis.loginBudget("default", this.details, 1, "org 'default'",
				"salesforce.jwt.login.max-per-hour");
		SalesforceLoginBudget analyst = redis.loginBudget("default", this.details.forUser("analyst@acme.com"), 1,
				"org 'default' (per-user session)", "salesforce.jwt.login.max-per-hour");
		StepVerifier.create(integration.acquire()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(analyst.acquire()).expectComplete().verify(TIMEOUT);
	}

	@Test
	void countsItsOwnLoginsWhileRedisCannotBeReached() {
		SalesforceLoginBudget budget = budget(RedisInstances.portNobodyListensOn(), 2);
		StepVerifier.create(budget.acquire()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(budget.acquire()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(budget.acquire()).expectError(SalesforceLoginBudgetExceededException.class).verify(TIMEOUT);
		assertThat(budget.count().block(TIMEOUT)).isEqualTo(2);
	}

	private SalesforceLoginBudget budget(int port, int maxPerHour) {
		return this.instances.instance(port).loginBudget("default", this.details, maxPerHour, "org 'default'",
				"salesforce.jwt.login.max-per-hour");
	}

}
