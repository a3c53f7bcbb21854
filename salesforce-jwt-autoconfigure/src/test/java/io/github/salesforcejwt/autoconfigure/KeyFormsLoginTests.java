package io.github.salesforcejwt.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jwt.SignedJWT;
import io.github.salesforcejwt.SalesforceJwtAssertionFactory;
import io.github.salesforcejwt.SalesforceToken;
import io.github.salesforcejwt.SalesforceTokenManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each form of key logs in against a token endpoint whose received assertion is verified
 * against the certificate of the key.
 */
@SpringJUnitConfig
@EnableWireMock(@ConfigureWireMock(name = "login"))
@ExtendWith(OutputCaptureExtension.class)
class KeyFormsLoginTests {

	@InjectWireMock("login")
	WireMockServer login;

	private ApplicationContextRunner runner;

	@BeforeEach
	void stubLogin() {
		SalesforceStubs.stubToken(this.login, "00Dtoken!keys", "https://acme.my.salesforce.com");
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SalesforceJwtAutoConfiguration.class))
			.withPropertyValues("salesforce.jwt.consumer-key=3MVG9test.consumer.key",
					"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.login-url=" + this.login.baseUrl());
	}

	@Test
	void logsInWithPkcs8PemKey() {
		assertLogsInWith(TestKeys.CERTIFICATE, "salesforce.jwt.private-key=" + TestKeys.PKCS8);
	}

	@Test
	void logsInWithPkcs1PemKey() {
		assertLogsInWith(TestKeys.CERTIFICATE, "salesforce.jwt.private-key=" + TestKeys.PKCS1);
	}

	@Test
	void logsInWithEncryptedPkcs8PemKey() {
		assertLogsInWith(TestKeys.CERTIFICATE, "salesforce.jwt.private-key=" + TestKeys.ENCRYPTED,
				"salesforce.jwt.private-key-password=changeit");
	}

	@Test
	void logsInWithInlinePemText() {
		assertLogsInWith(TestKeys.CERTIFICATE, "salesforce.jwt.private-key=" + TestKeys.text(TestKeys.PKCS8));
	}

	@Test
	void logsInWithInlinePemTextWhoseLineBreaksAreEscapedAsInAnEnvironmentVariable() {
		String escaped = TestKeys.text(TestKeys.PKCS1).strip().replace("\n", "\\n");
		assertThat(escaped).doesNotContain("\n");
		assertLogsInWith(TestKeys.CERTIFICATE, "salesforce.jwt.private-key=" + escaped);
	}

	@Test
	void logsInWithInlinePemTextAndMatchingCertificate() {
		assertLogsInWith(TestKeys.CERTIFICATE, "salesforce.jwt.private-key=" + TestKeys.text(TestKeys.ENCRYPTED),
				"salesforce.jwt.private-key-password=changeit",
				"salesforce.jwt.certificate=" + TestKeys.text(TestKeys.CERTIFICATE));
	}

	@Test
	void logsInWithJksBundle() {
		assertLogsInWith(TestKeys.CERTIFICATE, "salesforce.jwt.ssl-bundle=salesforce",
				"spring.ssl.bundle.jks.salesforce.keystore.location=classpath:keys/rsa-2048.jks",
				"spring.ssl.bundle.jks.salesforce.keystore.type=JKS",
				"spring.ssl.bundle.jks.salesforce.keystore.password=changeit");
	}

	@Test
	void logsInWithPkcs12Bundle() {
		assertLogsInWith(TestKeys.CERTIFICATE, "salesforce.jwt.ssl-bundle=salesforce",
				"spring.ssl.bundle.jks.salesforce.keystore.location=classpath:keys/rsa-2048.p12",
				"spring.ssl.bundle.jks.salesforce.keystore.type=PKCS12",
				"spring.ssl.bundle.jks.salesforce.keystore.password=changeit",
				"salesforce.jwt.certificate=" + TestKeys.CERTIFICATE);
	}

	@Test
	void logsInWithPemBundle() {
		assertLogsInWith(TestKeys.CERTIFICATE, "salesforce.jwt.ssl-bundle=salesforce",
				"spring.ssl.bundle.pem.salesforce.keystore.certificate=" + TestKeys.CERTIFICATE,
				"spring.ssl.bundle.pem.salesforce.keystore.private-key=" + TestKeys.PKCS1);
	}

	@Test
	void logsInWithTheKeyNamedByKeyAliasWhenTheStoreHoldsSeveral() {
		String[] bundle = { "salesforce.jwt.ssl-bundle=salesforce",
				"spring.ssl.bundle.jks.salesforce.keystore.location=classpath:keys/two-keys.p12",
				"spring.ssl.bundle.jks.salesforce.keystore.password=changeit" };
		this.runner.withPropertyValues(bundle).withPropertyValues("salesforce.jwt.key-alias=other").run((context) -> {
			String assertion = logIn(context);
			assertThat(KeyMaterial.verifies(assertion, KeyMaterial.OTHER_CERTIFICATE)).isTrue();
			assertThat(KeyMaterial.verifies(assertion, TestKeys.CERTIFICATE)).isFalse();
		});
		this.login.resetRequests();
		assertLogsInWith(TestKeys.CERTIFICATE, concat(bundle, "salesforce.jwt.key-alias=salesforce"));
	}

	@Test
	void signsTheNextLoginWithTheNewKeyWhenThePemBundleReloads(@TempDir Path directory, CapturedOutput output)
			throws Exception {
		Path key = directory.resolve("key.pem");
		Path certificate = directory.resolve("cert.pem");
		Files.writeString(key, TestKeys.text(TestKeys.PKCS8));
		Files.writeString(certificate, TestKeys.text(TestKeys.CERTIFICATE));
		this.runner
			.withPropertyValues("salesforce.jwt.ssl-bundle=rotating",
					"spring.ssl.bundle.pem.rotating.keystore.private-key=" + key.toUri(),
					"spring.ssl.bundle.pem.rotating.keystore.certificate=" + certificate.toUri(),
					"spring.ssl.bundle.pem.rotating.reload-on-update=true",
					"spring.ssl.bundle.watch.file.quiet-period=100ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SalesforceToken first = context.getBean(SalesforceTokenManager.class)
					.getToken()
					.block(Duration.ofSeconds(10));
				TestKeys.verifiedAssertion(receivedAssertions().get(0));
				// Rotate: a new key and its certificate replace the files
				Files.writeString(key, TestKeys.text(TestKeys.OTHER));
				Files.writeString(certificate, TestKeys.text(KeyMaterial.OTHER_CERTIFICATE));
				SalesforceJwtAssertionFactory assertions = TestKeys.assertions(context);
				await().atMost(Duration.ofSeconds(20))
					.pollInterval(Duration.ofMillis(50))
					.until(() -> KeyMaterial.verifies(assertions.createAssertion(), KeyMaterial.OTHER_CERTIFICATE));
				context.getBean(SalesforceTokenManager.class).renewToken(first).block(Duration.ofSeconds(10));
				List<String> received = receivedAssertions();
				assertThat(received).hasSize(2);
				assertThat(KeyMaterial.verifies(received.get(1), KeyMaterial.OTHER_CERTIFICATE)).isTrue();
				assertThat(KeyMaterial.verifies(received.get(1), TestKeys.CERTIFICATE)).isFalse();
			});
		assertThat(output).contains("SSL bundle 'rotating' was reloaded");
		KeyMaterial.assertNoKeyMaterial(output.toString());
	}

	private void assertLogsInWith(String certificate, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			String assertion = logIn(context);
			SignedJWT jwt = verified(assertion, certificate);
			assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("3MVG9test.consumer.key");
			assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("integration@acme.com");
		});
	}

	private String logIn(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		SalesforceToken token = context.getBean(SalesforceTokenManager.class).getToken().block(Duration.ofSeconds(10));
		assertThat(token).isNotNull();
		assertThat(token.getInstanceUrl()).hasToString("https://acme.my.salesforce.com");
		List<String> assertions = receivedAssertions();
		assertThat(assertions).hasSize(1);
		return assertions.get(0);
	}

	private SignedJWT verified(String assertion, String certificate) {
		if (certificate.equals(TestKeys.CERTIFICATE)) {
			return TestKeys.verifiedAssertion(assertion);
		}
		assertThat(KeyMaterial.verifies(assertion, certificate)).isTrue();
		try {
			return SignedJWT.parse(assertion);
		}
		catch (java.text.ParseException ex) {
			throw new AssertionError(ex);
		}
	}

	private List<String> receivedAssertions() {
		List<LoggedRequest> requests = this.login.findAll(postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)));
		return requests.stream().map((request) -> TestKeys.form(request.getBodyAsString()).get("assertion")).toList();
	}

	private static String[] concat(String[] values, String value) {
		String[] result = java.util.Arrays.copyOf(values, values.length + 1);
		result[values.length] = value;
		return result;
	}

	@Configuration(proxyBeanMethods = false)
	static class WireMockOnly {

	}

}
