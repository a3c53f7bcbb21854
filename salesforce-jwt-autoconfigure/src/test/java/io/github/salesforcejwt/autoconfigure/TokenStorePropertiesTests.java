package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;

import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceLoginBudget;
import io.github.salesforcejwt.SalesforceLoginBudgetExceededException;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.autoconfigure.InvalidSalesforceJwtPropertiesException.Problem;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code salesforce.jwt.token-store.*} and
 * {@code salesforce.jwt.login.max-per-hour} properties. Nothing here connects to Redis:
 * {@code SalesforceFleetTests} does.
 */
class TokenStorePropertiesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class, SalesforceJwtAutoConfiguration.class))
		.withPropertyValues("salesforce.jwt.consumer-key=3MVG9test.consumer.key",
				"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8);

	@Test
	void keepsTokensInMemoryByDefaultAndCountsLoginsAgainst1800AnHour() {
		this.runner.run((context) -> {
			SalesforceTokenManager manager = context.getBean(SalesforceTokenManager.class);
			assertThat(manager.getTokenStore().getType()).isEqualTo("memory");
			assertThat(manager.getLoginBudget()).extracting(SalesforceLoginBudget::getMaxPerHour).isEqualTo(1800);
		});
	}

	@Test
	void sharesTokensThroughTheApplicationsRedis() {
		this.runner
			.withPropertyValues("salesforce.jwt.token-store.type=redis",
					"salesforce.jwt.token-store.secret=correct horse battery staple")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SalesforceTokenManager manager = context.getBean(SalesforceTokenManager.class);
				assertThat(manager.getTokenStore().getType()).isEqualTo("redis");
				assertThat(manager.getLoginBudget().getClass().getSimpleName())
					.isEqualTo("RedisSalesforceLoginBudget");
				SalesforceTokenManager perUser = context.getBean(SalesforceClients.class)
					.session("default", "analyst@acme.com")
					.getTokenManager();
				assertThat(perUser.getTokenStore().getType()).isEqualTo("redis");
			});
	}

	@Test
	void failsStartupNamingTheSecretWhenRedisHasNone() {
		this.runner.withPropertyValues("salesforce.jwt.token-store.type=redis").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context).getProblems()).singleElement().satisfies((problem) -> {
				assertThat(problem.property()).isEqualTo("salesforce.jwt.token-store.secret");
				assertThat(problem.reason()).startsWith("is not set");
				assertThat(problem.action()).contains("16 characters or more")
					.contains("salesforce.jwt.token-store.encrypt=false");
			});
		});
	}

	@Test
	void failsStartupWhenTheSecretIsTooShortWithoutShowingIt() {
		this.runner
			.withPropertyValues("salesforce.jwt.token-store.type=redis", "salesforce.jwt.token-store.secret=hunter2")
			.run((context) -> {
				InvalidSalesforceJwtPropertiesException ex = rootCause(context);
				assertThat(ex.getProblems()).extracting(Problem::property)
					.containsExactly("salesforce.jwt.token-store.secret");
				assertThat(ex.getMessage()).contains("has 7 characters").doesNotContain("hunter2");
			});
	}

	@Test
	void startsWithoutASecretWhenEncryptionIsTurnedOff() {
		this.runner
			.withPropertyValues("salesforce.jwt.token-store.type=redis", "salesforce.jwt.token-store.encrypt=false")
			.run((context) -> assertThat(context.getBean(SalesforceTokenManager.class).getTokenStore().getType())
				.isEqualTo("redis"));
	}

	@Test
	void failsStartupNamingTheTypeWhenSpringDataRedisIsMissing() {
		this.runner.withClassLoader(new FilteredClassLoader(ReactiveStringRedisTemplate.class))
			.withPropertyValues("salesforce.jwt.token-store.type=redis",
					"salesforce.jwt.token-store.secret=correct horse battery staple")
			.run((context) -> assertThat(rootCause(context).getProblems()).singleElement().satisfies((problem) -> {
				assertThat(problem.property()).isEqualTo("salesforce.jwt.token-store.type");
				assertThat(problem.action()).contains("spring-boot-starter-data-redis");
			}));
	}

	@Test
	void failsStartupNamingTheTypeWithoutAReactiveRedisConnection() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WebClientAutoConfiguration.class, SalesforceJwtAutoConfiguration.class))
			.withPropertyValues("salesforce.jwt.consumer-key=3MVG9test.consumer.key",
					"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8,
					"salesforce.jwt.token-store.type=redis",
					"salesforce.jwt.token-store.secret=correct horse battery staple")
			.run((context) -> assertThat(rootCause(context).getProblems()).singleElement().satisfies((problem) -> {
				assertThat(problem.property()).isEqualTo("salesforce.jwt.token-store.type");
				assertThat(problem.reason()).contains("ReactiveRedisConnectionFactory");
			}));
	}

	@Test
	void namesTheOrgsOwnPropertyWhenItsLoginBudgetIsUsedUp() {
		this.runner
			.withPropertyValues("salesforce.jwt.login.max-per-hour=3", "salesforce.jwt.orgs.acme.login.max-per-hour=2",
					"salesforce.jwt.orgs.globex.username=integration@globex.com")
			.run((context) -> {
				SalesforceClients clients = context.getBean(SalesforceClients.class);
				assertThat(exceeded(clients.session("acme").getTokenManager().getLoginBudget(), 2).getProperty())
					.isEqualTo("salesforce.jwt.orgs.acme.login.max-per-hour");
				assertThat(exceeded(clients.session("globex").getTokenManager().getLoginBudget(), 3).getProperty())
					.isEqualTo("salesforce.jwt.login.max-per-hour");
			});
	}

	@Test
	void failsStartupWhenMaxPerHourIsBelowOne() {
		this.runner.withPropertyValues("salesforce.jwt.login.max-per-hour=0")
			.run((context) -> assertThat(rootCause(context).getProblems()).extracting(Problem::property)
				.containsExactly("salesforce.jwt.login.max-per-hour"));
	}

	private static SalesforceLoginBudgetExceededException exceeded(SalesforceLoginBudget budget, int maxPerHour) {
		for (int i = 0; i < maxPerHour; i++) {
			StepVerifier.create(budget.acquire()).expectComplete().verify(TIMEOUT);
		}
		SalesforceLoginBudgetExceededException[] exceeded = new SalesforceLoginBudgetExceededException[1];
		StepVerifier.create(budget.acquire())
			.expectErrorSatisfies((ex) -> exceeded[0] = (SalesforceLoginBudgetExceededException) ex)
			.verify(TIMEOUT);
		return exceeded[0];
	}

	private static InvalidSalesforceJwtPropertiesException rootCause(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidSalesforceJwtPropertiesException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("InvalidSalesforceJwtPropertiesException in the causes").isNotNull();
		return (InvalidSalesforceJwtPropertiesException) failure;
	}

}
