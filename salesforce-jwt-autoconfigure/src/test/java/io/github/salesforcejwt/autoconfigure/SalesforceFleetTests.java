package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceLoginBudgetExceededException;
import io.github.salesforcejwt.SalesforceSessionRefusedException;
import io.github.salesforcejwt.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of an application (three application contexts) sharing one Salesforce
 * session through a real Redis server, against a {@link FleetOrg} in WireMock.
 */
@ExtendWith(OutputCaptureExtension.class)
class SalesforceFleetTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String SECRET = "correct horse battery staple";

	private static final String USERNAME = "integration@acme.com";

	private static final String CONSUMER_KEY = "3MVG9fleet.consumer.key";

	private static RedisClient redisClient;

	private static StatefulRedisConnection<String, String> connection;

	private FleetOrg org;

	private final List<ConfigurableApplicationContext> fleet = new ArrayList<>();

	@BeforeAll
	static void connect() {
		redisClient = RedisClient.create(RedisURI.create("127.0.0.1", redis.port()));
		connection = redisClient.connect();
	}

	@AfterAll
	static void disconnect() {
		connection.close();
		redisClient.shutdown();
	}

	@BeforeEach
	void startOrg() {
		redis.start();
		redis().flushall();
		this.org = new FleetOrg();
	}

	@AfterEach
	void stopFleet() {
		this.fleet.forEach(ConfigurableApplicationContext::close);
		this.org.close();
	}

	@Test
	void makesOneLoginForTheFleetWhen300ConcurrentFirstCallsReachEachOfThreeInstances() {
		startFleet();
		this.org.loginDelay(300);
		List<String> answers = callEveryInstance(300);
		assertThat(answers).hasSize(900).allSatisfy((answer) -> assertThat(answer).contains("totalSize"));
		assertThat(this.org.logins()).isOne();
	}

	@Test
	void makesOneRenewalForTheFleetWhenTheSessionEndsUnderLoadOnAllThreeInstances() {
		startFleet();
		callEveryInstance(1);
		this.org.endSessions();
		this.org.loginDelay(300);
		List<String> answers = callEveryInstance(300);
		assertThat(answers).hasSize(900).allSatisfy((answer) -> assertThat(answer).contains("totalSize"));
		assertThat(this.org.logins()).isEqualTo(2);
	}

	@Test
	void callsWithATokenNeverTouchRedis() {
		startFleet();
		callEveryInstance(10);
		long before = commandsProcessed();
		assertThat(callEveryInstance(500)).hasSize(1500);
		// The INFO command that reads the count is the only one
		assertThat(commandsProcessed() - before).isOne();
	}

	@Test
	void theOthersLogInWithinTheLoginTimeoutWhenTheLockHolderDiedMidLogin() {
		startFleet();
		callEveryInstance(1);
		// An instance took the lock to log in 3 s ago, and died: nobody will release the lock
		// or store a token, and the lock expires 5 s (the login timeout) after it was taken
		String lock = onlyKey(":token").replace(":token", ":lock");
		redis().set(lock, "an-instance-that-died", SetArgs.Builder.px(2000));
		this.org.endSessions();
		List<String> answers = callEveryInstance(50);
		assertThat(answers).hasSize(150).allSatisfy((answer) -> assertThat(answer).contains("totalSize"));
		assertThat(this.org.logins()).isEqualTo(2);
		assertThat(redis().get(lock)).isNull();
	}

	@Test
	void carriesOnWithoutRedisWithOneWarningPerInstanceAndUsesItAgainWhenItIsBack(CapturedOutput output) {
		startFleet();
		callEveryInstance(20);
		assertThat(this.org.logins()).isOne();
		redis.stop();
		// Calls that have a token never touch Redis
		assertThat(callEveryInstance(20)).hasSize(60);
		assertThat(this.org.logins()).isOne();
		// Sessions end twice while Redis is down: each instance logs in on its own
		for (int round = 1; round <= 2; round++) {
			this.org.endSessions();
			assertThat(callEveryInstance(20)).hasSize(60)
				.allSatisfy((answer) -> assertThat(answer).contains("totalSize"));
		}
		// Each instance logs in on its own, once per ended session
		int loginsWhileDown = this.org.logins();
		assertThat(loginsWhileDown).isEqualTo(1 + 3 + 3);
		// One WARN per instance, not one per call (nor one more when a command sent before Redis
		// stopped answers after the first failure)
		assertThat(count(output.getAll(), "Redis cannot be used")).isEqualTo(3);
		for (ConfigurableApplicationContext instance : this.fleet) {
			assertThat(tokenStoreHealth(instance)).containsEntry("type", "redis")
				.containsEntry("available", false)
				.hasEntrySatisfying("reason", (reason) -> assertThat((String) reason).isNotBlank());
		}
		redis.start();
		this.fleet.forEach(this::awaitRedis);
		this.org.endSessions();
		assertThat(callEveryInstance(20)).hasSize(60)
			.allSatisfy((answer) -> assertThat(answer).contains("totalSize"));
		assertThat(this.org.logins()).isEqualTo(loginsWhileDown + 1);
		assertThat(count(output.getAll(), "Redis cannot be used")).isEqualTo(3);
		assertThat(count(output.getAll(), "Redis answers again:")).isEqualTo(3);
		for (ConfigurableApplicationContext instance : this.fleet) {
			assertThat(tokenStoreHealth(instance)).containsEntry("available", true).doesNotContainKey("reason");
		}
		assertThat(redis().keys("*:token")).hasSize(1);
	}

	@Test
	void keepsNoAccessTokenNorUsernameInClearInRedis() {
		startFleet();
		callEveryInstance(5);
		this.org.endSessions();
		callEveryInstance(5);
		assertThat(this.org.issuedTokens()).hasSize(2);
		List<String> keys = redis().keys("*");
		assertThat(keys).isNotEmpty().allSatisfy((key) -> assertThat(key).startsWith("salesforce-jwt:default:"));
		StringBuilder everything = new StringBuilder();
		for (String key : keys) {
			everything.append(key).append('\n');
			switch (redis().type(key)) {
				case "string" -> everything.append(redis().get(key));
				case "zset" -> everything.append(redis().zrangeWithScores(key, 0, -1));
				case "hash" -> everything.append(redis().hgetall(key));
				case "list" -> everything.append(redis().lrange(key, 0, -1));
				case "set" -> everything.append(redis().smembers(key));
				default -> throw new IllegalStateException("Unexpected type of " + key);
			}
			everything.append('\n');
		}
		for (String token : this.org.issuedTokens()) {
			assertThat(everything).doesNotContain(token).doesNotContain(token.substring("00D!".length()));
		}
		assertThat(everything.toString().toLowerCase()).doesNotContain(USERNAME)
			.doesNotContain("integration")
			.doesNotContain(CONSUMER_KEY.toLowerCase())
			.doesNotContain("instance_url")
			.doesNotContain("127.0.0.1");
	}

	@Test
	void makesFiveLoginsForTenEndedSessionsWithABudgetOfFiveThenFailsFastNamingTheProperty() {
		startFleet("salesforce.jwt.login.max-per-hour=5");
		List<Object> outcomes = new ArrayList<>();
		for (int round = 0; round < 10; round++) {
			this.org.endSessions();
			outcomes.add(call(this.fleet.get(round % 3)).map(Object.class::cast)
				.onErrorResume((ex) -> Mono.just(ex))
				.block(TIMEOUT));
		}
		assertThat(this.org.logins()).isEqualTo(5);
		assertThat(outcomes.subList(0, 5)).allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(String.class));
		assertThat(outcomes.subList(5, 10)).allSatisfy((outcome) -> {
			assertThat(outcome).isInstanceOf(SalesforceLoginBudgetExceededException.class);
			SalesforceLoginBudgetExceededException ex = (SalesforceLoginBudgetExceededException) outcome;
			assertThat(ex.getProperty()).isEqualTo("salesforce.jwt.login.max-per-hour");
			assertThat(ex.getLoginsInLastHour()).isEqualTo(5);
			assertThat(ex.getMessage()).contains("salesforce.jwt.login.max-per-hour is 5")
				.contains("5 logins in the last hour")
				.contains("logins resume at")
				.doesNotContain(USERNAME);
		});
		for (ConfigurableApplicationContext instance : this.fleet) {
			Health health = health(instance);
			assertThat(health.getDetails()).containsEntry("logins",
					Map.of("lastHour", 5, "maxPerHour", 5, "remaining", 0));
			assertThat(instance.getBean(MeterRegistry.class)
				.get("salesforce.jwt.logins.remaining")
				.tag("org", "default")
				.gauge()
				.value()).isZero();
		}
	}

	@Test
	void anEndpointThatAlwaysRefusesTheSessionCostsAHandfulOfLoginsFor400Calls() {
		startFleet("salesforce.jwt.login.cool-down=1m");
		this.org.refuseEverySession();
		List<Object> outcomes = Flux.range(0, 400)
			.concatMap((i) -> call(this.fleet.get(i % 3)).map(Object.class::cast)
				.onErrorResume((ex) -> Mono.just(ex)))
			.collectList()
			.block(TIMEOUT);
		// One first login, then one per instance whose own new token the API refused too
		assertThat(this.org.logins()).isEqualTo(4);
		assertThat(outcomes).hasSize(400).allSatisfy((outcome) -> {
			assertThat(outcome).isInstanceOf(SalesforceSessionRefusedException.class);
			assertThat(((Exception) outcome).getMessage()).contains("the login works but the API refuses the session")
				.contains("This session is not valid for use with the REST API")
				.contains("API Enabled")
				.contains("'api' scope")
				.contains("IP");
		});
	}

	private void startFleet(String... properties) {
		for (int i = 0; i < 3; i++) {
			List<String> args = new ArrayList<>(List.of("--salesforce.jwt.consumer-key=" + CONSUMER_KEY,
					"--salesforce.jwt.username=" + USERNAME, "--salesforce.jwt.private-key=" + TestKeys.PKCS8,
					"--salesforce.jwt.login-url=" + this.org.baseUrl(), "--salesforce.jwt.login.timeout=5s",
					"--salesforce.jwt.token-store.type=redis", "--salesforce.jwt.token-store.secret=" + SECRET,
					"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
					"--management.health.redis.enabled=false", "--logging.level.WireMock=warn"));
			for (String property : properties) {
				args.add("--" + property);
			}
			this.fleet.add(new SpringApplicationBuilder(FleetApplication.class).web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.run(args.toArray(String[]::new)));
		}
	}

	private List<String> callEveryInstance(int callsEach) {
		return Flux.fromIterable(this.fleet)
			.flatMap((instance) -> Flux.range(0, callsEach).flatMap((i) -> call(instance), callsEach), 3)
			.collectList()
			.block(TIMEOUT);
	}

	private static Mono<String> call(ConfigurableApplicationContext instance) {
		return instance.getBean(SalesforceClients.class)
			.webClient()
			.get()
			.uri(FleetOrg.QUERY_PATH + "?q=SELECT+Id+FROM+Account")
			.retrieve()
			.bodyToMono(String.class);
	}

	private static Health health(ConfigurableApplicationContext instance) {
		CompositeReactiveHealthContributor salesforce = instance.getBean("salesforceHealthContributor",
				CompositeReactiveHealthContributor.class);
		return ((ReactiveHealthIndicator) salesforce.getContributor("default")).health().block(TIMEOUT);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> tokenStoreHealth(ConfigurableApplicationContext instance) {
		return (Map<String, Object>) health(instance).getDetails().get("tokenStore");
	}

	/**
	 * Wait until an instance's Redis connection works again (Lettuce reconnects with a
	 * backoff of its own).
	 */
	private void awaitRedis(ConfigurableApplicationContext instance) {
		ReactiveStringRedisTemplate template = instance.getBean(ReactiveStringRedisTemplate.class);
		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> template.hasKey("ping").block(Duration.ofSeconds(1)) != null);
	}

	private static String onlyKey(String suffix) {
		List<String> keys = redis().keys("*" + suffix);
		assertThat(keys).hasSize(1);
		return keys.get(0);
	}

	private static long commandsProcessed() {
		return redis().info("stats")
			.lines()
			.filter((line) -> line.startsWith("total_commands_processed:"))
			.mapToLong((line) -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
			.findFirst()
			.orElseThrow();
	}

	private static RedisCommands<String, String> redis() {
		return connection.sync();
	}

	/**
	 * Count the log lines that contain a fragment (each once: the capture may see a line
	 * twice when several contexts configured the logging).
	 */
	private static long count(String output, String fragment) {
		return output.lines().filter((line) -> line.contains(fragment)).distinct().count();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FleetApplication {

	}

}
