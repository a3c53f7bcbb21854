package io.github.salesforcejwt.autoconfigure;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads the RSA private key of {@code salesforce.jwt.private-key} (a location, a file path
 * or the PEM text) with Spring Boot's PEM support, and checks that Salesforce can use it. Error
 * messages never contain key material.
 *
 * @author salesforce-jwt
 */
final class PrivateKeyReader {

	static final int MINIMUM_KEY_SIZE = 2048;

	private final PemSources sources;

	PrivateKeyReader(ResourceLoader resourceLoader) {
		this.sources = new PemSources(ApplicationResourceLoader.get(resourceLoader));
	}

	/**
	 * Read a key pair.
	 * @param property the property that holds the key, for messages
	 * @param value a location or PEM text
	 * @param password the password of an encrypted key, or {@code null}
	 * @return the key pair (public key derived from the private key)
	 * @throws InvalidKeyException if the key cannot be read or used, with a reason that
	 * names no secret
	 */
	KeyPair read(String property, String value, @Nullable String password) {
		PemContent pem = this.sources.load(property, value, false);
		if (!pem.toString().contains("PRIVATE KEY-----")) {
			throw new InvalidKeyException(property, "holds no private key (only certificates or other PEM blocks)",
					"Point it to the RSA private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY).");
		}
		PrivateKey privateKey;
		try {
			privateKey = pem.getPrivateKey(password);
		}
		catch (RuntimeException ex) {
			throw new InvalidKeyException(property, describeUnreadable(pem, password, ex), actionForUnreadable(pem,
					password));
		}
		if (privateKey == null) {
			throw new InvalidKeyException(property, "holds no private key",
					"Point it to the RSA private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY).");
		}
		return toRsaKeyPair(property, privateKey);
	}

	private static String actionForUnreadable(PemContent pem, @Nullable String password) {
		if (pem.toString().contains("Proc-Type: 4,ENCRYPTED")) {
			return "Convert it to encrypted PKCS#8: openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out "
					+ "key-pkcs8.pem, and keep salesforce.jwt.private-key-password.";
		}
		return (password == null) ? "Use an unencrypted PKCS#8 or PKCS#1 PEM key, or set "
				+ "salesforce.jwt.private-key-password for an encrypted one." : "Check salesforce.jwt.private-key-password.";
	}

	private String describeUnreadable(PemContent pem, @Nullable String password, RuntimeException ex) {
		if (pem.toString().contains("Proc-Type: 4,ENCRYPTED")) {
			return "is a legacy encrypted PKCS#1 key (Proc-Type: 4,ENCRYPTED), which Spring Boot's PEM support "
					+ "cannot read";
		}
		boolean encrypted = pem.toString().contains("ENCRYPTED PRIVATE KEY");
		if (encrypted && password == null) {
			return "is an encrypted private key but salesforce.jwt.private-key-password is not set";
		}
		if (encrypted) {
			return "could not be decrypted with salesforce.jwt.private-key-password (wrong password?)";
		}
		return "could not be read as a private key (" + ex.getClass().getSimpleName() + ")";
	}

	/**
	 * Read the first certificate of a location or PEM text.
	 * @param property the property that holds the certificate, for messages
	 * @param value a location or PEM text
	 * @return the certificate
	 * @throws InvalidKeyException if no certificate can be read
	 */
	X509Certificate readCertificate(String property, String value) {
		PemContent pem = this.sources.load(property, value, true);
		List<X509Certificate> certificates;
		if (!pem.toString().contains("CERTIFICATE-----")) {
			throw new InvalidKeyException(property, "holds no certificate",
					"Point it to the certificate uploaded to the connected app (-----BEGIN CERTIFICATE-----), "
							+ "not to the private key.");
		}
		try {
			certificates = pem.getCertificates();
		}
		catch (RuntimeException ex) {
			throw new InvalidKeyException(property,
					"could not be read as an X.509 certificate (" + ex.getClass().getSimpleName() + ")",
					"Point it to the certificate uploaded to the connected app (-----BEGIN CERTIFICATE-----).");
		}
		if (certificates.isEmpty()) {
			throw new InvalidKeyException(property, "holds no certificate",
					"Point it to the certificate uploaded to the connected app (-----BEGIN CERTIFICATE-----), "
							+ "not to the private key.");
		}
		return certificates.get(0);
	}

	static KeyPair toRsaKeyPair(String property, PrivateKey privateKey) {
		if (!(privateKey instanceof RSAPrivateKey rsaKey)) {
			throw new InvalidKeyException(property, "is not an RSA key but " + privateKey.getAlgorithm()
					+ "; Salesforce signs JWT bearer assertions with RSA (RS256) only",
					"Create an RSA key of 2048 bits or more (openssl genrsa -out private-key.pem 3072).");
		}
		int bits = rsaKey.getModulus().bitLength();
		if (bits < MINIMUM_KEY_SIZE) {
			throw new InvalidKeyException(property,
					"is an RSA key of " + bits + " bits; Salesforce needs " + MINIMUM_KEY_SIZE + " bits or more",
					"Create a longer key (openssl genrsa -out private-key.pem 3072) and upload its certificate.");
		}
		if (!(rsaKey instanceof RSAPrivateCrtKey crtKey)) {
			throw new InvalidKeyException(property, "is an RSA key without its public exponent (not in CRT form)",
					"Export the key as PKCS#8 or PKCS#1 PEM with openssl.");
		}
		try {
			PublicKey publicKey = KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(crtKey.getModulus(), crtKey.getPublicExponent()));
			return new KeyPair(publicKey, privateKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("RSA is not available in this JVM", ex);
		}
	}

	/**
	 * A key that cannot be read or used.
	 */
	static final class InvalidKeyException extends RuntimeException {

		private final InvalidSalesforceJwtPropertiesException.Problem problem;

		InvalidKeyException(String property, String reason, String action) {
			super(property + " " + reason);
			this.problem = new InvalidSalesforceJwtPropertiesException.Problem(property, reason, action);
		}

		InvalidSalesforceJwtPropertiesException.Problem getProblem() {
			return this.problem;
		}

	}

}
