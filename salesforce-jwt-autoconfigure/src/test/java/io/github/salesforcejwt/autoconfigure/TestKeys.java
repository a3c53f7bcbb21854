package io.github.salesforcejwt.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceJwtAssertionFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.ClassPathResource;

/**
 * Test keys (see {@code src/test/resources/keys/README.txt}) and helpers to check what the
 * token endpoint received.
 */
final class TestKeys {

	static final String PKCS8 = "classpath:keys/rsa-2048-pkcs8.pem";

	static final String PKCS1 = "classpath:keys/rsa-2048-pkcs1.pem";

	static final String ENCRYPTED = "classpath:keys/rsa-2048-encrypted.pem";

	static final String CERTIFICATE = "classpath:keys/rsa-2048-cert.pem";

	static final String OTHER = "classpath:keys/other-rsa-2048.pem";

	static final String RSA_1024 = "classpath:keys/rsa-1024.pem";

	static final String EC = "classpath:keys/ec-pkcs8.pem";

	private TestKeys() {
	}

	/**
	 * Return the test key pair: {@link #PKCS8} and the public key of {@link #CERTIFICATE}.
	 */
	static KeyPair keyPair() {
		PrivateKey privateKey = PemContent.of(text(PKCS8)).getPrivateKey();
		X509Certificate certificate = PemContent.of(text(CERTIFICATE)).getCertificates().get(0);
		return new KeyPair(certificate.getPublicKey(), privateKey);
	}

	/**
	 * Return an assertion factory for the connection the context configures, signing as
	 * the starter's logins do.
	 */
	static SalesforceJwtAssertionFactory assertions(BeanFactory context) {
		return new SalesforceJwtAssertionFactory(context.getBean(SalesforceConnectionDetails.class),
				Duration.ofSeconds(150), Clock.systemUTC());
	}

	static String text(String location) {
		try (InputStream in = new ClassPathResource(location.substring("classpath:".length())).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static X509Certificate certificate() {
		return PemContent.of(text(CERTIFICATE)).getCertificates().get(0);
	}

	/**
	 * Parse and verify an assertion against the test certificate.
	 */
	static SignedJWT verifiedAssertion(String assertion) {
		try {
			SignedJWT jwt = SignedJWT.parse(assertion);
			if (!jwt.verify(new RSASSAVerifier((RSAPublicKey) certificate().getPublicKey()))) {
				throw new AssertionError("Assertion does not verify against the test certificate");
			}
			return jwt;
		}
		catch (java.text.ParseException | JOSEException ex) {
			throw new AssertionError("Assertion is not a signed JWT", ex);
		}
	}

	static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		Arrays.stream(body.split("&")).map((pair) -> pair.split("=", 2)).forEach((pair) -> form.put(
				URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
				(pair.length > 1) ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : ""));
		return form;
	}

}
