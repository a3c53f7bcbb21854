package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.salesforcejwt.SalesforceAuthenticationException;
import io.github.salesforcejwt.SalesforceToken;
import io.github.salesforcejwt.SalesforceTokenManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code instance_url} of a token response decides where the access token goes: it is
 * accepted only on Salesforce's domains, loopback addresses and the hosts of
 * {@code salesforce.jwt.allowed-instance-hosts}, and the token response is read strictly.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8,
		"salesforce.jwt.allowed-instance-hosts=api.example.org,.proxy.example.net",
		"salesforce.jwt.login.cool-down=0s", "salesforce.jwt.login.max-cool-down=0s",
		"salesforce.jwt.login.initial-backoff=5ms", "salesforce.jwt.login.max-backoff=5ms" })
@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
		@ConfigureWireMock(name = "instance") })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class SalesforceInstanceUrlTests {

	private static final String TOKEN = "00D!AQsecret.token";

	private static final String QUERY_PATH = "/services/data/v66.0/limits";

	@InjectWireMock("login")
	WireMockServer login;

	@InjectWireMock("instance")
	WireMockServer instance;

	@Autowired
	@Qualifier("salesforceWebClient")
	WebClient webClient;

	@Autowired
	SalesforceTokenManager tokenManager;

	@Autowired
	WebClient.Builder applicationBuilder;

	@Autowired
	JsonMapper applicationJsonMapper;

	@Test
	void refusesAnInstanceUrlOnAHostThatIsNotSalesforcesNamingTheHostAndTheProperty() {
		stubTokenEndpoint(SalesforceStubs.token(TOKEN, "https://evil.example.com"));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call).satisfies((ex) -> {
			assertThat(ex.isTransient()).isFalse();
			assertThat(ex.getMessage()).contains("evil.example.com")
				.contains("salesforce.jwt.allowed-instance-hosts")
				.doesNotContain(TOKEN);
		});
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
	}

	@Test
	void refusesUserInformationThatMakesAnotherHostLookLikeSalesforce() {
		stubTokenEndpoint(SalesforceStubs.token(TOKEN, "https://login.salesforce.com@evil.example.com"));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call).satisfies((ex) -> {
			assertThat(ex.isTransient()).isFalse();
			assertThat(ex.getMessage()).contains("user information before its host evil.example.com")
				.doesNotContain(TOKEN);
		});
	}

	@Test
	void refusesUserInformationEvenBeforeAnAllowedHostAndSendsItNothing() {
		String withUserInfo = this.instance.baseUrl().replace("://", "://login.salesforce.com@");
		stubTokenEndpoint(SalesforceStubs.token(TOKEN, withUserInfo));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("user information");
		assertThat(this.instance.getAllServeEvents()).isEmpty();
	}

	@Test
	void refusesATokenResponseWithADuplicateKey() {
		// Where the last key wins, the token would go to the second instance_url
		stubTokenEndpoint(SalesforceStubs.json(200, "{\"access_token\":\"" + TOKEN
				+ "\",\"instance_url\":\"https://evil.example.com\",\"instance_url\":\"" + this.instance.baseUrl()
				+ "\",\"token_type\":\"Bearer\"}"));
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(SalesforceStubs.json(200, "{}")));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call).satisfies((ex) -> {
			assertThat(ex.isTransient()).isFalse();
			assertThat(ex.getMessage()).contains("same key twice").doesNotContain(TOKEN);
		});
		assertThat(this.instance.getAllServeEvents()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "?token=x", "/#fragment", "/services/data", "//" })
	void refusesAnInstanceUrlWithAQueryAFragmentOrAPath(String suffix) {
		stubTokenEndpoint(SalesforceStubs.token(TOKEN, this.instance.baseUrl() + suffix));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call).satisfies((ex) -> {
			assertThat(ex.isTransient()).isFalse();
			assertThat(ex.getMessage()).contains("host localhost").doesNotContain("token=x").doesNotContain(TOKEN);
		});
		assertThat(this.instance.getAllServeEvents()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://acme.my.salesforce.com", "http://api.example.org" })
	void refusesPlainHttpOutsideLoopbackEvenForAnAllowedHost(String instanceUrl) {
		stubTokenEndpoint(SalesforceStubs.token(TOKEN, instanceUrl));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("not https")
			.satisfies((ex) -> assertThat(ex.isTransient()).isFalse());
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evilsalesforce.com", "https://salesforce.com", "https://salesforce.com.evil.example",
			"https://acme.my.salesforce.com.evil.example", "https://acme.salesforce.co",
			"https://api.example.org.evil.example", "https://evilapi.example.org", "https://proxy.example.net",
			"https://evilproxy.example.net" })
	void refusesLookalikesOfSalesforceDomainsAndOfAllowedHosts(String instanceUrl) {
		stubTokenEndpoint(SalesforceStubs.token(TOKEN, instanceUrl));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("is on host " + instanceUrl.substring("https://".length()))
			.withMessageContaining("salesforce.jwt.allowed-instance-hosts");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.example.org", "https://API.Example.org/", "https://eu.proxy.example.net",
			"https://acme.my.salesforce.com", "https://acme.my.salesforce.mil", "https://acme.my.sfcrmproducts.cn" })
	void acceptsSalesforcesDomainsAndTheHostsAddedWithTheProperty(String instanceUrl) {
		stubTokenEndpoint(SalesforceStubs.token(TOKEN, instanceUrl));
		SalesforceToken token = this.tokenManager.getToken().block(Duration.ofSeconds(10));
		assertThat(token).isNotNull();
		assertThat(token.getInstanceUrl().getHost()).isEqualToIgnoringCase(
				instanceUrl.substring("https://".length()).replace("/", ""));
	}

	@Test
	void readsAtMost64KiBOfTokenResponseWithItsOwnCodecsNotTheApplications() {
		String padding = "x".repeat(100 * 1024);
		String body = "{\"access_token\":\"" + TOKEN + "\",\"instance_url\":\"" + this.instance.baseUrl()
				+ "\",\"padding\":\"" + padding + "\"}";
		stubTokenEndpoint(SalesforceStubs.json(200, body));
		assertThatExceptionOfType(SalesforceAuthenticationException.class).isThrownBy(this::call)
			.withMessageContaining("larger than 65536 bytes");
		// The application's own clients still read such a body, and its mapper is unchanged
		this.instance.stubFor(get(urlPathEqualTo("/big")).willReturn(SalesforceStubs.json(200, body)));
		String read = this.applicationBuilder.build()
			.get()
			.uri(this.instance.baseUrl() + "/big")
			.retrieve()
			.bodyToMono(Padded.class)
			.map(Padded::padding)
			.block(Duration.ofSeconds(10));
		assertThat(read).hasSize(padding.length());
		assertThat(this.applicationJsonMapper.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION)).isFalse();
	}

	private void stubTokenEndpoint(ResponseDefinitionBuilder response) {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).willReturn(response));
	}

	private void call() {
		this.webClient.get().uri(QUERY_PATH).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
	}

	record Padded(String padding) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
