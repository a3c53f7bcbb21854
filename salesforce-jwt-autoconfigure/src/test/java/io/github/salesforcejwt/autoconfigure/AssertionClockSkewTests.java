package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Clocks that disagree by a little: the default assertion lifetime leaves room for this
 * machine's clock to be ahead of or behind Salesforce's, and when Salesforce finds the
 * assertion expired, the fix says which way this machine's clock is off.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8,
		"salesforce.jwt.login.max-attempts=1", "salesforce.jwt.login.cool-down=0s",
		"salesforce.jwt.login.max-cool-down=0s" })
@EnableWireMock(@ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url",
		extensions = ClockCheckingTokenEndpoint.class))
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AssertionClockSkewTests {

	@InjectWireMock("login")
	WireMockServer login;

	@Autowired
	SalesforceTokenManager tokenManager;

	/**
	 * Salesforce's clock 2 s behind this machine's (this machine 2 s fast), and 2 s ahead
	 * (this machine 2 s slow).
	 */
	@ParameterizedTest
	@ValueSource(ints = { -2, 2 })
	void logsInWithTheDefaultLifetimeWhenTheClocksDisagreeByTwoSeconds(int serverClockOffsetSeconds) {
		stubTokenEndpoint(aResponse().withTransformers(ClockCheckingTokenEndpoint.NAME)
			.withTransformerParameter(ClockCheckingTokenEndpoint.SERVER_CLOCK_OFFSET, serverClockOffsetSeconds)
			.withTransformerParameter(ClockCheckingTokenEndpoint.INSTANCE_URL, this.login.baseUrl()));
		SalesforceToken token = this.tokenManager.getToken().block(Duration.ofSeconds(10));
		assertThat(token).isNotNull();
		assertThat(token.getAccessToken()).isEqualTo("00D!clock");
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, -200 })
	void saysWhichWayThisMachinesClockIsOffWhenTheAssertionExpired(int serverClockOffsetSeconds) {
		Instant serverNow = Instant.now().plusSeconds(serverClockOffsetSeconds);
		stubTokenEndpoint(SalesforceStubs.error("invalid_grant", "expired authorization code")
			.withHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(serverNow.atOffset(ZoneOffset.UTC))));
		String direction = (serverClockOffsetSeconds > 0) ? "behind" : "ahead of";
		assertThatExceptionOfType(SalesforceAuthenticationException.class)
			.isThrownBy(() -> this.tokenManager.getToken().block(Duration.ofSeconds(10)))
			.satisfies((ex) -> {
				assertThat(ex.getFix()).matches("This machine's clock is (199|200|201) s " + direction
						+ " Salesforce's \\(by the Date header of the token endpoint's answer\\).*");
				assertThat(ex.getMessage()).contains(ex.getFix());
			});
	}

	@Test
	void findsTheAssertionExpiredWhenThisMachinesClockIsFarBehind() {
		stubTokenEndpoint(aResponse().withTransformers(ClockCheckingTokenEndpoint.NAME)
			.withTransformerParameter(ClockCheckingTokenEndpoint.SERVER_CLOCK_OFFSET, 200)
			.withTransformerParameter(ClockCheckingTokenEndpoint.INSTANCE_URL, this.login.baseUrl()));
		assertThatExceptionOfType(SalesforceAuthenticationException.class)
			.isThrownBy(() -> this.tokenManager.getToken().block(Duration.ofSeconds(10)))
			.satisfies((ex) -> {
				assertThat(ex.getErrorDescription()).isEqualTo("expired authorization code");
				assertThat(ex.getFix()).startsWith("This machine's clock is").contains(" s behind Salesforce's");
			});
	}

	private void stubTokenEndpoint(ResponseDefinitionBuilder response) {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).willReturn(response));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
