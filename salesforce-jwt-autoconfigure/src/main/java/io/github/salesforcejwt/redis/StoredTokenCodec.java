package io.github.salesforcejwt.redis;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.salesforcejwt.SalesforceToken;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.encrypt.Encryptors;

/**
 * Turns a token into what Redis keeps of it and back: the token's fields as JSON,
 * encrypted with AES-GCM ({@link Encryptors#stronger}, a new random IV each time) under a
 * key derived from the secret; and a fingerprint of the access token (HMAC-SHA256 with the
 * secret), so that an instance can tell which token the store holds without decrypting it.
 * Also hashes the parts of key names that must not be shown, such as the username.
 *
 * @author salesforce-jwt
 */
final class StoredTokenCodec {

	private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
	};

	private final @Nullable BytesEncryptor encryptor;

	private final byte[] hashKey;

	/**
	 * Create a new codec.
	 * @param secret the passphrase, or {@code null} when tokens are stored in clear
	 * @param encrypt whether to encrypt the tokens (then {@code secret} is required)
	 * @param salt what makes the derived key this deployment's own, such as the key prefix
	 */
	StoredTokenCodec(@Nullable String secret, boolean encrypt, String salt) {
		if (encrypt && (secret == null || secret.isEmpty())) {
			throw new IllegalArgumentException("A secret is needed to encrypt the tokens");
		}
		this.encryptor = encrypt ? Encryptors.stronger(secret, HexFormat.of().formatHex(sha256(
				"salesforce-jwt token store salt " + salt), 0, 16)) : null;
		this.hashKey = sha256("salesforce-jwt token store " + ((secret != null) ? secret : ""));
	}

	String encode(SalesforceToken token) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("accessToken", token.getAccessToken());
		fields.put("instanceUrl", token.getInstanceUrl().toString());
		if (token.getIdentityUrl() != null) {
			fields.put("identityUrl", token.getIdentityUrl().toString());
		}
		if (token.getScope() != null) {
			fields.put("scope", token.getScope());
		}
		fields.put("tokenType", token.getTokenType());
		fields.put("issuedAt", Long.toString(token.getIssuedAt().toEpochMilli()));
		byte[] json = JsonMapper.shared().writeValueAsBytes(fields);
		return (this.encryptor != null) ? Base64.getEncoder().encodeToString(this.encryptor.encrypt(json))
				: new String(json, StandardCharsets.UTF_8);
	}

	/**
	 * Decode a stored value.
	 * @throws IllegalArgumentException if it cannot be decrypted or read (another secret)
	 */
	SalesforceToken decode(String value) {
		try {
			byte[] json = (this.encryptor != null) ? this.encryptor.decrypt(Base64.getDecoder().decode(value))
					: value.getBytes(StandardCharsets.UTF_8);
			Map<String, String> fields = JsonMapper.shared().readValue(json, FIELDS);
			String identityUrl = fields.get("identityUrl");
			return new SalesforceToken(fields.get("accessToken"), URI.create(fields.get("instanceUrl")),
					(identityUrl != null) ? URI.create(identityUrl) : null, fields.get("scope"),
					fields.get("tokenType"), Instant.ofEpochMilli(Long.parseLong(fields.get("issuedAt"))));
		}
		catch (RuntimeException ex) {
			// Never the cause: its message could quote the value
			throw new IllegalArgumentException("The stored token cannot be "
					+ ((this.encryptor != null) ? "decrypted" : "read") + " (" + ex.getClass().getSimpleName() + ")");
		}
	}

	/**
	 * A fingerprint of the access token: tells tokens apart, reveals nothing of them.
	 */
	String fingerprint(SalesforceToken token) {
		return hash("token", token.getAccessToken());
	}

	/**
	 * A keyed hash, in hex, of a value that must not appear in clear.
	 */
	String hash(String purpose, String value) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.hashKey, "HmacSHA256"));
			mac.update(purpose.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	boolean isEncrypted() {
		return this.encryptor != null;
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
