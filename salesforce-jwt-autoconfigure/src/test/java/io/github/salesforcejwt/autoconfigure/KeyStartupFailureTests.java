package io.github.salesforcejwt.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each bad key input fails the startup with a message that names the property and the
 * reason, and shows no key material.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyStartupFailureTests {

	private static final String JKS_BUNDLE = "spring.ssl.bundle.jks.salesforce.keystore.";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SalesforceJwtAutoConfiguration.class))
		.withPropertyValues("salesforce.jwt.consumer-key=3MVG9test.consumer.key",
				"salesforce.jwt.username=integration@acme.com");

	@Test
	void failsForAnEcPemKey(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key", "is not an RSA key but EC",
				"salesforce.jwt.private-key=" + TestKeys.EC);
	}

	@Test
	void failsForAnEcKeyInABundle(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.ssl-bundle",
				"names SSL bundle 'salesforce', whose key 'salesforce' is not an RSA key but EC",
				"salesforce.jwt.ssl-bundle=salesforce", JKS_BUNDLE + "location=classpath:keys/ec.p12",
				JKS_BUNDLE + "password=changeit");
	}

	@Test
	void failsForADsaKey(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key", "is not an RSA key but DSA",
				"salesforce.jwt.private-key=" + KeyMaterial.DSA);
	}

	@Test
	void failsForA1024BitKey(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key", "is an RSA key of 1024 bits; Salesforce needs 2048",
				"salesforce.jwt.private-key=" + TestKeys.RSA_1024);
	}

	@Test
	void failsForAWrongPasswordOfAnEncryptedPemKey(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key",
				"could not be decrypted with salesforce.jwt.private-key-password (wrong password?)",
				"salesforce.jwt.private-key=" + TestKeys.ENCRYPTED, "salesforce.jwt.private-key-password=wrong");
	}

	@Test
	void failsForAnEncryptedPemKeyWithoutPassword(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key",
				"is an encrypted private key but salesforce.jwt.private-key-password is not set",
				"salesforce.jwt.private-key=" + TestKeys.text(TestKeys.ENCRYPTED));
	}

	@Test
	void failsForAWrongKeyPasswordInABundle(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.ssl-bundle",
				"whose key entry 'salesforce' could not be recovered with the bundle's key password (wrong password?)",
				"salesforce.jwt.ssl-bundle=salesforce", JKS_BUNDLE + "location=classpath:keys/rsa-2048.jks",
				JKS_BUNDLE + "type=JKS", JKS_BUNDLE + "password=changeit",
				"spring.ssl.bundle.jks.salesforce.key.password=wrong");
	}

	@Test
	void failsForAWrongKeyStorePasswordOfABundle(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.ssl-bundle",
				"names SSL bundle 'salesforce', whose key store could not be loaded",
				"salesforce.jwt.ssl-bundle=salesforce", JKS_BUNDLE + "location=classpath:keys/rsa-2048.p12",
				JKS_BUNDLE + "password=wrong");
	}

	@Test
	void failsWhenAPemKeyPasswordIsGivenForABundle(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key-password",
				"is set, but it only applies to salesforce.jwt.private-key, which is not set",
				"salesforce.jwt.ssl-bundle=salesforce", JKS_BUNDLE + "location=classpath:keys/rsa-2048.p12",
				JKS_BUNDLE + "password=changeit", "salesforce.jwt.private-key-password=secret");
	}

	@Test
	void failsWhenAKeyAliasIsGivenForAPemKey(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.key-alias",
				"is set, but it only applies to salesforce.jwt.ssl-bundle, which is not set",
				"salesforce.jwt.private-key=" + TestKeys.PKCS8, "salesforce.jwt.key-alias=salesforce");
	}

	@Test
	void failsForAFileThatDoesNotExist(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key",
				"points to 'file:/run/secrets/missing-key.pem', which does not exist",
				"salesforce.jwt.private-key=file:/run/secrets/missing-key.pem");
	}

	@Test
	void failsForAFileThatIsNotPem(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key", "which holds no PEM content",
				"salesforce.jwt.private-key=classpath:keys/rsa-2048.p12");
	}

	@Test
	void failsForGarbageText(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key", "is neither PEM text nor a location",
				"salesforce.jwt.private-key=this is not a key at all");
	}

	@Test
	void failsForGarbageInsidePemArmour(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key", "could not be read as a private key",
				"salesforce.jwt.private-key=-----BEGIN PRIVATE KEY-----\nTm90IGEga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----\n");
	}

	@Test
	void failsWhenTheKeyDoesNotMatchTheCertificate(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.certificate",
				"does not belong to the key of salesforce.jwt.private-key: the private key does not match the "
						+ "certificate 'CN=salesforce-jwt other test'",
				"salesforce.jwt.private-key=" + TestKeys.PKCS8, "salesforce.jwt.certificate=" + KeyMaterial.OTHER_CERTIFICATE);
	}

	@Test
	void failsWhenTheBundleKeyDoesNotMatchTheCertificate(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.certificate",
				"does not belong to the key of salesforce.jwt.ssl-bundle: the private key does not match the certificate",
				"salesforce.jwt.ssl-bundle=salesforce", JKS_BUNDLE + "location=classpath:keys/rsa-2048.p12",
				JKS_BUNDLE + "password=changeit", "salesforce.jwt.certificate=" + KeyMaterial.OTHER_CERTIFICATE);
	}

	@Test
	void failsWhenAPemBundleKeyDoesNotMatchItsOwnCertificate(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.ssl-bundle",
				"does not belong to its own certificate: the private key does not match the certificate "
						+ "'CN=salesforce-jwt other test'",
				"salesforce.jwt.ssl-bundle=salesforce",
				"spring.ssl.bundle.pem.salesforce.keystore.certificate=" + KeyMaterial.OTHER_CERTIFICATE,
				"spring.ssl.bundle.pem.salesforce.keystore.private-key=" + TestKeys.PKCS8);
	}

	@Test
	void failsWhenTheCertificateIsNotACertificate(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.certificate", "holds no certificate",
				"salesforce.jwt.private-key=" + TestKeys.PKCS8, "salesforce.jwt.certificate=" + TestKeys.PKCS8);
	}

	@Test
	void failsWhenBothPrivateKeyAndSslBundleAreSet(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key",
				"and salesforce.jwt.ssl-bundle are both set; the key must come from one of them",
				"salesforce.jwt.private-key=" + TestKeys.PKCS8, "salesforce.jwt.ssl-bundle=salesforce",
				JKS_BUNDLE + "location=classpath:keys/rsa-2048.p12", JKS_BUNDLE + "password=changeit");
	}

	@Test
	void failsWhenNeitherPrivateKeyNorSslBundleIsSet(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.private-key",
				"and salesforce.jwt.ssl-bundle are both not set; one of them must give the RSA private key");
	}

	@Test
	void failsWhenTheStoreHoldsSeveralKeysAndNoAliasIsGiven(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.key-alias",
				"is not set, but the key store of SSL bundle 'salesforce' holds several private keys [other, salesforce]",
				"salesforce.jwt.ssl-bundle=salesforce", JKS_BUNDLE + "location=classpath:keys/two-keys.p12",
				JKS_BUNDLE + "password=changeit");
	}

	@Test
	void failsWhenTheAliasIsNotInTheStore(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.key-alias",
				"is 'missing', but the key store of SSL bundle 'salesforce' holds no private key of that alias "
						+ "(its private keys: [other, salesforce])",
				"salesforce.jwt.ssl-bundle=salesforce", "salesforce.jwt.key-alias=missing",
				JKS_BUNDLE + "location=classpath:keys/two-keys.p12", JKS_BUNDLE + "password=changeit");
	}

	@Test
	void failsWhenTheBundleIsNotConfigured(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.ssl-bundle",
				"names SSL bundle 'salesforce', which is not configured (configured bundles: [other])",
				"salesforce.jwt.ssl-bundle=salesforce", "spring.ssl.bundle.jks.other.keystore.location=classpath:keys/rsa-2048.p12",
				"spring.ssl.bundle.jks.other.keystore.password=changeit");
	}

	@Test
	void failsWhenTheBundleHasNoKeyStore(CapturedOutput output) {
		assertFailsNaming(output, "salesforce.jwt.ssl-bundle", "names SSL bundle 'salesforce', which has no key store",
				"salesforce.jwt.ssl-bundle=salesforce",
				"spring.ssl.bundle.pem.salesforce.truststore.certificate=" + TestKeys.CERTIFICATE);
	}

	private void assertFailsNaming(CapturedOutput output, String property, String reason, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause().isInstanceOf(InvalidSalesforceJwtPropertiesException.class);
			InvalidSalesforceJwtPropertiesException cause = (InvalidSalesforceJwtPropertiesException) rootCause(failure);
			List<InvalidSalesforceJwtPropertiesException.Problem> problems = cause.getProblems();
			assertThat(problems).anySatisfy((problem) -> {
				assertThat(problem.property()).isEqualTo(property);
				assertThat(problem.reason()).contains(reason);
			});
			assertThat(cause.getMessage()).contains("- " + property + " ").contains(reason);
			FailureAnalysis analysis = new InvalidSalesforceJwtPropertiesFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("- " + property + " ").contains(reason);
			StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			KeyMaterial.assertNoKeyMaterial(trace + analysis.getDescription() + analysis.getAction());
		});
		KeyMaterial.assertNoKeyMaterial(output.toString());
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
