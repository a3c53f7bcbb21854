package io.github.salesforcejwt.test;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates the RSA key pair and self-signed certificate of a fake org, and writes them in
 * PEM, as {@code openssl} and {@code keytool} users have them; generates the random bytes
 * of its access tokens and secrets.
 */
final class KeyMaterial {

	private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(365);

	private static final SecureRandom random = new SecureRandom();

	private KeyMaterial() {
	}

	static KeyPair generateRsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to generate an RSA key pair", ex);
		}
	}

	static X509Certificate selfSignedCertificate(KeyPair keyPair, String commonName) {
		try {
			X500Name name = new X500Name("CN=" + commonName);
			Instant now = Instant.now();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
					BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
					Date.from(now.plus(CERTIFICATE_VALIDITY)), name, keyPair.getPublic());
			ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate());
			X509CertificateHolder holder = builder.build(signer);
			return new JcaX509CertificateConverter().getCertificate(holder);
		}
		catch (OperatorCreationException | GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to create a self-signed certificate", ex);
		}
	}

	static String pkcs8Pem(PrivateKey privateKey) {
		try {
			return writePem(new JcaPKCS8Generator(privateKey, null).generate());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to encode the private key", ex);
		}
	}

	static String pkcs1Pem(PrivateKey privateKey) {
		// JcaPEMWriter writes an RSA private key in the traditional (PKCS#1) form
		return writePem(privateKey);
	}

	static String certificatePem(X509Certificate certificate) {
		return writePem(certificate);
	}

	static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String writePem(Object object) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to write PEM", ex);
		}
		return out.toString();
	}

}
