package io.github.salesforcejwt.test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FakeSalesforceOrg} under concurrent requests.
 */
class ConcurrencyTests {

	@Test
	void countsAndAcceptsParallelLogins() throws Exception {
		try (FakeSalesforceOrg org = FakeSalesforceOrg.start()) {
			OrgClient client = new OrgClient(org);
			String assertion = JwtAssertions.forOrg(org);
			List<HttpResponse<String>> responses = runInParallel(200, () -> client.login(assertion));
			assertThat(responses).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
			Set<String> tokens = new HashSet<>();
			responses.forEach((response) -> tokens.add(OrgClient.json(response).get("access_token").asText()));
			assertThat(tokens).hasSize(200);
			assertThat(org.loginCount()).isEqualTo(200);
			assertThat(org.sessionCount()).isEqualTo(200);
		}
	}

	@Test
	void createsEveryAccountOfParallelRequests() throws Exception {
		try (FakeSalesforceOrg org = FakeSalesforceOrg.builder().accounts().start()) {
			OrgClient client = new OrgClient(org);
			String accessToken = client.accessToken();
			List<HttpResponse<String>> responses = runInParallel(300, () -> client
				.postJson("/services/data/v66.0/sobjects/Account", "{\"Name\":\"Parallel\"}", accessToken));
			assertThat(responses).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(201));
			assertThat(org.accounts()).hasSize(300);
			assertThat(org.accounts()).extracting(Account::id).doesNotHaveDuplicates();
			assertThat(org.apiCallCount()).isEqualTo(300);
		}
	}

	@Test
	void answersFiveHundredConcurrentRequests() throws Exception {
		try (FakeSalesforceOrg org = FakeSalesforceOrg.start()) {
			OrgClient client = new OrgClient(org);
			String assertion = JwtAssertions.forOrg(org);
			String accessToken = client.accessToken();
			HttpRequest login = HttpRequest.newBuilder(client.uri("/services/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=" + OrgClient.encode(TokenEndpoint.JWT_BEARER)
						+ "&assertion=" + OrgClient.encode(assertion)))
				.build();
			HttpRequest query = HttpRequest
				.newBuilder(client.uri("/services/data/v66.0/query?q=" + OrgClient.encode("SELECT Id, Name FROM Account")))
				.header("Authorization", "Bearer " + accessToken)
				.build();
			HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			List<CompletableFuture<HttpResponse<String>>> logins = new ArrayList<>();
			List<CompletableFuture<HttpResponse<String>>> queries = new ArrayList<>();
			for (int i = 0; i < 250; i++) {
				logins.add(httpClient.sendAsync(login, HttpResponse.BodyHandlers.ofString()));
				queries.add(httpClient.sendAsync(query, HttpResponse.BodyHandlers.ofString()));
			}
			CompletableFuture.allOf(logins.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
			CompletableFuture.allOf(queries.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
			assertThat(logins).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
			assertThat(queries).allSatisfy((response) -> {
				assertThat(response.join().statusCode()).isEqualTo(200);
				assertThat(OrgClient.json(response.join()).get("totalSize").asInt()).isEqualTo(3);
			});
			assertThat(org.loginCount()).isEqualTo(251);
			assertThat(org.apiCallCount()).isEqualTo(250);
		}
	}

	private static <T> List<T> runInParallel(int count, Supplier<T> call) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(count);
		try {
			List<CompletableFuture<T>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(CompletableFuture.supplyAsync(call, executor));
			}
			List<T> results = new ArrayList<>();
			for (CompletableFuture<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
