package io.github.salesforcejwt.test;

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
