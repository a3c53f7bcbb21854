package io.github.salesforcejwt.test;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs JWT bearer assertions with Nimbus, as a client of the org does.
 */
final class JwtAssertions {

	private JwtAssertions() {
	}

	/**
	 * Return a good assertion for the org, signed with its key.
	 * @param org the org
	 * @return the assertion
	 */
	static String forOrg(FakeSalesforceOrg org) {
		return sign(org.keyPair(), goodClaims(org));
	}

	/**
	 * Return an assertion for the org, signed with its key, with claims changed.
	 * @param org the org
	 * @param customizer changes to the good claims
	 * @return the assertion
	 */
	static String forOrg(FakeSalesforceOrg org, Consumer<JwtClaimsSet.Builder> customizer) {
		JwtClaimsSet.Builder claims = goodClaims(org);
		customizer.accept(claims);
		return sign(org.keyPair(), claims);
	}

	static JwtClaimsSet.Builder goodClaims(FakeSalesforceOrg org) {
		return JwtClaimsSet.builder()
			.issuer(org.consumerKey())
			.subject(org.username())
			.audience(List.of(org.audience()))
			.expiresAt(Instant.now().plus(Duration.ofMinutes(3)));
	}

	static String sign(KeyPair keyPair, JwtClaimsSet.Builder claims) {
		return sign(NimbusJwtEncoder
			.withKeyPair((RSAPublicKey) keyPair.getPublic(), (RSAPrivateKey) keyPair.getPrivate())
			.build(), claims);
	}

	/**
	 * Return an assertion signed by an encoder, such as the one of a
	 * {@code SalesforceConnectionDetails}.
	 * @param encoder the encoder
	 * @param claims the claims
	 * @return the assertion
	 */
	static String sign(JwtEncoder encoder, JwtClaimsSet.Builder claims) {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
	}

}
