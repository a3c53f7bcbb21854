package io.github.salesforcejwt.autoconfigure;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Checks a signing key against the certificate uploaded to Salesforce, and warns about a
 * certificate that expires soon. Messages name the certificate by subject, serial number
 * and validity, never by key material.
 *
 * @author salesforce-jwt
 */
final class CertificateCheck {

	static final Duration EXPIRY_WARNING = Duration.ofDays(30);

	private static final Log logger = LogFactory.getLog(CertificateCheck.class);

	private CertificateCheck() {
	}

	/**
	 * Return whether the key pair's public key is the certificate's.
	 * @param keyPair the key pair
	 * @param certificate the certificate
	 * @return whether they belong together
	 */
	static boolean matches(KeyPair keyPair, X509Certificate certificate) {
		PublicKey certified = certificate.getPublicKey();
		PublicKey derived = keyPair.getPublic();
		if (certified instanceof RSAPublicKey certifiedRsa && derived instanceof RSAPublicKey derivedRsa) {
			return certifiedRsa.getModulus().equals(derivedRsa.getModulus())
					&& certifiedRsa.getPublicExponent().equals(derivedRsa.getPublicExponent());
		}
		return false;
	}

	/**
	 * Describe a certificate for messages: subject, serial number and expiry.
	 * @param certificate the certificate
	 * @return the description
	 */
	static String describe(X509Certificate certificate) {
		return name(certificate) + " (serial " + certificate.getSerialNumber().toString(16) + ", valid until "
				+ notAfter(certificate) + ")";
	}

	private static String name(X509Certificate certificate) {
		return "'" + certificate.getSubjectX500Principal().getName() + "'";
	}

	private static String serial(X509Certificate certificate) {
		return " (serial " + certificate.getSerialNumber().toString(16) + ")";
	}

	/**
	 * Log a warning when the certificate has expired or expires within
	 * {@link #EXPIRY_WARNING}.
	 * @param certificate the certificate
	 * @param source where the certificate comes from, such as the property
	 * @param clock the clock
	 * @return whether a warning was logged
	 */
	static boolean warnIfExpiring(X509Certificate certificate, String source, Clock clock) {
		Instant now = clock.instant();
		Instant notAfter = notAfter(certificate);
		if (notAfter.isBefore(now)) {
			logger.warn("The certificate of " + source + " " + name(certificate) + serial(certificate) + " expired on "
					+ notAfter
					+ ". Create a new key and certificate, upload the certificate to the connected app and "
					+ "configure the new key.");
			return true;
		}
		if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
			long days = Duration.between(now, notAfter).toDays();
			logger.warn("The certificate of " + source + " " + name(certificate) + serial(certificate) + " expires on "
					+ notAfter
					+ ", in " + days + ((days == 1) ? " day" : " days")
					+ ". Create a new key and certificate, upload the certificate to the connected app and "
					+ "configure the new key before then.");
			return true;
		}
		return false;
	}

	private static Instant notAfter(X509Certificate certificate) {
		return certificate.getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS);
	}

}
