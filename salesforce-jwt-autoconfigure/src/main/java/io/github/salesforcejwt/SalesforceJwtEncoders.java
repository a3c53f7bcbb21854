package io.github.salesforcejwt;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.util.Assert;

/**
 * {@link JwtEncoder}s that sign Salesforce assertions with an RSA key pair, through
 * Nimbus ({@link NimbusJwtEncoder}).
 *
 * @author salesforce-jwt
 */
public final class SalesforceJwtEncoders {

	private SalesforceJwtEncoders() {
	}

	/**
	 * Return an encoder that signs with a key pair.
	 * @param keyPair the RSA key pair
	 * @return the encoder
	 */
	public static JwtEncoder of(KeyPair keyPair) {
		Assert.notNull(keyPair, "'keyPair' must not be null");
		return nimbus(keyPair);
	}

	/**
	 * Return an encoder that signs with the key pair the supplier gives at each call, so
	 * that a supplier backed by a reloading key store signs the next assertion with the new
	 * key.
	 * @param keyPair supplies the RSA key pair
	 * @return the encoder
	 */
	public static JwtEncoder of(Supplier<KeyPair> keyPair) {
		Assert.notNull(keyPair, "'keyPair' must not be null");
		return new RotatingKeyJwtEncoder(keyPair);
	}

	private static JwtEncoder nimbus(KeyPair keyPair) {
		// No key id: Salesforce's header is {"alg":"RS256","typ":"JWT"}, nothing more
		RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
			.privateKey((RSAPrivateKey) keyPair.getPrivate())
			.build();
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
	}

	/**
	 * Signs with the supplier's current key pair, building the Nimbus encoder again only
	 * when the key pair changes.
	 */
	private static final class RotatingKeyJwtEncoder implements JwtEncoder {

		private final Supplier<KeyPair> keyPair;

		private volatile @Nullable SigningKey signingKey;

		RotatingKeyJwtEncoder(Supplier<KeyPair> keyPair) {
			this.keyPair = keyPair;
		}

		@Override
		public Jwt encode(JwtEncoderParameters parameters) {
			KeyPair current = this.keyPair.get();
			SigningKey signingKey = this.signingKey;
			if (signingKey == null || signingKey.keyPair() != current) {
				signingKey = new SigningKey(current, nimbus(current));
				this.signingKey = signingKey;
			}
			return signingKey.encoder().encode(parameters);
		}

		@Override
		public String toString() {
			return "SalesforceJwtEncoders.RotatingKeyJwtEncoder";
		}

	}

	private record SigningKey(KeyPair keyPair, JwtEncoder encoder) {

		@Override
		public String toString() {
			return "SigningKey";
		}

	}

}
