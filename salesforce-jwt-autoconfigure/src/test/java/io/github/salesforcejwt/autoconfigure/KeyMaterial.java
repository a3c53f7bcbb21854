package io.github.salesforcejwt.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.boot.ssl.pem.PemContent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key fixtures of {@code src/test/resources/keys} as files and text, and checks that
 * none of their secret material shows up anywhere.
 */
final class KeyMaterial {

	static final Path KEYS = Path.of("src/test/resources/keys");

	static final String OTHER_CERTIFICATE = "classpath:keys/other-rsa-2048-cert.pem";

	static final String EXPIRED_CERTIFICATE = "classpath:keys/rsa-2048-expired-cert.pem";

	static final String DSA = "classpath:keys/dsa-2048.pem";

	private KeyMaterial() {
	}

	/**
	 * Return the base64 body lines of every private key fixture: text that must never
	 * appear in a message or in the output.
	 */
	static List<String> secretLines() {
		try (Stream<Path> files = Files.list(KEYS)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".pem"))
				.map(KeyMaterial::read)
				.filter((text) -> text.contains("PRIVATE KEY-----"))
				.flatMap((text) -> Arrays.stream(text.split("\\R")))
				.filter((line) -> !line.startsWith("-----") && line.length() > 20)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void assertNoKeyMaterial(String text) {
		List<String> secrets = secretLines();
		assertThat(secrets).hasSizeGreaterThan(50);
		for (String secret : secrets) {
			assertThat(text).doesNotContain(secret);
		}
		assertThat(text).doesNotContain("changeit");
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path file(String name) {
		return KEYS.resolve(name).toAbsolutePath();
	}

	static X509Certificate certificate(String location) {
		return PemContent.of(TestKeys.text(location)).getCertificates().get(0);
	}

	/**
	 * Return whether an assertion's signature verifies against a certificate.
	 */
	static boolean verifies(String assertion, String certificateLocation) {
		try {
			return SignedJWT.parse(assertion)
				.verify(new RSASSAVerifier((RSAPublicKey) certificate(certificateLocation).getPublicKey()));
		}
		catch (java.text.ParseException | JOSEException ex) {
			throw new AssertionError("Assertion is not a signed JWT", ex);
		}
	}

}
