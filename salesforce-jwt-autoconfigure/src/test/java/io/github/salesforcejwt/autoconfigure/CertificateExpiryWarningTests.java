package io.github.salesforcejwt.autoconfigure;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WARN with the expiry date when the certificate uploaded to Salesforce has expired or
 * expires within 30 days; never key material.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificateExpiryWarningTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SalesforceJwtAutoConfiguration.class))
		.withPropertyValues("salesforce.jwt.consumer-key=3MVG9test.consumer.key",
				"salesforce.jwt.username=integration@acme.com");

	@Test
	void warnsWithTheExpiryDateWhenTheConfiguredCertificateHasExpired(CapturedOutput output) {
		this.runner
			.withPropertyValues("salesforce.jwt.private-key=" + TestKeys.PKCS8,
					"salesforce.jwt.certificate=" + KeyMaterial.EXPIRED_CERTIFICATE)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("WARN")
			.contains("The certificate of salesforce.jwt.certificate 'CN=salesforce-jwt expired test'")
			.contains("expired on 2020-01-31T02:35:45Z");
		KeyMaterial.assertNoKeyMaterial(output.toString());
	}

	@Test
	void warnsWhenTheCertificateOfABundleHasExpired(CapturedOutput output) {
		this.runner
			.withPropertyValues("salesforce.jwt.ssl-bundle=salesforce",
					"spring.ssl.bundle.pem.salesforce.keystore.certificate=" + KeyMaterial.EXPIRED_CERTIFICATE,
					"spring.ssl.bundle.pem.salesforce.keystore.private-key=" + TestKeys.PKCS8)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("The certificate of SSL bundle 'salesforce'")
			.contains("expired on 2020-01-31T02:35:45Z");
		KeyMaterial.assertNoKeyMaterial(output.toString());
	}

	@Test
	void doesNotWarnWhenTheCertificateIsValidForMoreThan30Days(CapturedOutput output) {
		this.runner
			.withPropertyValues("salesforce.jwt.private-key=" + TestKeys.PKCS8,
					"salesforce.jwt.certificate=" + TestKeys.CERTIFICATE)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("The certificate of");
	}

	@Test
	void warnsWithTheExpiryDateWhenTheCertificateExpiresWithin30Days(CapturedOutput output) {
		X509Certificate certificate = TestKeys.certificate();
		Instant notAfter = certificate.getNotAfter().toInstant();
		Clock tenDaysBefore = Clock.fixed(notAfter.minus(Duration.ofDays(10)), ZoneOffset.UTC);
		assertThat(CertificateCheck.warnIfExpiring(certificate, "salesforce.jwt.certificate", tenDaysBefore)).isTrue();
		assertThat(output).contains("WARN")
			.contains("The certificate of salesforce.jwt.certificate 'CN=salesforce-jwt test'")
			.contains("expires on " + notAfter + ", in 10 days");
		KeyMaterial.assertNoKeyMaterial(output.toString());
	}

	@Test
	void doesNotWarn31DaysBeforeExpiry(CapturedOutput output) {
		X509Certificate certificate = TestKeys.certificate();
		Instant notAfter = certificate.getNotAfter().toInstant();
		Clock before = Clock.fixed(notAfter.minus(Duration.ofDays(31)), ZoneOffset.UTC);
		assertThat(CertificateCheck.warnIfExpiring(certificate, "salesforce.jwt.certificate", before)).isFalse();
		assertThat(output).doesNotContain("The certificate of");
	}

}
