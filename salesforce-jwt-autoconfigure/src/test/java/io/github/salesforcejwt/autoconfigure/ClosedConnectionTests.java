package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.salesforcejwt.SalesforceClient;
import io.github.salesforcejwt.autoconfigure.IdleDroppingInstance.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance whose keep-alive connections close after 5 s idle, as a server or a load
 * balancer in front of it would, and that, like one closing a connection just as a request
 * arrives on it, drops without an answer any request that comes on a connection idle for
 * 4.5 s or more: bursts of GETs after idle pauses of 4.6 to 5.4 s lose no call on either
 * client path, and a POST is never sent twice.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8 })
@EnableWireMock(@ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"))
class ClosedConnectionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int BURST = 300;

	private static final List<Long> PAUSES_MS = List.of(4_600L, 5_000L, 5_400L);

	private static IdleDroppingInstance instance;

	@InjectWireMock("login")
	WireMockServer login;

	@Autowired
	@SalesforceClient
	WebClient webClient;

	@Autowired
	@SalesforceClient
	RestClient restClient;

	@BeforeAll
	static void startInstance() {
		instance = new IdleDroppingInstance(Duration.ofSeconds(5), Duration.ofMillis(4_500));
	}

	@AfterAll
	static void stopInstance() {
		instance.close();
	}

	@BeforeEach
	void stubLogin() {
		SalesforceStubs.stubToken(this.login, "00D!token", instance.baseUrl());
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void losesNoGetAfterIdlePausesAroundTheServersKeepAliveAndNeverRepeatsAPost(Path path) throws Exception {
		assertThat(burst(path)).isZero();
		int failures = 0;
		for (long pause : PAUSES_MS) {
			Thread.sleep(pause);
			failures += burst(path);
		}
		assertThat(failures).as("GETs lost after idle pauses").isZero();
		Thread.sleep(PAUSES_MS.get(0));
		List<Boolean> created = Flux.range(0, 50)
			.flatMap((i) -> Mono.fromCallable(() -> path.createTask(this.webClient, this.restClient, path + "-" + i))
				.subscribeOn(Schedulers.boundedElastic())
				.onErrorReturn(false), 50)
			.collectList()
			.block(TIMEOUT);
		assertThat(created).hasSize(50);
		// A POST that met a dropped connection failed: it was not sent again
		assertThat(instance.posts()).allSatisfy((id, count) -> assertThat(count.get()).as("sends of POST %s", id).isOne());
	}

	/**
	 * Send a burst of GETs at once and return how many failed.
	 */
	private int burst(Path path) {
		return Flux.range(0, BURST)
			.flatMap((i) -> Mono.fromCallable(() -> path.limits(this.webClient, this.restClient))
				.subscribeOn(Schedulers.boundedElastic())
				.map((body) -> 0)
				.onErrorReturn(1), BURST)
			.reduce(0, Integer::sum)
			.block(TIMEOUT);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
