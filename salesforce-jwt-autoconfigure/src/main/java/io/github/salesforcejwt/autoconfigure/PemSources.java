package io.github.salesforcejwt.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Where the PEM text of a key or certificate property comes from: the value itself (also
 * with escaped line breaks, or base64-encoded once more, as environment variables and
 * Kubernetes secrets hold it), a file path, or a {@code file:} or {@code classpath:}
 * location. Messages name a location only when the value looks like one: a value that is
 * neither PEM nor a location may be a secret in another encoding.
 *
 * @author salesforce-jwt
 * @see PrivateKeyReader
 */
final class PemSources {

	private static final Pattern LOCATION = Pattern.compile("[\\w.+-]*:?[^\\s]{0,250}");

	private static final Pattern LOOKS_LIKE_LOCATION = Pattern
		.compile("(classpath\\*?:|file:|/|\\./|\\.\\./|~/|[A-Za-z]:\\\\)[^\\s]{0,200}");

	/**
	 * A URL scheme such as {@code file:} or {@code https:}, but not a Windows drive letter.
	 */
	private static final Pattern URL_PREFIX = Pattern.compile("[A-Za-z][\\w.+-]+:");

	private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\r\\n]+");

	private final ResourceLoader resourceLoader;

	PemSources(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Load the PEM content a property gives.
	 * @param property the property, for messages
	 * @param value its value: PEM text or a location
	 * @param certificate whether it holds a certificate rather than a private key
	 * @return the PEM content
	 */
	PemContent load(String property, String value, boolean certificate) {
		String text = value.strip();
		if (text.contains("-----BEGIN")) {
			// Environment variables often carry PEM text with escaped line breaks
			String pemText = text.replace("\\r\\n", "\n").replace("\\n", "\n");
			if (!PemContent.isPresentInText(pemText)) {
				throw new PrivateKeyReader.InvalidKeyException(property, "holds text that is not valid PEM",
						"Paste the whole PEM block, from -----BEGIN to -----END, with its line breaks.");
			}
			return PemContent.of(pemText);
		}
		String decoded = decodeBase64Pem(text);
		if (decoded != null) {
			// PEM text base64-encoded once more, as Kubernetes secrets and CI variables often hold it
			return PemContent.of(decoded);
		}
		if (!LOCATION.matcher(text).matches()) {
			throw new PrivateKeyReader.InvalidKeyException(property, "is neither PEM text nor a location",
					"Give a location such as file:/run/secrets/salesforce-key.pem or the PEM text "
							+ "including its -----BEGIN and -----END lines.");
		}
		Resource resource = resolve(text);
		if (!resource.exists()) {
			String looked = isBarePath(text) ? " (looked for it as a file and on the class path)" : "";
			throw new PrivateKeyReader.InvalidKeyException(property,
					"points to " + describeLocation(text) + ", which does not exist" + looked,
					"Check the path; use a file path, a file: or classpath: location, or the PEM text itself.");
		}
		try (InputStream in = resource.getInputStream()) {
			String content = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			PemContent pem = PemContent.isPresentInText(content) ? PemContent.of(content) : null;
			if (pem == null) {
				throw new PrivateKeyReader.InvalidKeyException(property,
						"points to " + describeLocation(text) + ", which holds no PEM content",
						certificate ? "Point it to a PEM certificate file (-----BEGIN CERTIFICATE-----)."
								: "Point it to a PEM file (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE "
										+ "KEY-----). For a JKS or PKCS12 key store use salesforce.jwt.ssl-bundle.");
			}
			return pem;
		}
		catch (IOException ex) {
			throw new PrivateKeyReader.InvalidKeyException(property,
					"points to " + describeLocation(text) + ", which could not be read ("
							+ ex.getClass().getSimpleName() + ")",
					"Check that the file exists and the application may read it.");
		}
	}

	/**
	 * Resolve a location. A bare path ({@code /run/secrets/key.pem}, {@code keys/key.pem},
	 * no {@code file:} or {@code classpath:}) is a file when one exists there, as a
	 * secret mounted into a container is, and otherwise a class path resource.
	 */
	private Resource resolve(String location) {
		if (isBarePath(location)) {
			FileSystemResource file = new FileSystemResource(location);
			if (file.getFile().isFile()) {
				return file;
			}
		}
		return this.resourceLoader.getResource(location);
	}

	private static boolean isBarePath(String location) {
		return !URL_PREFIX.matcher(location).lookingAt() && !location.startsWith("classpath*:");
	}

	private static @Nullable String decodeBase64Pem(String text) {
		if (text.length() < 64 || !BASE64.matcher(text).matches()) {
			return null;
		}
		try {
			String decoded = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.ISO_8859_1);
			return PemContent.isPresentInText(decoded) ? decoded : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Describe a location in a message only when it looks like one: a value that is
	 * neither PEM nor a location may be a secret in another encoding.
	 */
	private static String describeLocation(String text) {
		return LOOKS_LIKE_LOCATION.matcher(text).matches() ? "'" + text + "'" : "the location given";
	}

}
