package io.github.salesforcejwt.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * The token endpoint of a fake org, {@code POST /services/oauth2/token}: verifies a JWT
 * bearer assertion (RFC 7523) as Salesforce does and, when it is good, starts a session of
 * the pre-authorized user the assertion names. Also serves
 * {@code POST /services/oauth2/revoke}.
 */
final class TokenEndpoint extends OrgEndpoint {

	static final String NAME = "salesforce-token-endpoint";

	static final String TOKEN_PATH = "/services/oauth2/token";

	static final String REVOKE_PATH = "/services/oauth2/revoke";

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	/**
	 * How far ahead the {@code exp} of an assertion may be. Salesforce documents 3 minutes;
	 * the fake allows some slack for clock skew.
	 */
	static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(3).plusSeconds(10);

	/**
	 * The key of the {@code signature} of token responses.
	 */
	private final SecretKeySpec signingKey = new SecretKeySpec(KeyMaterial.randomBytes(32), "HmacSHA256");

	TokenEndpoint(OrgState state) {
		super(NAME, state);
	}

	@Override
	ResponseDefinition answer(Request request) {
		if (request.getUrl().startsWith(REVOKE_PATH)) {
			return revoke(request);
		}
		state().recordLogin();
		LoginError rejection = state().rejection();
		if (rejection != null) {
			return Responses.loginError(rejection);
		}
		if (!isForm(request)) {
			return Responses.loginError(LoginError.UNSUPPORTED_GRANT_TYPE);
		}
		Map<String, String> form;
		try {
			form = parseForm(request.getBodyAsString());
		}
		catch (IllegalArgumentException ex) {
			return Responses.loginError(LoginError.UNSUPPORTED_GRANT_TYPE);
		}
		if (!JWT_BEARER.equals(form.get("grant_type"))) {
			return Responses.loginError(LoginError.UNSUPPORTED_GRANT_TYPE);
		}
		String assertion = form.get("assertion");
		if (assertion == null || assertion.isBlank()) {
			return Responses.loginError(LoginError.INVALID_ASSERTION);
		}
		return login(assertion);
	}

	private ResponseDefinition login(String assertion) {
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(assertion);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			return Responses.loginError(LoginError.INVALID_ASSERTION);
		}
		LoginError error = verify(jwt, claims, Instant.now());
		if (error != null) {
			return Responses.loginError(error);
		}
		String subject = getSubject(claims);
		OrgUser user = (subject != null) ? state().users().find(subject) : null;
		return (user != null) ? success(user) : Responses.loginError(LoginError.USER_NOT_APPROVED);
	}

	/**
	 * Verify everything but the subject.
	 * @param jwt the assertion
	 * @param claims its claims
	 * @param now the current time
	 * @return the error, or {@code null} if the assertion is good for any user
	 */
	private @Nullable LoginError verify(SignedJWT jwt, JWTClaimsSet claims, Instant now) {
		if (!state().consumerKey().equals(claims.getIssuer())) {
			return LoginError.INVALID_CLIENT_ID;
		}
		if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !hasValidSignature(jwt)) {
			return LoginError.INVALID_ASSERTION;
		}
		Date expiration = claims.getExpirationTime();
		if (expiration == null || expiration.toInstant().isAfter(now.plus(MAX_ASSERTION_LIFETIME))) {
			return LoginError.INVALID_ASSERTION;
		}
		if (!expiration.toInstant().isAfter(now)) {
			return LoginError.EXPIRED_ASSERTION;
		}
		List<String> audience = claims.getAudience();
		if (audience == null || !audience.contains(state().audience())) {
			return LoginError.INVALID_AUDIENCE;
		}
		return null;
	}

	private boolean hasValidSignature(SignedJWT jwt) {
		try {
			return jwt.verify(new RSASSAVerifier(state().trustedPublicKey()));
		}
		catch (JOSEException | RuntimeException ex) {
			return false;
		}
	}

	private @Nullable String getSubject(JWTClaimsSet claims) {
		String subject = claims.getSubject();
		if (subject != null) {
			return subject;
		}
		Object principal = claims.getClaim("prn");
		return (principal instanceof String name) ? name : null;
	}

	private ResponseDefinition success(OrgUser user) {
		String accessToken = state().sessions().start(user);
		String id = state().identityUrl(user);
		String issuedAt = Long.toString(Instant.now().toEpochMilli());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", accessToken);
		body.put("scope", "api");
		body.put("instance_url", state().instanceUrl());
		body.put("id", id);
		body.put("token_type", "Bearer");
		body.put("issued_at", issuedAt);
		body.put("signature", sign(id + issuedAt));
		return Responses.json(200, body).build();
	}

	private String sign(String value) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.signingKey);
			return Base64.getEncoder().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to sign the token response", ex);
		}
	}

	private ResponseDefinition revoke(Request request) {
		String token = null;
		try {
			token = isForm(request) ? parseForm(request.getBodyAsString()).get("token") : null;
		}
		catch (IllegalArgumentException ex) {
			// answered below as an unknown token
		}
		if (token == null || !state().sessions().end(token)) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", "unsupported_token_type");
			body.put("error_description", "this token type is not supported");
			return Responses.json(400, body).build();
		}
		return ResponseDefinition.ok();
	}

	private static boolean isForm(Request request) {
		String contentType = request.getHeader("Content-Type");
		return contentType != null
				&& contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
	}

	private static Map<String, String> parseForm(String body) {
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals != -1) ? pair.substring(0, equals) : pair;
			String value = (equals != -1) ? pair.substring(equals + 1) : "";
			form.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return form;
	}

}
