package io.github.salesforcejwt;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.util.Assert;

/**
 * Creates the signed JWT assertion of the OAuth 2.0 JWT bearer flow as Salesforce expects
 * it: header {@code {"alg":"RS256","typ":"JWT"}}, claims exactly {@code iss} (consumer
 * key), {@code sub} (username), {@code aud} and {@code exp} (UTC epoch seconds).
 * <p>
 * The key pair is read from the supplier for each assertion, so a supplier backed by a
 * reloading key store signs the next login with the new key. Signing uses Nimbus through
 * Spring Security's {@link NimbusJwtEncoder}.
 *
 * @author salesforce-jwt
 */
public final class SalesforceJwtAssertionFactory {

	private final String consumerKey;

	private final String username;

	private final String audience;

	private final Duration lifetime;

	private final Supplier<KeyPair> keyPair;

	private final Clock clock;

	private volatile @Nullable SigningKey signingKey;

	/**
	 * Create a new factory.
	 * @param consumerKey the connected app's consumer key, the {@code iss} claim
	 * @param username the Salesforce username, the {@code sub} claim
	 * @param audience the {@code aud} claim
	 * @param lifetime how far ahead of now the {@code exp} claim lies
	 * @param keyPair supplies the RSA key pair to sign with
	 * @param clock the clock
	 */
	public SalesforceJwtAssertionFactory(String consumerKey, String username, String audience, Duration lifetime,
			Supplier<KeyPair> keyPair, Clock clock) {
		Assert.hasText(consumerKey, "'consumerKey' must not be empty");
		Assert.hasText(username, "'username' must not be empty");
		Assert.hasText(audience, "'audience' must not be empty");
		Assert.isTrue(!lifetime.isNegative() && !lifetime.isZero(), "'lifetime' must be positive");
		Assert.notNull(keyPair, "'keyPair' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.consumerKey = consumerKey;
		this.username = username;
		this.audience = audience;
		this.lifetime = lifetime;
		this.keyPair = keyPair;
		this.clock = clock;
	}

	/**
	 * Create a new signed assertion, valid for the configured lifetime from now.
	 * @return the compact serialized JWT
	 */
	public String createAssertion() {
		Instant expiresAt = this.clock.instant().plus(this.lifetime);
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("JWT").build();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.consumerKey)
			.subject(this.username)
			.audience(List.of(this.audience))
			.expiresAt(expiresAt)
			.build();
		return encoder().encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	/**
	 * Return the clock that sets {@code exp}, against which the token client measures
	 * Salesforce's.
	 * @return the clock
	 */
	Clock clock() {
		return this.clock;
	}

	/**
	 * Return the {@code aud} claim this factory puts in assertions.
	 * @return the audience
	 */
	public String getAudience() {
		return this.audience;
	}

	private JwtEncoder encoder() {
		KeyPair current = this.keyPair.get();
		SigningKey signingKey = this.signingKey;
		if (signingKey == null || signingKey.keyPair() != current) {
			// No key id: Salesforce's header is {"alg":"RS256","typ":"JWT"}, nothing more
			RSAKey jwk = new RSAKey.Builder((RSAPublicKey) current.getPublic())
				.privateKey((RSAPrivateKey) current.getPrivate())
				.build();
			signingKey = new SigningKey(current, new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk))));
			this.signingKey = signingKey;
		}
		return signingKey.encoder();
	}

	@Override
	public String toString() {
		return "SalesforceJwtAssertionFactory[iss=" + this.consumerKey + ", sub=" + this.username + ", aud="
				+ this.audience + ", lifetime=" + this.lifetime + "]";
	}

	private record SigningKey(KeyPair keyPair, JwtEncoder encoder) {

		@Override
		public String toString() {
			return "SigningKey";
		}

	}

}
