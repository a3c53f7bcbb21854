package io.github.salesforcejwt.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.autoconfigure.SalesforceJwtAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty users of one org, each with ten concurrent calls, through
 * {@link SalesforceClients#webClient(String, String)}: one login per user, and every answer
 * belongs to the user who asked (the fake org's UserInfo endpoint tells whose token a call
 * carried).
 */
class ManyUsersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final List<String> USERS = IntStream.range(0, 50).mapToObj((i) -> "user" + i + "@example.com")
		.toList();

	private static FakeSalesforceOrg org;

	@BeforeAll
	static void startOrg() {
		org = FakeSalesforceOrg.builder().preAuthorizedUsers(USERS.toArray(String[]::new)).start();
	}

	@AfterAll
	static void stopOrg() {
		org.close();
	}

	@Test
	void logsInOncePerUserAndAnswersEachCallWithItsOwnUsersToken() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, SslAutoConfiguration.class,
					SalesforceJwtAutoConfiguration.class))
			.withBean(SalesforceConnectionDetails.class, org::connectionDetails)
			.run((context) -> {
				SalesforceClients clients = context.getBean(SalesforceClients.class);
				List<String> mismatches = Flux.fromIterable(USERS)
					.flatMap((user) -> Flux.range(0, 10).map((i) -> user))
					.flatMap((user) -> whoAmI(clients, user).filter((answer) -> !answer.equals(user)), 500)
					.collectList()
					.block(TIMEOUT);
				assertThat(mismatches).isEmpty();
				assertThat(org.loginCount()).isEqualTo(50);
				// A user who is not pre-authorized fails alone
				assertThat(whoAmI(clients, "stranger@example.com").onErrorResume((ex) -> Mono.just(ex.getMessage()))
					.block(TIMEOUT)).contains("org 'default' (per-user session)")
					.contains("user hasn't approved this consumer");
				assertThat(whoAmI(clients, USERS.get(7)).block(TIMEOUT)).isEqualTo(USERS.get(7));
				// The stranger's one refused attempt, and no new login for anyone else
				assertThat(org.loginCount()).isEqualTo(51);
			});
	}

	private static Mono<String> whoAmI(SalesforceClients clients, String user) {
		return clients.webClient(SalesforceClients.DEFAULT_ORG, user)
			.get()
			.uri("/services/oauth2/userinfo")
			.retrieve()
			.bodyToMono(JSON_OBJECT)
			.map((info) -> (String) info.get("preferred_username"));
	}

}
