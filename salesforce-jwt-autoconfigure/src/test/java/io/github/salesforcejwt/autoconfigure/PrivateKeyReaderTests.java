package io.github.salesforcejwt.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PrivateKeyReader}: the forms a location may take. A bare path is what
 * a container's mounted secret usually is ({@code /run/secrets/key.pem}).
 */
class PrivateKeyReaderTests {

	private static final String PROPERTY = "salesforce.jwt.private-key";

	private final PrivateKeyReader reader = new PrivateKeyReader(new DefaultResourceLoader());

	@TempDir
	Path secrets;

	@Test
	void readsABareAbsolutePathAsAFile() throws IOException {
		Path key = copy("keys/rsa-2048-pkcs8.pem", "key.pem");
		KeyPair keyPair = this.reader.read(PROPERTY, key.toAbsolutePath().toString(), null);
		assertThat(keyPair.getPrivate()).isInstanceOf(RSAPrivateKey.class);
		assertThat(keyPair.getPrivate()).isEqualTo(this.reader.read(PROPERTY, "classpath:keys/rsa-2048-pkcs8.pem",
				null).getPrivate());
	}

	@Test
	void readsAFileLocation() throws IOException {
		Path key = copy("keys/rsa-2048-pkcs1.pem", "key.pem");
		assertThat(this.reader.read(PROPERTY, key.toUri().toString(), null).getPrivate())
			.isInstanceOf(RSAPrivateKey.class);
	}

	@Test
	void readsABareRelativePathFromTheClassPathWhenNoSuchFileExists() {
		assertThat(this.reader.read(PROPERTY, "keys/rsa-2048-pkcs8.pem", null).getPrivate())
			.isInstanceOf(RSAPrivateKey.class);
	}

	@Test
	void readsACertificateFromABareAbsolutePath() throws IOException {
		Path certificate = copy("keys/rsa-2048-cert.pem", "cert.pem");
		X509Certificate read = this.reader.readCertificate("salesforce.jwt.certificate",
				certificate.toAbsolutePath().toString());
		assertThat(read.getPublicKey().getAlgorithm()).isEqualTo("RSA");
	}

	@Test
	void saysWhereItLookedForABarePathThatDoesNotExist() {
		String missing = this.secrets.resolve("missing-key.pem").toAbsolutePath().toString();
		assertThatExceptionOfType(PrivateKeyReader.InvalidKeyException.class)
			.isThrownBy(() -> this.reader.read(PROPERTY, missing, null))
			.satisfies((ex) -> {
				assertThat(ex.getProblem().property()).isEqualTo(PROPERTY);
				assertThat(ex.getProblem().reason()).isEqualTo("points to '" + missing
						+ "', which does not exist (looked for it as a file and on the class path)");
			});
	}

	@Test
	void doesNotLookOnTheFileSystemForAClassPathLocation() throws IOException {
		copy("keys/rsa-2048-pkcs8.pem", "key.pem");
		assertThatExceptionOfType(PrivateKeyReader.InvalidKeyException.class)
			.isThrownBy(() -> this.reader.read(PROPERTY, "classpath:" + this.secrets.resolve("key.pem"), null))
			.satisfies((ex) -> assertThat(ex.getProblem().reason()).endsWith("which does not exist"));
	}

	private Path copy(String classPathLocation, String name) throws IOException {
		Path target = this.secrets.resolve(name);
		try (InputStream in = new ClassPathResource(classPathLocation).getInputStream()) {
			Files.copy(in, target);
		}
		return target;
	}

}
