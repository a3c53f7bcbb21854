package io.github.salesforcejwt.autoconfigure;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import io.github.salesforcejwt.autoconfigure.InvalidSalesforceJwtPropertiesException.Problem;
import io.github.salesforcejwt.autoconfigure.PrivateKeyReader.InvalidKeyException;
import io.github.salesforcejwt.autoconfigure.SslBundleKeyReader.BundleKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Reads the signing key from its one configured source ({@code salesforce.jwt.private-key}
 * or {@code salesforce.jwt.ssl-bundle}), checks it against the certificate, and replaces
 * it when its SSL bundle reloads.
 *
 * @author salesforce-jwt
 */
final class SigningKeys {

	private static final Log logger = LogFactory.getLog(SigningKeys.class);

	static final String PRIVATE_KEY = SalesforceJwtSettings.PREFIX + "private-key";

	static final String CERTIFICATE = SalesforceJwtSettings.PREFIX + "certificate";

	private final SalesforceJwtProperties properties;

	private final ResourceLoader resourceLoader;

	private final @Nullable SslBundles sslBundles;

	private final Clock clock;

	private @Nullable X509Certificate certificate;

	SigningKeys(SalesforceJwtProperties properties, ResourceLoader resourceLoader, @Nullable SslBundles sslBundles,
			Clock clock) {
		this.properties = properties;
		this.resourceLoader = resourceLoader;
		this.sslBundles = sslBundles;
		this.clock = clock;
	}

	/**
	 * Read the signing key, adding every problem found.
	 * @param problems the problems found so far
	 * @return the key, or {@code null} when it could not be read
	 */
	@Nullable SigningKey read(List<Problem> problems) {
		boolean pem = StringUtils.hasText(this.properties.getPrivateKey());
		boolean bundle = StringUtils.hasText(this.properties.getSslBundle());
		if (pem && bundle) {
			problems.add(new Problem(PRIVATE_KEY,
					"and " + SslBundleKeyReader.BUNDLE_PROPERTY + " are both set; the key must come from one of them",
					"Remove one: keep salesforce.jwt.private-key for a PEM key, or salesforce.jwt.ssl-bundle for a "
							+ "key in an SSL bundle's key store (JKS, PKCS12 or PEM)."));
			return null;
		}
		if (!pem && !bundle) {
			problems.add(new Problem(PRIVATE_KEY,
					"and " + SslBundleKeyReader.BUNDLE_PROPERTY + " are both not set; one of them must give "
							+ "the RSA private key",
					"Set salesforce.jwt.private-key to the RSA private key whose certificate is uploaded to the "
							+ "connected app (a location such as file:/run/secrets/salesforce-key.pem, or the PEM "
							+ "text itself), or salesforce.jwt.ssl-bundle to the name of an SSL bundle "
							+ "(spring.ssl.bundle.*) whose key store holds it."));
			return null;
		}
		if (pem && StringUtils.hasText(this.properties.getKeyAlias())) {
			problems.add(new Problem(SslBundleKeyReader.ALIAS_PROPERTY,
					"is set, but it only applies to salesforce.jwt.ssl-bundle, which is not set",
					"Remove salesforce.jwt.key-alias, or use salesforce.jwt.ssl-bundle instead of "
							+ "salesforce.jwt.private-key."));
		}
		if (bundle && this.properties.getPrivateKeyPassword() != null) {
			problems.add(new Problem(SalesforceJwtSettings.PREFIX + "private-key-password",
					"is set, but it only applies to salesforce.jwt.private-key, which is not set",
					"Remove it; the password of a key in an SSL bundle is spring.ssl.bundle.<jks|pem>."
							+ bundleName() + ".key.password (the key store password when not set)."));
		}
		X509Certificate configured = readCertificate(problems);
		try {
			if (pem) {
				KeyPair keyPair = new PrivateKeyReader(this.resourceLoader).read(PRIVATE_KEY,
						this.properties.getPrivateKey(), this.properties.getPrivateKeyPassword());
				checkCertificate(keyPair, configured, PRIVATE_KEY);
				return new SigningKey(keyPair);
			}
			BundleKey key = SslBundleKeyReader.read(bundleName(), bundle(), this.properties.getKeyAlias());
			if (configured != null) {
				checkCertificate(key.keyPair(), configured, SslBundleKeyReader.BUNDLE_PROPERTY);
			}
			else if (key.certificate() != null) {
				CertificateCheck.warnIfExpiring(key.certificate(), bundleSource(key), this.clock);
			}
			return new SigningKey(key.keyPair());
		}
		catch (InvalidKeyException ex) {
			problems.add(ex.getProblem());
			return null;
		}
	}

