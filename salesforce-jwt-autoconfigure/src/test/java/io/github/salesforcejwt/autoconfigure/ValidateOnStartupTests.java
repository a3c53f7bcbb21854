package io.github.salesforcejwt.autoconfigure;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.salesforcejwt.SalesforceAuthenticationException;
import io.github.salesforcejwt.SalesforceLoginError;
import io.github.salesforcejwt.SalesforceTokenManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code salesforce.jwt.validate-on-startup}: the application logs in while it starts and
 * fails to start, with Salesforce's error and its fix, when Salesforce refuses.
 */
@SpringJUnitConfig(ValidateOnStartupTests.WireMockOnly.class)
@EnableWireMock(@ConfigureWireMock(name = "login"))
@ExtendWith(OutputCaptureExtension.class)
class ValidateOnStartupTests {

	@InjectWireMock("login")
	WireMockServer login;

	private ApplicationContextRunner runner;

	@BeforeEach
	void configure() {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SalesforceJwtAutoConfiguration.class))
			.withPropertyValues(properties());
	}

	private String[] properties() {
		return new String[] { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
				"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.login-url=" + this.login.baseUrl(),
				"salesforce.jwt.private-key=" + TestKeys.PKCS8 };
	}

	@ParameterizedTest
	@EnumSource(SalesforceLoginError.class)
	void failsToStartWithSalesforcesErrorAndItsFix(SalesforceLoginError known, CapturedOutput output) {
		String description = descriptionOf(known);
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.willReturn(SalesforceStubs.error(known.getError(), description)));
		this.runner.withPropertyValues("salesforce.jwt.validate-on-startup=true").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			SalesforceAuthenticationException refusal = findCause(failure);
			assertThat(refusal.getError()).isEqualTo(known.getError());
			assertThat(refusal.getFix()).isEqualTo(known.getFix());
			FailureAnalysis analysis = new SalesforceAuthenticationFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("Error: " + known.getError())
				.contains("Description: " + description)
				.contains("HTTP status: 400")
				.contains("Session: org 'default'")
				.contains("Token endpoint: " + this.login.baseUrl() + "/services/oauth2/token");
			assertThat(analysis.getAction()).isEqualTo(known.getFix());
			KeyMaterial.assertNoKeyMaterial(analysis.getDescription() + analysis.getAction());
		});
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
		KeyMaterial.assertNoKeyMaterial(output.toString());
	}

	@Test
	void startsAfterLoggingInWhenSalesforceAccepts(CapturedOutput output) {
		SalesforceStubs.stubToken(this.login, "00Dtoken!startup", "https://acme.my.salesforce.com");
		this.runner.withPropertyValues("salesforce.jwt.validate-on-startup=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
			assertThat(context.getBean(SalesforceTokenManager.class).getCurrentToken()).isNotNull();
		});
		assertThat(output).contains("Logged in to Salesforce org 'default' (salesforce.jwt.validate-on-startup)");
		// WireMock logs its stubs; the starter's own lines never show the token
		assertThat(output.getAll().lines().filter((line) -> line.contains("Logged in to Salesforce")))
			.isNotEmpty()
			.noneMatch((line) -> line.contains("00Dtoken!startup"));
	}

	@Test
	void doesNotLogInWhileStartingByDefault() {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.willReturn(SalesforceStubs.error("invalid_grant", "invalid assertion")));
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(SalesforceStubs.tokenRequests(this.login)).isZero();
		});
	}

	@Test
	void reportsTheFailureWhenARealApplicationFailsToStart(CapturedOutput output) {
		this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.willReturn(SalesforceStubs.error("invalid_grant", "invalid assertion")));
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> arguments = new java.util.ArrayList<>();
		for (String property : properties()) {
			arguments.add("--" + property);
		}
		arguments.add("--salesforce.jwt.validate-on-startup=true");
		assertThatThrownBy(() -> application.run(arguments.toArray(String[]::new)).close())
			.satisfies((failure) -> assertThat(findCause(failure).getError()).isEqualTo("invalid_grant"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Salesforce refused the JWT bearer login while the application started")
			.contains("Error: invalid_grant")
			.contains("Description: invalid assertion")
			.contains(SalesforceLoginError.INVALID_ASSERTION.getFix());
		KeyMaterial.assertNoKeyMaterial(output.toString());
	}

	@Test
	void failureAnalyzerIsRegistered() {
		Environment environment = new StandardEnvironment();
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, environment),
					FailureHandler.handleMessage((message, failure) -> {
						// other modules' analyzers need a BeanFactory: not the subject here
					}));
		assertThat(analyzers).hasAtLeastOneElementOfType(SalesforceAuthenticationFailureAnalyzer.class)
			.hasAtLeastOneElementOfType(InvalidSalesforceJwtPropertiesFailureAnalyzer.class);
	}

	private static SalesforceAuthenticationException findCause(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof SalesforceAuthenticationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("SalesforceAuthenticationException in %s", failure).isNotNull();
		return (SalesforceAuthenticationException) cause;
	}

	/**
	 * The error_description Salesforce sends with each known error.
	 */
	private static String descriptionOf(SalesforceLoginError error) {
		return switch (error) {
			case USER_NOT_APPROVED -> "user hasn't approved this consumer";
			case NOT_ADMIN_APPROVED -> "user is not admin approved to access this app";
			case INVALID_ASSERTION -> "invalid assertion";
			case EXPIRED_ASSERTION -> "expired authorization code";
			case INVALID_AUDIENCE -> "audience is invalid";
			case INVALID_CLIENT_ID -> "client identifier invalid";
			case APP_NOT_FOUND -> "External client app is not installed in this org";
			case LOGIN_RATE_EXCEEDED -> "login rate exceeded";
			case UNSUPPORTED_GRANT_TYPE -> "grant type not supported";
			case OTHER_INVALID_GRANT -> "authentication failure";
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class WireMockOnly {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
