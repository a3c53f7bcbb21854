package io.github.salesforcejwt.autoconfigure.service;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP service interfaces in the {@code salesforce} group (the default org) and the
 * {@code salesforce-acme} group (a named org), backed by {@code RestClient} and by
 * {@code WebClient}: each reaches its org's instance with its org's token.
 */
class HttpServiceGroupsTests {

	static final String QUERY = "/services/data/v66.0/query";

	interface AccountsApi {

		@GetExchange(QUERY)
		String query(@RequestParam("q") String soql);

	}

	interface ReactiveAccountsApi {

		@GetExchange(QUERY)
		Mono<String> query(@RequestParam("q") String soql);

	}

	@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
			@ConfigureWireMock(name = "instance"), @ConfigureWireMock(name = "acme-login",
					baseUrlProperties = "salesforce.jwt.orgs.acme.login-url"),
			@ConfigureWireMock(name = "acme-instance") })
	abstract static class Base {

		@InjectWireMock("login")
		WireMockServer login;

		@InjectWireMock("instance")
		WireMockServer instance;

		@InjectWireMock("acme-login")
		WireMockServer acmeLogin;

		@InjectWireMock("acme-instance")
		WireMockServer acmeInstance;

		@BeforeEach
		void stubOrgs() {
			stub(this.login, this.instance, "00D!default");
			stub(this.acmeLogin, this.acmeInstance, "00D!acme");
		}

		private static void stub(WireMockServer login, WireMockServer instance, String token) {
			login.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"access_token\":\"" + token + "\",\"instance_url\":\"" + instance.baseUrl()
						+ "\",\"token_type\":\"Bearer\"}")));
			instance.stubFor(get(urlPathEqualTo(QUERY)).withQueryParam("q", equalTo("SELECT Id FROM Account"))
				.withHeader("Authorization", equalTo("Bearer " + token))
				.willReturn(okJson("{\"token\":\"" + token + "\"}")));
		}

	}

	@Nested
	@SpringBootTest(classes = RestDefaultWebNamed.class, properties = { "salesforce.jwt.consumer-key=3MVG9test",
			"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=classpath:keys/rsa-2048-pkcs8.pem",
			"salesforce.jwt.orgs.acme.username=integration@acme.com" })
	class RestClientForTheDefaultOrgAndWebClientForANamedOne extends Base {

		@Autowired
		AccountsApi defaultOrg;

		@Autowired
		ReactiveAccountsApi acme;

		@Test
		void reachesEachOrgsInstanceWithItsToken() {
			assertThat(this.defaultOrg.query("SELECT Id FROM Account")).isEqualTo("{\"token\":\"00D!default\"}");
			assertThat(this.acme.query("SELECT Id FROM Account").block(Duration.ofSeconds(30)))
				.isEqualTo("{\"token\":\"00D!acme\"}");
		}

	}

	@Nested
	@SpringBootTest(classes = WebDefaultRestNamed.class, properties = { "salesforce.jwt.consumer-key=3MVG9test",
			"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=classpath:keys/rsa-2048-pkcs8.pem",
			"salesforce.jwt.orgs.acme.username=integration@acme.com" })
	class WebClientForTheDefaultOrgAndRestClientForANamedOne extends Base {

		@Autowired
		ReactiveAccountsApi defaultOrg;

		@Autowired
		AccountsApi acme;

		@Test
		void reachesEachOrgsInstanceWithItsToken() {
			assertThat(this.defaultOrg.query("SELECT Id FROM Account").block(Duration.ofSeconds(30)))
				.isEqualTo("{\"token\":\"00D!default\"}");
			assertThat(this.acme.query("SELECT Id FROM Account")).isEqualTo("{\"token\":\"00D!acme\"}");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "salesforce", types = AccountsApi.class)
	@ImportHttpServices(group = "salesforce-acme", types = ReactiveAccountsApi.class, clientType = ClientType.WEB_CLIENT)
	static class RestDefaultWebNamed {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "salesforce", types = ReactiveAccountsApi.class, clientType = ClientType.WEB_CLIENT)
	@ImportHttpServices(group = "salesforce-acme", types = AccountsApi.class)
	static class WebDefaultRestNamed {

	}

}