	/**
	 * When the key comes from an SSL bundle, replace it each time the bundle reloads.
	 * @param signingKey the key read by {@link #read(List)}
	 */
	void watch(SigningKey signingKey) {
		if (this.sslBundles == null || !StringUtils.hasText(this.properties.getSslBundle())) {
			return;
		}
		this.sslBundles.addBundleUpdateHandler(bundleName(), (updated) -> reload(signingKey, updated));
	}

	private void reload(SigningKey signingKey, SslBundle updated) {
		BundleKey key;
		try {
			key = SslBundleKeyReader.read(bundleName(), updated, this.properties.getKeyAlias());
		}
		catch (InvalidKeyException ex) {
			logger.error("SSL bundle '" + bundleName() + "' was reloaded, but its key cannot sign Salesforce "
					+ "assertions; logins keep using the previous key: " + ex.getProblem().property() + " "
					+ ex.getProblem().reason() + ". " + ex.getProblem().action());
			return;
		}
		catch (RuntimeException ex) {
			// Never let this handler fail the bundle's other update handlers (the server's own SSL)
			logger.error("SSL bundle '" + bundleName() + "' was reloaded, but its key could not be read ("
					+ ex.getClass().getSimpleName() + "); logins keep using the previous key");
			return;
		}
		signingKey.update(key.keyPair());
		logger.info("SSL bundle '" + bundleName() + "' was reloaded: the next Salesforce login signs with its key '"
				+ key.alias() + "'" + ((key.certificate() != null)
						? ", certificate " + CertificateCheck.describe(key.certificate()) : ""));
		if (this.certificate != null && !CertificateCheck.matches(key.keyPair(), this.certificate)) {
			logger.warn("The reloaded key of SSL bundle '" + bundleName() + "' does not match "
					+ "salesforce.jwt.certificate " + CertificateCheck.describe(this.certificate)
					+ ", which is read at startup only. Make sure the connected app has the new certificate.");
		}
		if (key.certificate() != null) {
			CertificateCheck.warnIfExpiring(key.certificate(), bundleSource(key), this.clock);
		}
	}

	private @Nullable X509Certificate readCertificate(List<Problem> problems) {
		String value = this.properties.getCertificate();
		if (value == null) {
			return null;
		}
		if (!StringUtils.hasText(value)) {
			problems.add(new Problem(CERTIFICATE, "is empty",
					"Remove it, or set it to the certificate uploaded to the connected app (a location or PEM text)."));
			return null;
		}
		try {
			X509Certificate certificate = new PrivateKeyReader(this.resourceLoader).readCertificate(CERTIFICATE,
					value);
			CertificateCheck.warnIfExpiring(certificate, CERTIFICATE, this.clock);
			this.certificate = certificate;
			return certificate;
		}
		catch (InvalidKeyException ex) {
			problems.add(ex.getProblem());
			return null;
		}
	}

	private void checkCertificate(KeyPair keyPair, @Nullable X509Certificate certificate, String keyProperty) {
		if (certificate != null && !CertificateCheck.matches(keyPair, certificate)) {
			throw new InvalidKeyException(CERTIFICATE,
					"does not belong to the key of " + keyProperty + ": the private key does not match the "
							+ "certificate " + CertificateCheck.describe(certificate),
					"Configure the private key the certificate was made from, or set salesforce.jwt.certificate "
							+ "to the certificate of " + keyProperty
							+ " and upload that certificate to the connected app (\"Use digital signatures\").");
		}
	}

	private String bundleName() {
		String name = this.properties.getSslBundle();
		return (name != null) ? name.strip() : "";
	}

	private String bundleSource(BundleKey key) {
		return "SSL bundle '" + bundleName() + "' (" + SslBundleKeyReader.BUNDLE_PROPERTY + ", key '" + key.alias()
				+ "')";
	}

	private SslBundle bundle() {
		String name = bundleName();
		if (this.sslBundles == null) {
			throw new InvalidKeyException(SslBundleKeyReader.BUNDLE_PROPERTY,
					"names SSL bundle '" + name + "', but the application has no SSL bundles (no SslBundles bean)",
					"Make sure Spring Boot's SslAutoConfiguration is active and configure the bundle under "
							+ "spring.ssl.bundle.jks." + name + " or spring.ssl.bundle.pem." + name + ".");
		}
		try {
			return this.sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidKeyException(SslBundleKeyReader.BUNDLE_PROPERTY,
					"names SSL bundle '" + name + "', which is not configured (configured bundles: "
							+ this.sslBundles.getBundleNames() + ")",
					"Configure it under spring.ssl.bundle.jks." + name + " (JKS, PKCS12) or spring.ssl.bundle.pem."
							+ name + " (PEM), or fix the name.");
		}
	}

}
