package io.github.salesforcejwt.autoconfigure;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jwt.SignedJWT;

/**
 * A token endpoint with a clock of its own, {@code serverClockOffsetSeconds} away from this
 * machine's: it checks the assertion's {@code exp} as Salesforce documents it (after its
 * now, at most 3 minutes ahead) and answers with its own time in the {@code Date} header.
 */
public final class ClockCheckingTokenEndpoint implements ResponseDefinitionTransformerV2 {

	static final String NAME = "clock-checking-token-endpoint";

	static final String SERVER_CLOCK_OFFSET = "serverClockOffsetSeconds";

	static final String INSTANCE_URL = "instanceUrl";

	private static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(3);

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Parameters parameters = serveEvent.getTransformerParameters();
		Instant now = Instant.now().plusSeconds(parameters.getInt(SERVER_CLOCK_OFFSET));
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC));
		Instant exp = expiry(TestKeys.form(serveEvent.getRequest().getBodyAsString()).get("assertion"));
		if (!exp.isAfter(now)) {
			return SalesforceStubs.error("invalid_grant", "expired authorization code")
				.withHeader("Date", date)
				.build();
		}
		if (exp.isAfter(now.plus(MAX_ASSERTION_LIFETIME))) {
			// Not documented how Salesforce words it: any refusal fails the test
			return SalesforceStubs.error("invalid_grant", "exp too far ahead").withHeader("Date", date).build();
		}
		return SalesforceStubs.token("00D!clock", parameters.getString(INSTANCE_URL)).withHeader("Date", date).build();
	}

	private static Instant expiry(String assertion) {
		try {
			Date expiration = SignedJWT.parse(assertion).getJWTClaimsSet().getExpirationTime();
			return expiration.toInstant();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
