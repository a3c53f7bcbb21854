package io.github.salesforcejwt.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.salesforcejwt.SalesforceClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the starter's queries against {@link FakeSalesforceOrg}, which
 * pages as Salesforce does: every record of every page through
 * {@code SalesforceClients.queries()} and {@code blockingQueries()}, also when every
 * session ends between two pages.
 */
@SpringBootTest(classes = QueriesWithFakeOrgTests.TestApplication.class)
@EnableFakeSalesforceOrg
class QueriesWithFakeOrgTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String SOQL = "SELECT Id, Name FROM Account ORDER BY Name";

	@Autowired
	private FakeSalesforceOrg org;

	@Autowired
	private SalesforceClients clients;

	enum Path {

		REACTIVE, BLOCKING

	}

	record AccountRow(@JsonProperty("Id") String id, @JsonProperty("Name") String name) {

	}

	@BeforeEach
	void reset() {
		this.org.reset();
		List<Map<String, Object>> accounts = new ArrayList<>();
		for (int i = 1; i <= 4500; i++) {
			accounts.add(Map.of("Name", String.format("Account %04d", i)));
		}
		this.org.create("Account", accounts);
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void readsEveryRecordOfEveryPageInOrderOnce(Path path) {
		List<AccountRow> rows = query(path, () -> {
		});
		assertThat(rows).extracting(AccountRow::name).containsExactlyElementsOf(expectedNames());
		assertThat(rows).extracting(AccountRow::id).doesNotHaveDuplicates();
		assertThat(this.org.apiCallCount()).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void readsEveryRecordWithOneRenewalWhenTheSessionEndsBetweenPages(Path path) {
		List<AccountRow> rows = query(path, this.org::expireSessions);
		assertThat(rows).extracting(AccountRow::name).containsExactlyElementsOf(expectedNames());
		assertThat(this.org.loginCount()).isEqualTo(2);
	}

	private List<String> expectedNames() {
		return this.org.accounts().stream().map(Account::name).sorted().toList();
	}

	/**
	 * Query every account, running an action once the first page's records are all
	 * consumed and before the second page is asked for.
	 */
	private List<AccountRow> query(Path path, Runnable afterFirstPage) {
		AtomicInteger seen = new AtomicInteger();
		return switch (path) {
			case REACTIVE -> this.clients.queries()
				.query(SOQL, AccountRow.class)
				.doOnNext((row) -> afterPage(seen, afterFirstPage))
				.collectList()
				.block(TIMEOUT);
			case BLOCKING -> {
				try (Stream<AccountRow> rows = this.clients.blockingQueries().query(SOQL, AccountRow.class)) {
					yield rows.peek((row) -> afterPage(seen, afterFirstPage)).toList();
				}
			}
		};
	}

	private static void afterPage(AtomicInteger seen, Runnable action) {
		if (seen.incrementAndGet() == 2000) {
			action.run();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
