package io.github.salesforcejwt.autoconfigure;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.salesforcejwt.autoconfigure.PrivateKeyReader.InvalidKeyException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.util.StringUtils;

/**
 * Reads the RSA private key of {@code salesforce.jwt.ssl-bundle} from the key store of a
 * Spring Boot {@link SslBundle} (JKS, PKCS12 or PEM), with the password of the bundle's
 * key settings. Error messages never contain key material or passwords.
 *
 * @author salesforce-jwt
 */
final class SslBundleKeyReader {

	static final String BUNDLE_PROPERTY = SalesforceJwtSettings.PREFIX + "ssl-bundle";

	static final String ALIAS_PROPERTY = SalesforceJwtSettings.PREFIX + "key-alias";

	private SslBundleKeyReader() {
	}

	/**
	 * Read the signing key of a bundle.
	 * @param name the bundle's name
	 * @param bundle the bundle
	 * @param keyAlias the configured {@code salesforce.jwt.key-alias}, or {@code null}
	 * @return the key pair and its certificate, when the store has one
	 * @throws InvalidKeyException when the key cannot be read or used
	 */
	static BundleKey read(String name, SslBundle bundle, @Nullable String keyAlias) {
		String named = "names SSL bundle '" + name + "'";
		SslStoreBundle stores = bundle.getStores();
		KeyStore keyStore;
		try {
			keyStore = stores.getKeyStore();
		}
		catch (RuntimeException ex) {
			throw new InvalidKeyException(BUNDLE_PROPERTY,
					named + ", whose key store could not be loaded (" + describe(ex) + ")",
					"Check the key store settings of spring.ssl.bundle.jks." + name + " or spring.ssl.bundle.pem."
							+ name + " (location, type, password).");
		}
		if (keyStore == null) {
			throw new InvalidKeyException(BUNDLE_PROPERTY, named + ", which has no key store",
					"Configure spring.ssl.bundle.jks." + name + ".keystore.location (JKS, PKCS12), or "
							+ "spring.ssl.bundle.pem." + name + ".keystore.private-key and .certificate (PEM).");
		}
		String alias = alias(name, bundle, keyStore, keyAlias);
		String password = bundle.getKey().getPassword();
		password = (password != null) ? password : stores.getKeyStorePassword();
		Key key;
		try {
			key = keyStore.getKey(alias, (password != null) ? password.toCharArray() : null);
		}
		catch (UnrecoverableKeyException ex) {
			throw new InvalidKeyException(BUNDLE_PROPERTY,
					named + ", whose key entry '" + alias + "' could not be recovered with the bundle's key "
							+ "password (wrong password?)",
					"Set spring.ssl.bundle.<jks|pem>." + name + ".key.password to the password of the key entry; "
							+ "when it is not set, the key store password is used.");
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidKeyException(BUNDLE_PROPERTY,
					named + ", whose key entry '" + alias + "' could not be read (" + ex.getClass().getSimpleName()
							+ ")",
					"Check the key store with keytool -list -keystore <file>.");
		}
		if (!(key instanceof PrivateKey privateKey)) {
			throw new InvalidKeyException(BUNDLE_PROPERTY,
					named + ", whose entry '" + alias + "' holds no private key",
					"Set salesforce.jwt.key-alias to the alias of a private key entry.");
		}
		KeyPair keyPair;
		try {
			keyPair = PrivateKeyReader.toRsaKeyPair(BUNDLE_PROPERTY, privateKey);
		}
		catch (InvalidKeyException ex) {
			throw new InvalidKeyException(BUNDLE_PROPERTY,
					named + ", whose key '" + alias + "' " + ex.getProblem().reason(), ex.getProblem().action());
		}
		X509Certificate certificate = certificate(keyStore, alias);
		if (certificate != null && !CertificateCheck.matches(keyPair, certificate)) {
			throw new InvalidKeyException(BUNDLE_PROPERTY,
					named + ", whose key entry '" + alias + "' does not belong to its own certificate: "
							+ "the private key does not match the certificate " + CertificateCheck.describe(certificate),
					"Put the private key and the certificate made from it in the same entry.");
		}
		return new BundleKey(alias, keyPair, certificate);
	}

	private static String alias(String name, SslBundle bundle, KeyStore keyStore, @Nullable String keyAlias) {
		List<String> keyEntries = keyEntries(keyStore);
		if (StringUtils.hasText(keyAlias)) {
			String alias = keyAlias.strip();
			if (!keyEntries.contains(alias)) {
				throw new InvalidKeyException(ALIAS_PROPERTY,
						"is '" + alias + "', but the key store of SSL bundle '" + name
								+ "' holds no private key of that alias (its private keys: " + keyEntries + ")",
						"Set it to the alias of the key whose certificate is uploaded to the connected app.");
			}
			return alias;
		}
		String bundleAlias = bundle.getKey().getAlias();
		if (StringUtils.hasText(bundleAlias)) {
			if (!keyEntries.contains(bundleAlias)) {
				throw new InvalidKeyException(BUNDLE_PROPERTY,
						"names SSL bundle '" + name + "', whose key alias '" + bundleAlias
								+ "' is not a private key of its key store (its private keys: " + keyEntries + ")",
						"Fix spring.ssl.bundle.<jks|pem>." + name + ".key.alias, or set salesforce.jwt.key-alias.");
			}
			return bundleAlias;
		}
		if (keyEntries.isEmpty()) {
			throw new InvalidKeyException(BUNDLE_PROPERTY,
					"names SSL bundle '" + name + "', whose key store holds no private key",
					"Put the RSA private key and its certificate in the bundle's key store.");
		}
		if (keyEntries.size() > 1) {
			throw new InvalidKeyException(ALIAS_PROPERTY,
					"is not set, but the key store of SSL bundle '" + name + "' holds several private keys "
							+ keyEntries,
					"Set salesforce.jwt.key-alias to the alias of the key whose certificate is uploaded to the "
							+ "connected app.");
		}
		return keyEntries.get(0);
	}

	private static List<String> keyEntries(KeyStore keyStore) {
		try {
			List<String> entries = new ArrayList<>();
			for (String alias : Collections.list(keyStore.aliases())) {
				if (keyStore.isKeyEntry(alias)) {
					entries.add(alias);
				}
			}
			Collections.sort(entries);
			return entries;
		}
		catch (KeyStoreException ex) {
			throw new IllegalStateException("Key store is not loaded", ex);
		}
	}

	private static @Nullable X509Certificate certificate(KeyStore keyStore, String alias) {
		try {
			Certificate certificate = keyStore.getCertificate(alias);
			return (certificate instanceof X509Certificate x509) ? x509 : null;
		}
		catch (KeyStoreException ex) {
			return null;
		}
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		boolean safe = message != null && message.length() <= 200 && !message.contains("-----");
		return cause.getClass().getSimpleName() + (safe ? ": " + message : "");
	}

	/**
	 * The key read from a bundle.
	 *
	 * @param alias the alias of the key entry
	 * @param keyPair the key pair
	 * @param certificate the entry's certificate, if any
	 */
	record BundleKey(String alias, KeyPair keyPair, @Nullable X509Certificate certificate) {

		@Override
		public String toString() {
			return "BundleKey[alias=" + this.alias + "]";
		}

	}

}
