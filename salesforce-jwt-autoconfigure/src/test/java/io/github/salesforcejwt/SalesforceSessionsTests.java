package io.github.salesforcejwt;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.jwt.JwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SalesforceSessions}.
 */
class SalesforceSessionsTests {

	private static final JwtEncoder NOT_USED = (parameters) -> {
		throw new UnsupportedOperationException();
	};

	private final List<String> created = new CopyOnWriteArrayList<>();

	private final SalesforceSessionFactory factory = (org, details, perUser) -> {
		this.created.add(org + "/" + details.getUsername() + (perUser ? "/per-user" : ""));
		SalesforceTokenManager manager = new SalesforceTokenManager(Mono::empty);
		return new SalesforceSession(org, details, perUser, manager);
	};

	@Test
	void createsEachConfiguredOrgsSessionOnceAndKeepsIt() {
		SalesforceSessions clients = clients(Map.of("acme", details("https://acme.my.salesforce.com", "int@acme.com")),
				null, 1);
		SalesforceSession first = clients.session("acme");
		clients.session("acme", "jane@acme.com");
		clients.session("acme", "joe@acme.com");
		assertThat(clients.session("acme")).isSameAs(first);
		assertThat(this.created).containsExactly("acme/int@acme.com", "acme/jane@acme.com/per-user",
				"acme/joe@acme.com/per-user");
	}

	@Test
	void givesTheOrgsOwnSessionToItsDefaultUserWhateverTheCase() {
		SalesforceSessions clients = clients(Map.of("acme", details("https://acme.my.salesforce.com", "int@acme.com")),
				null, 10);
		assertThat(clients.session("acme", " INT@acme.com ")).isSameAs(clients.session("acme"));
		assertThat(clients.session("acme", "Jane@Acme.com")).isSameAs(clients.session("acme", "jane@acme.com"))
			.satisfies((session) -> assertThat(session.isPerUser()).isTrue());
		assertThat(this.created).hasSize(2);
	}

	@Test
	void createsOneSessionPerUserUnderConcurrentFirstCalls() {
		SalesforceSessions clients = clients(Map.of("acme", details("https://acme.my.salesforce.com", "int@acme.com")),
				null, 1000);
		Flux.range(0, 500)
			.parallel(8)
			.runOn(Schedulers.parallel())
			.map((i) -> clients.session("acme", "user" + (i % 50) + "@acme.com"))
			.sequential()
			.blockLast();
		assertThat(this.created).hasSize(50).doesNotHaveDuplicates();
	}

	@Test
	void failsForAnUnknownOrgListingTheConfiguredOnes() {
		SalesforceSessions clients = clients(Map.of("acme", details("https://acme.my.salesforce.com", "int@acme.com"),
				"globex", details("https://globex.my.salesforce.com", "int@globex.com")), null, 10);
		assertThatIllegalArgumentException().isThrownBy(() -> clients.session("initech"))
			.withMessageContaining("No Salesforce org named 'initech'")
			.withMessageContaining("acme")
			.withMessageContaining("globex")
			.withMessageContaining("salesforce.jwt.orgs.initech")
			.withMessageContaining("SalesforceOrgRepository");
		assertThatIllegalArgumentException().isThrownBy(() -> clients.session(SalesforceSessions.DEFAULT_ORG))
			.withMessageContaining("No Salesforce org named 'default'");
	}

	@Test
	void asksTheRepositoryOnceForAnOrgLearnedAtRunTime() {
		AtomicInteger lookups = new AtomicInteger();
		SalesforceOrgRepository repository = (org) -> {
			lookups.incrementAndGet();
			return org.startsWith("customer-") ? details("https://" + org + ".my.salesforce.com", "int@" + org + ".com")
					: null;
		};
		SalesforceSessions clients = clients(Map.of(), repository, 10);
		SalesforceSession customer = clients.session("customer-1");
		assertThat(clients.session("customer-1")).isSameAs(customer);
		clients.session("customer-1", "jane@customer-1.com");
		assertThat(lookups).hasValue(1);
		assertThat(this.created).containsExactly("customer-1/int@customer-1.com",
				"customer-1/jane@customer-1.com/per-user");
		assertThatIllegalArgumentException().isThrownBy(() -> clients.session("unknown"));
		clients.forget("customer-1");
		assertThat(clients.session("customer-1")).isNotSameAs(customer);
		assertThat(lookups).hasValue(3);
	}

	@Test
	void keepsAtMostMaxSizeSessionsBesidesTheConfiguredOnes() {
		SalesforceSessions clients = clients(Map.of("acme", details("https://acme.my.salesforce.com", "int@acme.com")),
				null, 5);
		SalesforceSession orgSession = clients.session("acme");
		SalesforceSession first = clients.session("acme", "user0@acme.com");
		for (int i = 1; i < 200; i++) {
			clients.session("acme", "user" + i + "@acme.com");
		}
		assertThat(clients.session("acme")).isSameAs(orgSession);
		assertThat(clients.session("acme", "user0@acme.com")).isNotSameAs(first);
	}

	@Test
	void usesTheDefaultSessionItIsGiven() {
		SalesforceConnectionDetails details = details("https://login.salesforce.com", "int@acme.com");
		SalesforceSession defaultSession = new SalesforceSession(SalesforceSessions.DEFAULT_ORG, details, false,
				new SalesforceTokenManager(Mono::empty));
		SalesforceSessions clients = new SalesforceSessions(Map.of(), defaultSession, null, this.factory, 10);
		assertThat(clients.session(SalesforceSessions.DEFAULT_ORG)).isSameAs(defaultSession);
		assertThat(clients.getConfiguredOrgs()).containsExactly("default");
		assertThat(clients.session("default", "jane@acme.com").getConnectionDetails().getUsername())
			.isEqualTo("jane@acme.com");
		assertThat(this.created).containsExactly("default/jane@acme.com/per-user");
	}

	private SalesforceSessions clients(Map<String, SalesforceConnectionDetails> orgs,
			SalesforceOrgRepository repository, long maxSize) {
		return new SalesforceSessions(orgs, null, repository, this.factory, maxSize);
	}

	private static SalesforceConnectionDetails details(String loginUrl, String username) {
		return SalesforceConnectionDetails.of(loginUrl, "3MVG9test", username, NOT_USED);
	}

}
