package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jwt.SignedJWT;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.DefaultSalesforceLoginObservationConvention;
import io.github.salesforcejwt.SalesforceAuthenticationException;
import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.SalesforceJwtAssertionFactory;
import io.github.salesforcejwt.SalesforceJwtExchangeFilterFunction;
import io.github.salesforcejwt.SalesforceLoginObservationConvention;
import io.github.salesforcejwt.SalesforceTokenClient;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.github.salesforcejwt.SalesforceWebClientCustomizer;
import io.github.salesforcejwt.health.SalesforceHealthIndicator;
import io.github.salesforcejwt.metrics.SalesforceJwtMeterBinder;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SalesforceJwtAutoConfiguration}.
 */
class SalesforceJwtAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, SalesforceJwtAutoConfiguration.class));

	private final ApplicationContextRunner configuredRunner = this.contextRunner.withPropertyValues(
			"salesforce.jwt.consumer-key=3MVG9test.consumer.key", "salesforce.jwt.username=integration@acme.com",
			"salesforce.jwt.private-key=" + TestKeys.PKCS8);

	@Test
	void providesTheSalesforceBeans() {
		this.configuredRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SalesforceTokenManager.class);
			assertThat(context).hasSingleBean(SalesforceTokenClient.class);
			assertThat(context).hasSingleBean(SalesforceConnectionDetails.class);
			assertThat(context).getBean("salesforceJwtExchangeFilterFunction")
				.isInstanceOf(SalesforceJwtExchangeFilterFunction.class);
			assertThat(context).getBean("salesforceWebClient").isInstanceOf(WebClient.class);
		});
	}

	@Test
	void failsStartupNamingEveryMissingProperty() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			InvalidSalesforceJwtPropertiesException ex = rootCause(context);
			assertThat(ex.getProblems()).extracting(InvalidSalesforceJwtPropertiesException.Problem::property)
				.containsExactly("salesforce.jwt.consumer-key", "salesforce.jwt.username",
						"salesforce.jwt.private-key");
			assertThat(ex.getMessage()).contains("salesforce.jwt.consumer-key is not set")
				.contains("Consumer Key of the connected app")
				.contains("salesforce.jwt.username is not set")
				.contains("salesforce.jwt.private-key and salesforce.jwt.ssl-bundle are both not set");
		});
	}

	@Test
	void reportsMissingPropertiesWithADescriptionAndAnAction() {
		this.contextRunner.withPropertyValues("salesforce.jwt.consumer-key=3MVG9test").run((context) -> {
			FailureAnalysis analysis = new InvalidSalesforceJwtPropertiesFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("salesforce.jwt.username is not set")
				.contains("salesforce.jwt.private-key and salesforce.jwt.ssl-bundle are both not set")
				.doesNotContain("salesforce.jwt.consumer-key");
			assertThat(analysis.getAction()).contains("salesforce.jwt.username: Set it to the username")
				.contains("salesforce.jwt.enabled=false");
		});
	}

	@Test
	void configuresNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("salesforce.jwt.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SalesforceTokenManager.class);
			assertThat(context).doesNotHaveBean("salesforceWebClient");
		});
	}

	@Test
	void configuresNothingWithoutNimbus() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(NimbusJwtEncoder.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SalesforceTokenManager.class);
		});
	}

	@Test
	void worksWithoutActuatorOrMicrometer() {
		this.configuredRunner
			.withConfiguration(AutoConfigurations.of(SalesforceJwtHealthContributorAutoConfiguration.class,
					SalesforceJwtMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class, MeterBinder.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(SalesforceTokenManager.class);
				assertThat(context).getBean("salesforceWebClient").isInstanceOf(WebClient.class);
				assertThat(context).doesNotHaveBean(SalesforceHealthIndicator.class);
				assertThat(context).doesNotHaveBean(SalesforceJwtMeterBinder.class);
			});
	}

	@Test
	void addsHealthAndMetersWhenActuatorAndMicrometerArePresent() {
		this.configuredRunner
			.withConfiguration(AutoConfigurations.of(SalesforceJwtHealthContributorAutoConfiguration.class,
					SalesforceJwtMetricsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context.getBean("salesforceHealthContributor", CompositeReactiveHealthContributor.class)
					.getContributor("default")).isInstanceOf(SalesforceHealthIndicator.class);
				assertThat(context).hasSingleBean(SalesforceJwtMeterBinder.class);
			});
	}

	@Test
	void backsOffFromEveryBeanTheUserDefines() {
		this.configuredRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean(SalesforceTokenClient.class).isSameAs(UserBeans.TOKEN_CLIENT);
			assertThat(context).getBean(SalesforceTokenManager.class).isSameAs(UserBeans.TOKEN_MANAGER);
			assertThat(context).getBean("salesforceJwtExchangeFilterFunction").isSameAs(UserBeans.FILTER);
			assertThat(context).getBean("salesforceWebClient").isSameAs(UserBeans.WEB_CLIENT);
		});
	}

	@Test
	void doesNotNeedAKeyWhenTheUserSignsAssertionsItself() {
		this.contextRunner.withUserConfiguration(UserTokenClient.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean(SalesforceTokenClient.class).isSameAs(UserBeans.TOKEN_CLIENT);
			assertThat(context).hasSingleBean(SalesforceTokenManager.class);
		});
	}

	@Test
	void wrapsTheTokenClientWithTheLoginSettingsAndTheUsersObservationConvention() {
		this.contextRunner.withUserConfiguration(ObservedFailingTokenClient.class)
			.withPropertyValues("salesforce.jwt.login.max-attempts=2", "salesforce.jwt.login.initial-backoff=1ms",
					"salesforce.jwt.login.max-backoff=1ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ObservedFailingTokenClient user = context.getBean(ObservedFailingTokenClient.class);
				SalesforceTokenManager manager = context.getBean(SalesforceTokenManager.class);
				assertThatExceptionOfType(SalesforceAuthenticationException.class)
					.isThrownBy(() -> manager.getToken().block(Duration.ofSeconds(10)));
				assertThat(user.requests).hasValue(2);
				assertThat(user.observations).hasSize(2).allSatisfy((observation) -> {
					assertThat(observation.getName()).isEqualTo("acme.salesforce.login");
					assertThat(observation.getLowCardinalityKeyValue("org").getValue()).isEqualTo("default");
					assertThat(observation.getLowCardinalityKeyValue("outcome").getValue())
						.isEqualTo("transient_failure");
				});
			});
	}

	@Test
	void appliesSalesforceWebClientCustomizersToTheSalesforceClientOnly() {
		this.configuredRunner.withUserConfiguration(RecordingCustomizer.class).run((context) -> {
			assertThat(context).hasNotFailed();
			RecordingCustomizer customizer = context.getBean(RecordingCustomizer.class);
			assertThat(customizer.builders).hasSize(1);
			Object filter = context.getBean("salesforceJwtExchangeFilterFunction");
			customizer.builders.get(0).filters((filters) -> assertThat(filters).contains((ExchangeFilterFunction) filter));
			// the application's own builder, for its other clients, never gets the Salesforce filter
			context.getBean(WebClient.Builder.class)
				.filters((filters) -> assertThat(filters).doesNotContain((ExchangeFilterFunction) filter));
		});
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			https://login.salesforce.com,                    https://login.salesforce.com
			https://test.salesforce.com,                     https://test.salesforce.com
			https://acme--dev.sandbox.my.salesforce.com,     https://test.salesforce.com
			https://ACME--UAT.SANDBOX.MY.SALESFORCE.COM/,    https://test.salesforce.com
			https://acme.my.salesforce.com,                  https://login.salesforce.com
			http://127.0.0.1:8089,                           https://login.salesforce.com
			""")
	void derivesTheAudienceFromTheLoginUrl(String loginUrl, String audience) {
		this.configuredRunner.withPropertyValues("salesforce.jwt.login-url=" + loginUrl)
			.run((context) -> assertThat(context.getBean(SalesforceConnectionDetails.class).getAudience())
				.isEqualTo(audience));
	}

	@Test
	void usesTheConfiguredAudienceForExternalClientApps() {
		this.configuredRunner
			.withPropertyValues("salesforce.jwt.login-url=https://acme.my.salesforce.com",
					"salesforce.jwt.audience=https://acme.my.salesforce.com")
			.run((context) -> assertThat(context.getBean(SalesforceConnectionDetails.class).getAudience())
				.isEqualTo("https://acme.my.salesforce.com"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://login.salesforce.com                          | is not https
			https://login.salesforce.com/services/oauth2/token   | has a path, query or fragment
			https://login.salesforce.com#top                     | has a path, query or fragment
			https://user:secret@login.salesforce.com             | has user information before the host
			login.salesforce.com                                 | is not an absolute https URL
			ftp://login.salesforce.com                           | is not an absolute https URL
			""")
	void refusesALoginUrlThatIsNotAnHttpsHost(String loginUrl, String reason) {
		this.configuredRunner.withPropertyValues("salesforce.jwt.login-url=" + loginUrl).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context).getProblems()).singleElement().satisfies((problem) -> {
				assertThat(problem.property()).isEqualTo("salesforce.jwt.login-url");
				assertThat(problem.reason()).contains(reason);
			});
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://admin:S3cretPass@login.salesforce.com", "http://admin:S3cretPass@example.com",
			"ftp://admin:S3cretPass@example.com" })
	void neverShowsAPasswordGivenInTheLoginUrl(String loginUrl) {
		this.configuredRunner.withPropertyValues("salesforce.jwt.login-url=" + loginUrl).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context).getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo("salesforce.jwt.login-url"));
			assertThat(rootCause(context).getMessage()).doesNotContain("S3cretPass");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "0s", "-5s" })
	void refusesAMaximumIdleTimeThatIsNotPositive(String maxIdleTime) {
		this.configuredRunner.withPropertyValues("salesforce.jwt.connections.max-idle-time=" + maxIdleTime)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("Failed to bind properties under 'salesforce.jwt.connections'")
					.hasStackTraceContaining("property max-idle-time")
					.rootCause()
					.hasMessageContaining("must be a positive duration, such as 30s");
			});
	}

	@Test
	void dropsATrailingSlashFromTheConfiguredAudience() {
		this.configuredRunner.withPropertyValues("salesforce.jwt.audience=https://acme.my.salesforce.com/")
			.run((context) -> assertThat(context.getBean(SalesforceConnectionDetails.class).getAudience())
				.isEqualTo("https://acme.my.salesforce.com"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "login.salesforce.com", "http://login.salesforce.com", " " })
	void refusesAnAudienceThatIsNotAnHttpsUrl(String audience) {
		this.configuredRunner.withPropertyValues("salesforce.jwt.audience=" + audience).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context).getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo("salesforce.jwt.audience"));
		});
	}

	@Test
	void readsPemTextThatIsBase64EncodedOnceMore() {
		String encoded = java.util.Base64.getEncoder()
			.encodeToString(TestKeys.text(TestKeys.PKCS8).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		assertSignsVerifiably("salesforce.jwt.private-key=" + encoded);
	}

	@Test
	void neverShowsABase64SecretThatIsNotAKey() {
		String encoded = java.util.Base64.getEncoder()
			.encodeToString("not a key at all, but a secret all the same, long enough to look like one"
				.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		this.configuredRunner.withPropertyValues("salesforce.jwt.private-key=" + encoded).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context).getMessage()).contains("salesforce.jwt.private-key")
				.doesNotContain(encoded.substring(0, 20));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "0s", "-1s", "4m" })
	void refusesAnAssertionLifetimeSalesforceWouldNotAccept(String lifetime) {
		this.configuredRunner.withPropertyValues("salesforce.jwt.assertion-lifetime=" + lifetime).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context).getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo("salesforce.jwt.assertion-lifetime"));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.example.com", "*.example.com", ".com", "api.example.com:8443" })
	void refusesAllowedInstanceHostsThatAreNeitherHostsNorDomains(String entry) {
		this.configuredRunner.withPropertyValues("salesforce.jwt.allowed-instance-hosts=" + entry).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context).getProblems()).singleElement().satisfies((problem) -> {
				assertThat(problem.property()).isEqualTo("salesforce.jwt.allowed-instance-hosts");
				assertThat(problem.reason()).contains("'" + entry + "'");
			});
		});
	}

	@Test
	void providesTheInstanceHostsWithTheHostsAddedByTheProperty() {
		this.configuredRunner.withPropertyValues("salesforce.jwt.allowed-instance-hosts=API.example.com,.example.org")
			.run((context) -> {
				assertThat(context).hasSingleBean(SalesforceInstanceHosts.class);
				SalesforceInstanceHosts hosts = context.getBean(SalesforceInstanceHosts.class);
				assertThat(hosts.getAllowedHosts()).containsExactly("api.example.com", ".example.org");
				assertThat(hosts.isAllowedHost("eu.example.org")).isTrue();
				assertThat(hosts.isAllowedHost("acme.my.salesforce.com")).isTrue();
			});
	}

	@Test
	void refusesLoginSettingsThatCannotWork() {
		this.configuredRunner
			.withPropertyValues("salesforce.jwt.login.max-attempts=0", "salesforce.jwt.login.timeout=0s",
					"salesforce.jwt.token-time-to-live=-5m")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context).getProblems()).extracting(InvalidSalesforceJwtPropertiesException.Problem::property)
					.containsExactly("salesforce.jwt.login.max-attempts", "salesforce.jwt.login.timeout",
							"salesforce.jwt.token-time-to-live");
			});
	}

	@Test
	void readsAPkcs8KeyFromALocation() {
		assertSignsVerifiably("salesforce.jwt.private-key=" + TestKeys.PKCS8);
	}

	@Test
	void readsAPkcs1KeyFromALocation() {
		assertSignsVerifiably("salesforce.jwt.private-key=" + TestKeys.PKCS1);
	}

	@Test
	void readsAPkcs8KeyFromInlineText() {
		assertSignsVerifiably("salesforce.jwt.private-key=" + TestKeys.text(TestKeys.PKCS8));
	}

	@Test
	void readsAPkcs1KeyFromInlineText() {
		assertSignsVerifiably("salesforce.jwt.private-key=" + TestKeys.text(TestKeys.PKCS1));
	}

	@Test
	void readsInlineTextWithEscapedLineBreaksAsEnvironmentVariablesCarryIt() {
		assertSignsVerifiably("salesforce.jwt.private-key=" + TestKeys.text(TestKeys.PKCS1).replace("\n", "\\n"));
	}

	@Test
	void readsAnEncryptedPkcs8KeyWithItsPassword() {
		assertSignsVerifiably("salesforce.jwt.private-key=" + TestKeys.ENCRYPTED,
				"salesforce.jwt.private-key-password=changeit");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			classpath:keys/ec-pkcs8.pem           |                | is not an RSA key but EC; Salesforce signs JWT bearer assertions with RSA (RS256) only
			classpath:keys/rsa-1024.pem           |                | is an RSA key of 1024 bits; Salesforce needs 2048 bits or more
			classpath:keys/rsa-2048-encrypted.pem |                | is an encrypted private key but salesforce.jwt.private-key-password is not set
			classpath:keys/rsa-2048-encrypted.pem | wrong-password | could not be decrypted with salesforce.jwt.private-key-password
			classpath:keys/rsa-2048-legacy-encrypted.pem | changeit | is a legacy encrypted PKCS#1 key (Proc-Type: 4,ENCRYPTED)
			classpath:keys/rsa-2048-cert.pem      |                | holds no private key
			file:/nonexistent/salesforce-key.pem  |                | points to 'file:/nonexistent/salesforce-key.pem', which does not exist
			classpath:keys/README.txt             |                | which holds no PEM content
			""")
	void failsStartupNamingThePrivateKeyAndTheReason(String location, String password, String reason) {
		List<String> properties = new ArrayList<>(List.of("salesforce.jwt.private-key=" + location));
		if (password != null) {
			properties.add("salesforce.jwt.private-key-password=" + password);
		}
		this.configuredRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			InvalidSalesforceJwtPropertiesException ex = rootCause(context);
			assertThat(ex.getProblems()).singleElement().satisfies((problem) -> {
				assertThat(problem.property()).isEqualTo("salesforce.jwt.private-key");
				assertThat(problem.reason()).contains(reason);
			});
		});
	}

	@Test
	void neverShowsInlineKeyMaterialWhenTheKeyIsRefused() {
		String ecKey = TestKeys.text(TestKeys.EC);
		String garbage = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7 not really a key";
		for (String value : List.of(ecKey, garbage, "-----BEGIN PRIVATE KEY-----\nnonsense\n-----END PRIVATE KEY-----")) {
			this.configuredRunner.withPropertyValues("salesforce.jwt.private-key=" + value).run((context) -> {
				assertThat(context).hasFailed();
				String message = rootCause(context).getMessage();
				assertThat(message).contains("salesforce.jwt.private-key");
				for (String line : value.split("\n")) {
					if (!line.startsWith("-----")) {
						assertThat(message).doesNotContain(line.substring(0, Math.min(20, line.length())));
					}
				}
			});
		}
	}

	private void assertSignsVerifiably(String... keyProperties) {
		this.configuredRunner.withPropertyValues(keyProperties).run((context) -> {
			assertThat(context).hasNotFailed();
			String assertion = TestKeys.assertions(context).createAssertion();
			SignedJWT jwt = TestKeys.verifiedAssertion(assertion);
			assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("3MVG9test.consumer.key");
		});
	}

	private static InvalidSalesforceJwtPropertiesException rootCause(AssertableApplicationContext context) {
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidSalesforceJwtPropertiesException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("InvalidSalesforceJwtPropertiesException in the causes").isNotNull();
		return (InvalidSalesforceJwtPropertiesException) failure;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final SalesforceTokenClient TOKEN_CLIENT = Mono::empty;

		static final SalesforceTokenManager TOKEN_MANAGER = new SalesforceTokenManager(TOKEN_CLIENT);

		static final ExchangeFilterFunction FILTER = new SalesforceJwtExchangeFilterFunction(TOKEN_MANAGER);

		static final WebClient WEB_CLIENT = WebClient.create();

		@Bean
		SalesforceTokenClient userTokenClient() {
			return TOKEN_CLIENT;
		}

		@Bean
		SalesforceTokenManager userTokenManager() {
			return TOKEN_MANAGER;
		}

		@Bean
		ExchangeFilterFunction salesforceJwtExchangeFilterFunction() {
			return FILTER;
		}

		@Bean
		WebClient salesforceWebClient() {
			return WEB_CLIENT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTokenClient {

		@Bean
		SalesforceTokenClient userTokenClient() {
			return UserBeans.TOKEN_CLIENT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObservedFailingTokenClient {

		final AtomicInteger requests = new AtomicInteger();

		final List<Observation.Context> observations = new CopyOnWriteArrayList<>();

		@Bean
		SalesforceTokenClient failingTokenClient() {
			return () -> Mono.defer(() -> {
				this.requests.incrementAndGet();
				return Mono.error(new IllegalStateException("connection reset"));
			});
		}

		@Bean
		SalesforceLoginObservationConvention acmeLoginObservationConvention() {
			return new DefaultSalesforceLoginObservationConvention("acme.salesforce.login");
		}

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

				@Override
				public void onStop(Observation.Context context) {
					ObservedFailingTokenClient.this.observations.add(context);
				}

			});
			return registry;
		}

	}

	static class RecordingCustomizer implements SalesforceWebClientCustomizer {

		final List<WebClient.Builder> builders = new ArrayList<>();

		@Override
		public void customize(WebClient.Builder webClientBuilder) {
			this.builders.add(webClientBuilder);
		}

	}

}
