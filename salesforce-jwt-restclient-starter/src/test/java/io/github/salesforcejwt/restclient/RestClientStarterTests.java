package io.github.salesforcejwt.restclient;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.salesforcejwt.RestClientSalesforceTokenClient;
import io.github.salesforcejwt.SalesforceClient;
import io.github.salesforcejwt.SalesforceRestClients;
import io.github.salesforcejwt.SalesforceTokenClient;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application built from {@code salesforce-jwt-restclient-starter} alone (no web server,
 * no WebFlux): it logs in over {@code RestClient} and calls the org through the
 * {@code salesforceRestClient} and {@link SalesforceRestClients}. The build's enforcer rule
 * checks that the starter's class path has no WebFlux, Reactor Netty or Netty.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com",
		"salesforce.jwt.private-key=classpath:rsa-2048-pkcs8.pem" })
@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
		@ConfigureWireMock(name = "instance") })
class RestClientStarterTests {

	private static final String QUERY = "/services/data/v66.0/query";

	@InjectWireMock("login")
	WireMockServer login;

	@InjectWireMock("instance")
	WireMockServer instance;

	@Autowired
	ApplicationContext context;

	@Autowired
	@SalesforceClient
	RestClient salesforce;

	@Autowired
	RestClient own;

	@Test
	void runsWithoutWebFlux() {
		assertThat(ClassUtils.isPresent("org.springframework.web.reactive.function.client.WebClient", null)).isFalse();
		assertThat(ClassUtils.isPresent("reactor.netty.http.client.HttpClient", null)).isFalse();
		assertThat(this.context.getBeanNamesForType(SalesforceRestClients.class)).containsExactly("salesforceRestClients");
		assertThat(this.context.getBean(SalesforceTokenClient.class)).isInstanceOf(RestClientSalesforceTokenClient.class);
	}

	@Test
	void logsInOverRestClientAndCallsTheInstanceWithTheToken() {
		this.login.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"00D!restclient\",\"instance_url\":\"" + this.instance.baseUrl()
					+ "\",\"id\":\"https://login.salesforce.com/id/00D410000012VvKEAU/005410000058zUdAAI\","
					+ "\"token_type\":\"Bearer\"}")));
		this.instance.stubFor(get(urlPathEqualTo(QUERY)).withHeader("Authorization", equalTo("Bearer 00D!restclient"))
			.willReturn(okJson("{\"totalSize\":0}")));
		assertThat(this.salesforce.get().uri(QUERY).retrieve().body(String.class)).isEqualTo("{\"totalSize\":0}");
		RestClient byEntryPoint = this.context.getBean(SalesforceRestClients.class).restClient();
		assertThat(byEntryPoint).isSameAs(this.salesforce);
		assertThat(byEntryPoint.get().uri(QUERY).retrieve().body(String.class)).isEqualTo("{\"totalSize\":0}");
		assertThat(this.login.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token")))).hasSize(1);
		assertThat(this.instance.findAll(getRequestedFor(urlPathEqualTo(QUERY)))).hasSize(2);
		// The application's own RestClient is still the one injected by type, and untouched
		assertThat(this.own).isSameAs(TestApplication.OWN);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		static final RestClient OWN = RestClient.create();

		@Bean
		RestClient ownRestClient() {
			return OWN;
		}

	}

}
