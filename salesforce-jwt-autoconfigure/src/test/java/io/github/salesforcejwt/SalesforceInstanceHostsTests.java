package io.github.salesforcejwt;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SalesforceInstanceHosts}.
 */
class SalesforceInstanceHostsTests {

	private final SalesforceInstanceHosts defaults = SalesforceInstanceHosts.salesforceOnly();

	@ParameterizedTest
	@ValueSource(strings = { "acme.my.salesforce.com", "ACME.My.Salesforce.COM", "acme.my.salesforce.com.",
			"na1.salesforce.com", "acme--dev.sandbox.my.salesforce.com", "acme.lightning.force.com",
			"acme.cloudforce.com", "acme.my.salesforce.mil", "acme.lightning.force.mil", "acme.cloudforce.mil",
			"acme.my.sfcrmproducts.cn", "acme.my.sfcrmapps.cn", "localhost", "127.0.0.1", "127.1.2.3", "[::1]" })
	void allowsSalesforceDomainsAndLoopbackHosts(String host) {
		assertThat(this.defaults.isAllowedHost(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil.example.com", "evilsalesforce.com", "salesforce.com", "force.com",
			"salesforce.com.evil.example", "acme.my.salesforce.com.evil.example", "acme.salesforce.co",
			"acme.salesforce.comx", "acme..salesforce.com", ".salesforce.com",
			"acme.salesforce\u3002com", "xn--salesforce.com", "10.0.0.1", "[2001:db8::1]", "" })
	void refusesOtherHostsAndLookalikes(String host) {
		assertThat(this.defaults.isAllowedHost(host)).isFalse();
	}

	@Test
	void refusesNoHost() {
		assertThat(this.defaults.isAllowedHost(null)).isFalse();
	}

	@Test
	void addsExactHostsAndSubdomainsOfDomains() {
		SalesforceInstanceHosts hosts = SalesforceInstanceHosts.of(List.of("api.example.com", ".Proxy.Example.ORG."));
		assertThat(hosts.getAllowedHosts()).containsExactly("api.example.com", ".proxy.example.org");
		assertThat(hosts.isAllowedHost("api.example.com")).isTrue();
		assertThat(hosts.isAllowedHost("API.example.com.")).isTrue();
		assertThat(hosts.isAllowedHost("other.api.example.com")).isFalse();
		assertThat(hosts.isAllowedHost("example.com")).isFalse();
		assertThat(hosts.isAllowedHost("notapi.example.com")).isFalse();
		assertThat(hosts.isAllowedHost("eu.proxy.example.org")).isTrue();
		assertThat(hosts.isAllowedHost("proxy.example.org")).isFalse();
		assertThat(hosts.isAllowedHost("evilproxy.example.org")).isFalse();
		assertThat(hosts.isAllowedHost("acme.my.salesforce.com")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.example.com", "api.example.com:443", "api.example.com/path", "*.example.com",
			".com", "", " ", "user@api.example.com", "exa mple.com", "api_example.com" })
	void refusesEntriesThatAreNotHostsOrDomains(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceInstanceHosts.of(List.of(entry)))
			.withMessageContaining("'" + entry + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://acme.my.salesforce.com", "https://acme.my.salesforce.com/",
			"https://ACME.my.salesforce.com:443", "https://acme.my.salesforce.mil", "http://localhost:8080",
			"https://localhost:8443", "http://127.0.0.1:9000", "http://[::1]:9000" })
	void acceptsInstanceUrlsOnAllowedHosts(String url) {
		assertThat(this.defaults.check(URI.create(url))).isNull();
		assertThat(this.defaults.isAllowed(URI.create(url))).isTrue();
	}

	@Test
	void refusesAnInstanceUrlOnAnotherHostNamingTheHostAndTheProperty() {
		assertThat(this.defaults.check(URI.create("https://evil.example.com"))).contains("evil.example.com")
			.contains("salesforce.jwt.allowed-instance-hosts");
	}

	@Test
	void refusesUserInformationNamingTheRealHost() {
		String problem = this.defaults.check(URI.create("https://login.salesforce.com@evil.example.com"));
		assertThat(problem).contains("user information").contains("evil.example.com");
		assertThat(this.defaults.check(URI.create("https://user:secret@acme.my.salesforce.com")))
			.contains("user information")
			.doesNotContain("secret");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://acme.my.salesforce.com?token=x", "https://acme.my.salesforce.com/#x",
			"https://acme.my.salesforce.com/services", "https://acme.my.salesforce.com//" })
	void refusesAQueryAFragmentOrAPath(String url) {
		assertThat(this.defaults.check(URI.create(url))).contains("acme.my.salesforce.com").doesNotContain("token=x");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://acme.my.salesforce.com", "ftp://acme.my.salesforce.com", "acme.my.salesforce.com",
			"/services/data", "https:///path" })
	void refusesPlainHttpOutsideLoopbackAndUrlsWithoutScheme(String url) {
		assertThat(this.defaults.check(URI.create(url))).isNotNull();
	}

	@Test
	void refusesPlainHttpToAnAddedHost() {
		SalesforceInstanceHosts hosts = SalesforceInstanceHosts.of(List.of("api.example.com"));
		assertThat(hosts.check(URI.create("https://api.example.com"))).isNull();
		assertThat(hosts.check(URI.create("http://api.example.com"))).contains("not https");
	}

	@Test
	void tellsForeignRequestUrisFromSalesforceOnes() {
		assertThat(this.defaults.isForeign(URI.create("/services/data/v66.0/limits"))).isFalse();
		assertThat(this.defaults.isForeign(URI.create("services/data"))).isFalse();
		assertThat(this.defaults.isForeign(URI.create("https://acme.my.salesforce.com/services/data"))).isFalse();
		assertThat(this.defaults.isForeign(URI.create("http://localhost:8080/services/data"))).isFalse();
		assertThat(this.defaults.isForeign(URI.create("https://evil.example.com/services/data"))).isTrue();
		assertThat(this.defaults.isForeign(URI.create("https://acme.my.salesforce.com.evil.example/x"))).isTrue();
		assertThat(this.defaults.isForeign(URI.create("http://acme.my.salesforce.com/services/data"))).isTrue();
		assertThat(this.defaults.isForeign(URI.create("https://login.salesforce.com@evil.example.com/x"))).isTrue();
		assertThat(this.defaults.isForeign(URI.create("//evil.example.com/x"))).isTrue();
		assertThat(this.defaults.isForeign(URI.create("mailto:someone@example.com"))).isTrue();
	}

}
