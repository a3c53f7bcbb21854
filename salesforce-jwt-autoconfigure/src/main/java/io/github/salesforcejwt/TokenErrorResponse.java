package io.github.salesforcejwt;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The token endpoint's error answer, as read from JSON: an OAuth error becomes
 * {@link SalesforceAuthenticationException#rejected} with its fix, and with how far this
 * machine's clock is off by the answer's {@code Date}; an answer without one is an
 * unexpected response.
 *
 * @param error the {@code error}
 * @param errorDescription the {@code error_description}
 * @author salesforce-jwt
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TokenErrorResponse(@JsonProperty("error") @Nullable String error,
		@JsonProperty("error_description") @Nullable String errorDescription) {

	/**
	 * An answer whose body could not be read as an error.
	 */
	static final TokenErrorResponse NONE = new TokenErrorResponse(null, null);

	/**
	 * Return the failure this answer stands for.
	 * @param status the HTTP status
	 * @param headers the headers, for the {@code Date}
	 * @param receivedAt when the answer arrived, by the clock that sets the assertion's
	 * {@code exp}
	 * @param failures the failures of the endpoint that answered
	 * @return the failure
	 */
	SalesforceAuthenticationException toException(int status, HttpHeaders headers, Instant receivedAt,
			TokenEndpointFailures failures) {
		if (this.error == null || this.error.isBlank()) {
			return failures.unexpected(status, "no OAuth error in its body", null);
		}
		return SalesforceAuthenticationException.rejected(status, this.error, this.errorDescription,
				clockOffset(headers, receivedAt));
	}

	/**
	 * How far the clock that set {@code exp} is ahead of Salesforce's, by the answer's
	 * {@code Date} header.
	 */
	private static @Nullable Duration clockOffset(HttpHeaders headers, Instant receivedAt) {
		try {
			long date = headers.getDate();
			return (date != -1) ? Duration.between(Instant.ofEpochMilli(date), receivedAt) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
