package io.github.salesforcejwt;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SalesforceHosts}.
 */
class SalesforceHostsTests {

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "LocalHost", "127.0.0.1", "127.1.2.3", "127.255.255.254", "[::1]", "::1" })
	void tellsLoopbackAddresses(String host) {
		assertThat(SalesforceHosts.isLoopback(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "10.0.0.1", "128.0.0.1", "0.0.0.0", "[2001:db8::1]", "acme.my.salesforce.com",
			"localhost.example.com", "127.0.0.1.example.com", "127-0-0-1", "127.0.0.x" })
	void tellsOtherHostsWithoutResolvingNames(String host) {
		assertThat(SalesforceHosts.isLoopback(host)).isFalse();
	}

	@Test
	void takesTheSandboxAudienceOnlyForSandboxLoginHosts() {
		assertThat(SalesforceHosts.audienceFor(URI.create("https://test.salesforce.com")))
			.isEqualTo(SalesforceHosts.SANDBOX);
		assertThat(SalesforceHosts.audienceFor(URI.create("https://acme--dev.sandbox.my.salesforce.com")))
			.isEqualTo(SalesforceHosts.SANDBOX);
		assertThat(SalesforceHosts.audienceFor(URI.create("https://acme.my.salesforce.com")))
			.isEqualTo(SalesforceHosts.PRODUCTION);
	}

}
