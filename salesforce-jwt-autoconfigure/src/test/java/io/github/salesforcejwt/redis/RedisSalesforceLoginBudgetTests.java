package io.github.salesforcejwt.redis;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceLoginBudgetExceededException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisSalesforceLoginBudget}, against a real Redis server; each budget
 * stands for another instance of the application.
 */
class RedisSalesforceLoginBudgetTests {

	@RegisterExtension
	static final RedisServer server = new RedisServer();

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	private final SalesforceConnectionDetails details = SalesforceConnectionDetails.of("https://login.salesforce.com",
			"3MVG9budget.test", "integration@acme.com", (parameters) -> {
				throw new UnsupportedOperationException("no login in these tests");
			});

	@BeforeEach
	void flush() {
		template(server.port()).execute((connection) -> connection.serverCommands().flushAll()).blockLast(TIMEOUT);
	}

	@AfterEach
	void close() {
		this.factories.forEach(LettuceConnectionFactory::destroy);
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
		SalesforceRedis redis = redis(server.port());
		SalesforceLoginBudget integration = redis.loginBudget("default", this.details, 1, "org 'default'",
				"salesforce.jwt.login.max-per-hour");
		SalesforceLoginBudget analyst = redis.loginBudget("default", this.details.forUser("analyst@acme.com"), 1,
				"org 'default' (per-user session)", "salesforce.jwt.login.max-per-hour");
		StepVerifier.create(integration.acquire()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(analyst.acquire()).expectComplete().verify(TIMEOUT);
	}

	@Test
	void countsItsOwnLoginsWhileRedisCannotBeReached() throws Exception {
		int nobodyListens;
		try (ServerSocket socket = new ServerSocket(0)) {
			nobodyListens = socket.getLocalPort();
		}
		SalesforceLoginBudget budget = budget(nobodyListens, 2);
		StepVerifier.create(budget.acquire()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(budget.acquire()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(budget.acquire()).expectError(SalesforceLoginBudgetExceededException.class).verify(TIMEOUT);
		assertThat(budget.count().block(TIMEOUT)).isEqualTo(2);
	}

	private SalesforceLoginBudget budget(int port, int maxPerHour) {
		return redis(port).loginBudget("default", this.details, maxPerHour, "org 'default'",
				"salesforce.jwt.login.max-per-hour");
	}

	private SalesforceRedis redis(int port) {
		return new SalesforceRedis(template(port), "test:", "correct horse battery staple", true,
				Duration.ofMillis(500), Clock.systemUTC());
	}

	private ReactiveStringRedisTemplate template(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		this.factories.add(factory);
		return new ReactiveStringRedisTemplate(factory);
	}

}
