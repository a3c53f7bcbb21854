package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.salesforcejwt.SalesforceAuthenticationException;
import io.github.salesforcejwt.SalesforceClient;
import io.github.salesforcejwt.SalesforceClients;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceJwtEncoders;
import io.github.salesforcejwt.SalesforceOrgRepository;
import io.github.salesforcejwt.SalesforceTokenManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Several orgs: {@code salesforce.jwt.orgs}, orgs found at run time, per-user sessions,
 * the {@code JwtEncoder} seam, and the starter's clients kept out of by-type injection.
 */
@SpringJUnitConfig(ValidateOnStartupTests.WireMockOnly.class)
@EnableWireMock({ @ConfigureWireMock(name = "login-a"), @ConfigureWireMock(name = "instance-a"),
		@ConfigureWireMock(name = "login-b"), @ConfigureWireMock(name = "instance-b") })
class SalesforceOrgsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String QUERY = "/services/data/v66.0/query";

	@InjectWireMock("login-a")
	WireMockServer loginA;

	@InjectWireMock("instance-a")
	WireMockServer instanceA;

	@InjectWireMock("login-b")
	WireMockServer loginB;

	@InjectWireMock("instance-b")
	WireMockServer instanceB;

	private ApplicationContextRunner runner;

	@BeforeEach
	void configure() {
		SalesforceStubs.stubToken(this.loginA, "00DA!token", this.instanceA.baseUrl());
		SalesforceStubs.stubToken(this.loginB, "00DB!token", this.instanceB.baseUrl());
		this.instanceA.stubFor(get(urlPathEqualTo(QUERY)).withHeader("Authorization", equalTo("Bearer 00DA!token"))
			.willReturn(okJson("{\"org\":\"a\"}")));
		this.instanceB.stubFor(get(urlPathEqualTo(QUERY)).withHeader("Authorization", equalTo("Bearer 00DB!token"))
			.willReturn(okJson("{\"org\":\"b\"}")));
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, SslAutoConfiguration.class,
					SalesforceJwtAutoConfiguration.class))
			.withPropertyValues("salesforce.jwt.consumer-key=3MVG9shared.consumer.key",
					"salesforce.jwt.private-key=" + TestKeys.PKCS8,
					"salesforce.jwt.orgs.acme.username=integration@acme.com",
					"salesforce.jwt.orgs.acme.login-url=" + this.loginA.baseUrl(),
					"salesforce.jwt.orgs.globex.username=integration@globex.com",
					"salesforce.jwt.orgs.globex.login-url=" + this.loginB.baseUrl());
	}

	@Test
	void sendsEachOrgsCallsToItsOwnInstanceWithItsOwnTokenSharingTheAppsKey() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			SalesforceClients clients = context.getBean(SalesforceClients.class);
			assertThat(clients.getConfiguredOrgs()).containsExactly("acme", "globex");
			assertThat(query(clients.webClient("acme"), QUERY)).isEqualTo("{\"org\":\"a\"}");
			assertThat(query(clients.webClient("globex"), QUERY)).isEqualTo("{\"org\":\"b\"}");
			assertThat(clients.webClient("acme")).isSameAs(clients.webClient("acme"));
			LoggedRequest loginA = this.loginA.findAll(postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)))
				.get(0);
			LoggedRequest loginB = this.loginB.findAll(postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)))
				.get(0);
			assertThat(TestKeys.verifiedAssertion(TestKeys.form(loginA.getBodyAsString()).get("assertion"))
				.getJWTClaimsSet()
				.getSubject()).isEqualTo("integration@acme.com");
			assertThat(TestKeys.verifiedAssertion(TestKeys.form(loginB.getBodyAsString()).get("assertion"))
				.getJWTClaimsSet()
				.getIssuer()).isEqualTo("3MVG9shared.consumer.key");
			// No default org: the top level has no username
			assertThat(context).doesNotHaveBean(SalesforceTokenManager.class);
		});
	}

	@Test
	void neverSendsOneOrgsTokenToTheOtherOrgsInstance() {
		this.runner.run((context) -> {
			SalesforceClients clients = context.getBean(SalesforceClients.class);
			query(clients.webClient("acme"), QUERY);
			query(clients.webClient("globex"), QUERY);
			this.instanceB.stubFor(get(urlPathEqualTo("/elsewhere")).willReturn(okJson("{}")));
			this.instanceA.stubFor(get(urlPathEqualTo("/elsewhere")).willReturn(okJson("{}")));
			query(clients.webClient("acme"), this.instanceB.baseUrl() + "/elsewhere");
			query(clients.webClient("globex"), this.instanceA.baseUrl() + "/elsewhere");
			assertThat(this.instanceB.findAll(getRequestedFor(urlPathEqualTo("/elsewhere"))))
				.allSatisfy((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
			assertThat(this.instanceA.findAll(getRequestedFor(urlPathEqualTo("/elsewhere"))))
				.allSatisfy((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
			assertThat(this.instanceB.findAll(getRequestedFor(urlPathEqualTo(QUERY))))
				.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer 00DB!token"));
		});
	}

	@Test
	void failsAtStartupNamingTheOrgsPropertyAtFault() {
		this.runner.withPropertyValues("salesforce.jwt.orgs.initech.login-url=http://login.example.com")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("salesforce.jwt.orgs.initech.username is not set")
					.hasMessageContaining("salesforce.jwt.orgs.initech.login-url 'http://login.example.com' is not https");
			});
	}

	@Test
	void keepsTheDefaultOrgBesideNamedOnesWhenTheTopLevelHasAUsername() {
		this.runner
			.withPropertyValues("salesforce.jwt.username=integration@default.com",
					"salesforce.jwt.login-url=" + this.loginA.baseUrl())
			.run((context) -> {
				SalesforceClients clients = context.getBean(SalesforceClients.class);
				assertThat(clients.getConfiguredOrgs()).containsExactly("default", "acme", "globex");
				assertThat(clients.webClient()).isSameAs(context.getBean("salesforceWebClient"));
				assertThat(clients.session("default").getTokenManager())
					.isSameAs(context.getBean(SalesforceTokenManager.class));
			});
	}

	@Test
	void logsInAsAnotherUserOfAnOrgInASessionOfItsOwn() {
		this.runner.run((context) -> {
			SalesforceClients clients = context.getBean(SalesforceClients.class);
			query(clients.webClient("acme", "jane@acme.com"), QUERY);
			query(clients.webClient("acme"), QUERY);
			List<String> subjects = this.loginA.findAll(postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)))
				.stream()
				.map((request) -> subject(request))
				.toList();
			assertThat(subjects).containsExactly("jane@acme.com", "integration@acme.com");
		});
	}

	@Test
	void namesTheOrgAndThePerUserSessionWhenItsLoginIsRefused() {
		this.loginA.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).atPriority(1)
			.willReturn(SalesforceStubs.error("invalid_grant", "user hasn't approved this consumer")));
		this.runner.run((context) -> {
			SalesforceClients clients = context.getBean(SalesforceClients.class);
			assertThatExceptionOfType(SalesforceAuthenticationException.class)
				.isThrownBy(() -> query(clients.webClient("acme", "stranger@acme.com"), QUERY))
				.withMessageStartingWith("Salesforce org 'acme' (per-user session): Salesforce refused")
				.satisfies((ex) -> assertThat(ex.getSession()).isEqualTo("org 'acme' (per-user session)"));
			// The other org is untouched
			assertThat(query(clients.webClient("globex"), QUERY)).isEqualTo("{\"org\":\"b\"}");
		});
	}

	@Test
	void findsAnOrgAddedAtRunTimeThroughTheRepository() {
		this.runner.withUserConfiguration(RuntimeOrgs.class).run((context) -> {
			SalesforceClients clients = context.getBean(SalesforceClients.class);
			RuntimeOrgs orgs = context.getBean(RuntimeOrgs.class);
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> clients.webClient("customer-9"))
				.withMessageContaining("the configured orgs are [acme, globex]");
			orgs.loginUrl = this.loginB.baseUrl();
			assertThat(query(clients.webClient("customer-9"), QUERY)).isEqualTo("{\"org\":\"b\"}");
			assertThat(subject(this.loginB.findAll(postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)))
				.get(0))).isEqualTo("integration@customer-9.com");
		});
	}

	@Test
	void signsWithTheApplicationsJwtEncoderWithoutAnyKeyProperty() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, SslAutoConfiguration.class,
					SalesforceJwtAutoConfiguration.class))
			.withUserConfiguration(KmsEncoder.class)
			.withPropertyValues("salesforce.jwt.consumer-key=3MVG9test", "salesforce.jwt.username=integration@acme.com",
					"salesforce.jwt.login-url=" + this.loginA.baseUrl(), "salesforce.jwt.jwt-encoder=kmsEncoder")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(query(context.getBean(SalesforceClients.class).webClient(), QUERY))
					.isEqualTo("{\"org\":\"a\"}");
				assertThat(context.getBean(KmsEncoder.class).signed).isOne();
				LoggedRequest login = this.loginA.findAll(postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)))
					.get(0);
				assertThat(TestKeys.verifiedAssertion(TestKeys.form(login.getBodyAsString()).get("assertion"))
					.getHeader()
					.toJSONObject()).containsEntry("alg", "RS256").doesNotContainKey("kid");
			});
	}

	@Test
	void refusesAJwtEncoderNameWithoutSuchABean() {
		this.runner.withPropertyValues("salesforce.jwt.orgs.acme.jwt-encoder=missing").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("salesforce.jwt.orgs.acme.jwt-encoder names 'missing', but the application has "
						+ "no JwtEncoder bean of that name");
		});
	}

	@Test
	void leavesTheApplicationsOwnWebClientTheOneInjectedByType() {
		this.runner
			.withPropertyValues("salesforce.jwt.username=integration@default.com",
					"salesforce.jwt.login-url=" + this.loginA.baseUrl())
			.withUserConfiguration(OwnWebClient.class, InjectsByType.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				InjectsByType injected = context.getBean(InjectsByType.class);
				assertThat(injected.webClient).isSameAs(OwnWebClient.OWN);
				assertThat(injected.salesforce).isSameAs(context.getBean("salesforceWebClient"));
				assertThat(context.getBean(WebClient.class)).isSameAs(OwnWebClient.OWN);
			});
	}

	private static String subject(LoggedRequest request) {
		try {
			return TestKeys.verifiedAssertion(TestKeys.form(request.getBodyAsString()).get("assertion"))
				.getJWTClaimsSet()
				.getSubject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String query(WebClient client, String uri) {
		return client.get().uri(uri).retrieve().bodyToMono(String.class).block(TIMEOUT);
	}

	@Configuration(proxyBeanMethods = false)
	static class RuntimeOrgs implements SalesforceOrgRepository {

		volatile String loginUrl;

		@Override
		public SalesforceConnectionDetails findByName(String org) {
			String url = this.loginUrl;
			if (url == null || !org.startsWith("customer-")) {
				return null;
			}
			return SalesforceConnectionDetails.of(url, "3MVG9shared.consumer.key", "integration@" + org + ".com",
					SalesforceJwtEncoders.of(TestKeys.keyPair()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class KmsEncoder {

		int signed;

		@Bean
		JwtEncoder kmsEncoder() {
			// Stands in for a KMS: the key never reaches the starter
			JwtEncoder signer = SalesforceJwtEncoders.of(TestKeys.keyPair());
			return (parameters) -> {
				this.signed++;
				return signer.encode(parameters);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnWebClient {

		static final WebClient OWN = WebClient.create("https://api.example.com");

		@Bean
		WebClient ownWebClient() {
			return OWN;
		}

	}

	static class InjectsByType {

		@Autowired
		WebClient webClient;

		@Autowired
		@SalesforceClient
		WebClient salesforce;

	}

}
