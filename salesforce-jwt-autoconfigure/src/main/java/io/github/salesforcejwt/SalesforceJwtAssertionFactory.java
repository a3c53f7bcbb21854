package io.github.salesforcejwt;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.util.Assert;

/**
 * Creates the signed JWT assertion of the OAuth 2.0 JWT bearer flow as Salesforce expects
 * it: header {@code {"alg":"RS256","typ":"JWT"}}, claims exactly {@code iss} (consumer
 * key), {@code sub} (username), {@code aud} and {@code exp} (UTC epoch seconds).
 * <p>
 * A {@link JwtEncoder} signs: one made by {@link SalesforceJwtEncoders} from a key pair
 * (read again for each assertion, so a reloading key store signs the next login with the
 * new key), or the application's own, backed by a KMS or an HSM.
 *
 * @author salesforce-jwt
 */
public final class SalesforceJwtAssertionFactory {

	private final String consumerKey;

	private final String username;

	private final String audience;

	private final Duration lifetime;

	private final JwtEncoder encoder;

	private final Clock clock;

	/**
	 * Create a new factory for a connection.
	 * @param connectionDetails the connection: consumer key, username, audience and
	 * encoder
	 * @param lifetime how far ahead of now the {@code exp} claim lies
	 * @param clock the clock
	 */
	public SalesforceJwtAssertionFactory(SalesforceConnectionDetails connectionDetails, Duration lifetime,
			Clock clock) {
		this(connectionDetails.getConsumerKey(), connectionDetails.getUsername(), connectionDetails.getAudience(),
				lifetime, connectionDetails.getJwtEncoder(), clock);
	}

	/**
	 * Create a new factory that signs with a key pair.
	 * @param consumerKey the connected app's consumer key, the {@code iss} claim
	 * @param username the Salesforce username, the {@code sub} claim
	 * @param audience the {@code aud} claim
	 * @param lifetime how far ahead of now the {@code exp} claim lies
	 * @param keyPair supplies the RSA key pair to sign with
	 * @param clock the clock
	 */
	public SalesforceJwtAssertionFactory(String consumerKey, String username, String audience, Duration lifetime,
			Supplier<KeyPair> keyPair, Clock clock) {
		this(consumerKey, username, audience, lifetime, SalesforceJwtEncoders.of(keyPair), clock);
	}

	/**
	 * Create a new factory.
	 * @param consumerKey the connected app's consumer key, the {@code iss} claim
	 * @param username the Salesforce username, the {@code sub} claim
	 * @param audience the {@code aud} claim
	 * @param lifetime how far ahead of now the {@code exp} claim lies
	 * @param encoder signs the assertion (RS256)
	 * @param clock the clock
	 */
	public SalesforceJwtAssertionFactory(String consumerKey, String username, String audience, Duration lifetime,
			JwtEncoder encoder, Clock clock) {
		Assert.hasText(consumerKey, "'consumerKey' must not be empty");
		Assert.hasText(username, "'username' must not be empty");
		Assert.hasText(audience, "'audience' must not be empty");
		Assert.isTrue(!lifetime.isNegative() && !lifetime.isZero(), "'lifetime' must be positive");
		Assert.notNull(encoder, "'encoder' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.consumerKey = consumerKey;
		this.username = username;
		this.audience = audience;
		this.lifetime = lifetime;
		this.encoder = encoder;
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
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
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

	@Override
	public String toString() {
		return "SalesforceJwtAssertionFactory[iss=" + this.consumerKey + ", sub=" + this.username + ", aud="
				+ this.audience + ", lifetime=" + this.lifetime + "]";
	}

}
