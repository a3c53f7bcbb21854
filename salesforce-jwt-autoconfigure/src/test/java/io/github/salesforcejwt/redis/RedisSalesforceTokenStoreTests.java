package io.github.salesforcejwt.redis;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceToken;
import io.github.salesforcejwt.SalesforceTokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisSalesforceTokenStore}, against a real Redis server; each store
 * stands for another instance of the application.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisSalesforceTokenStoreTests {

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
	void storesTheFirstLoginsTokenAndAnswersItToTheOtherInstancesWithoutALogin() {
		SalesforceToken first = instance().obtainToken(null, Mono.just(token(1))).block(TIMEOUT);
		Login other = new Login(token(2));
		SalesforceToken taken = instance().obtainToken(null, other.mono()).block(TIMEOUT);
		assertThat(taken.getAccessToken()).isEqualTo(first.getAccessToken());
		assertThat(taken.getInstanceUrl()).isEqualTo(first.getInstanceUrl());
		assertThat(other.logins).hasValue(0);
	}

	@Test
	void replacesARefusedTokenOnceAndAnswersTheNewerOneToTheOthers() {
		instance().obtainToken(null, Mono.just(token(1))).block(TIMEOUT);
		SalesforceToken renewed = instance().obtainToken(token(1), Mono.just(token(2))).block(TIMEOUT);
		Login other = new Login(token(3));
		assertThat(instance().obtainToken(token(1), other.mono()).block(TIMEOUT).getAccessToken())
			.isEqualTo(renewed.getAccessToken());
		assertThat(other.logins).hasValue(0);
	}

	@Test
	void logsInWhenTheStoreStillHoldsTheRefusedToken() {
		instance().obtainToken(null, Mono.just(token(1))).block(TIMEOUT);
		Login login = new Login(token(2));
		assertThat(instance().obtainToken(token(1), login.mono()).block(TIMEOUT).getAccessToken()).isEqualTo("00D!2");
		assertThat(login.logins).hasValue(1);
		assertThat(instance().obtainToken(null, Mono.never()).block(TIMEOUT).getAccessToken()).isEqualTo("00D!2");
	}

	@Test
	void neverAnswersATokenOlderThanTheOneItReplaces() {
		instance().obtainToken(null, Mono.just(token(1))).block(TIMEOUT);
		Login login = new Login(token(6));
		assertThat(instance().obtainToken(token(5), login.mono()).block(TIMEOUT).getAccessToken()).isEqualTo("00D!6");
		assertThat(login.logins).hasValue(1);
	}

	@Test
	void waitsForTheInstanceThatHoldsTheLockAndTakesItsToken() {
		Sinks.One<SalesforceToken> slowLogin = Sinks.one();
		Mono<SalesforceToken> holder = instance().obtainToken(null, slowLogin.asMono()).cache();
		holder.subscribe();
		Login other = new Login(token(9));
		Mono<SalesforceToken> waiter = instance().obtainToken(null, other.mono()).cache();
		waiter.subscribe();
		slowLogin.tryEmitValue(token(1));
		assertThat(waiter.block(TIMEOUT).getAccessToken()).isEqualTo("00D!1");
		assertThat(holder.block(TIMEOUT).getAccessToken()).isEqualTo("00D!1");
		assertThat(other.logins).hasValue(0);
	}

	@Test
	void logsInOnItsOwnWhenRedisCannotBeReachedAndWarnsOnce(CapturedOutput output) {
		SalesforceRedis redis = this.instances.instance(RedisInstances.portNobodyListensOn());
		SalesforceTokenStore store = redis.tokenStore("default", this.details, "org 'default'", Duration.ofSeconds(5));
		Login login = new Login(token(1));
		for (int i = 0; i < 3; i++) {
			assertThat(store.obtainToken(null, login.mono()).block(TIMEOUT).getAccessToken()).isEqualTo("00D!1");
		}
		assertThat(login.logins).hasValue(3);
		assertThat(store.getUnavailableReason()).isNotBlank();
		assertThat(output.getAll().lines().filter((line) -> line.contains("Redis cannot be used")).distinct())
			.hasSize(1);
	}

	@Test
	void sharesNothingWithInstancesThatHaveAnotherSecret() {
		this.instances.instance(server.port(), "another passphrase, 16+")
			.tokenStore("default", this.details, "org 'default'", Duration.ofSeconds(5))
			.obtainToken(null, Mono.just(token(1)))
			.block(TIMEOUT);
		Login login = new Login(token(2));
		assertThat(instance().obtainToken(null, login.mono()).block(TIMEOUT).getAccessToken()).isEqualTo("00D!2");
		assertThat(login.logins).hasValue(1);
	}

	@Test
	void logsInAndStoresItsOwnWhenTheStoredTokenCannotBeDecrypted(CapturedOutput output) {
		SalesforceRedis redis = this.instances.instance(server.port());
		String key = redis.sessionKey("default", this.details) + ":token";
		this.instances.template(server.port()).opsForValue().set(key, "0".repeat(64) + ":bm90IGEgdG9rZW4=").block(TIMEOUT);
		Login login = new Login(token(2));
		SalesforceTokenStore store = redis.tokenStore("default", this.details, "org 'default'", Duration.ofSeconds(5));
		assertThat(store.obtainToken(null, login.mono()).block(TIMEOUT).getAccessToken()).isEqualTo("00D!2");
		assertThat(login.logins).hasValue(1);
		assertThat(output).contains("the token in Redis cannot be used: The stored token cannot be decrypted")
			.contains("this instance logs in and stores its own")
			.doesNotContain("bm90IGEgdG9rZW4=");
		assertThat(instance().obtainToken(null, Mono.never()).block(TIMEOUT).getAccessToken()).isEqualTo("00D!2");
	}

	@Test
	void namesKeysWithoutTheUsername() {
		SalesforceRedis redis = this.instances.instance(server.port());
		String key = redis.sessionKey("acme", this.details);
		assertThat(key).startsWith("test:acme:").doesNotContain("integration").doesNotContain("3MVG9");
		assertThat(redis.sessionKey("acme", this.details.forUser("analyst@acme.com"))).isNotEqualTo(key);
		assertThat(redis.sessionKey("acme", this.details.forUser("INTEGRATION@acme.com"))).isEqualTo(key);
	}

	private SalesforceTokenStore instance() {
		return this.instances.instance(server.port()).tokenStore("default", this.details, "org 'default'",
				Duration.ofSeconds(5));
	}

	static SalesforceToken token(int login) {
		return new SalesforceToken("00D!" + login, URI.create("https://acme.my.salesforce.com"),
				URI.create("https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA"), "api", "Bearer",
				Instant.parse("2026-01-01T00:00:00Z").plusSeconds(login));
	}

	/**
	 * A login that counts its subscriptions.
	 */
	private static final class Login {

		final AtomicInteger logins = new AtomicInteger();

		private final SalesforceToken token;

		Login(SalesforceToken token) {
			this.token = token;
		}

		Mono<SalesforceToken> mono() {
			return Mono.fromSupplier(() -> {
				this.logins.incrementAndGet();
				return this.token;
			});
		}

	}

}
