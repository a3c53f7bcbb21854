package io.github.salesforcejwt;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SalesforceApiErrors} and the two exceptions that use it.
 */
class SalesforceApiErrorsTests {

	@Test
	void decodesEveryErrorWithItsCodeMessageAndFields() {
		assertThat(SalesforceApiErrors.decode(bytes("[{\"message\":\"Required fields are missing: [Name]\","
				+ "\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"Name\"]},"
				+ "{\"message\":\"unexpected token: FORM\",\"errorCode\":\"MALFORMED_QUERY\"}]")))
			.containsExactly(
					new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]",
							List.of("Name")),
					new SalesforceError("MALFORMED_QUERY", "unexpected token: FORM", List.of()));
	}

	@Test
	void decodesNothingFromABodyThatIsNotASalesforceErrorBody() {
		assertThat(SalesforceApiErrors.decode(bytes("<html>Bad Gateway</html>"))).isEmpty();
		assertThat(SalesforceApiErrors.decode(bytes("{\"error\":\"invalid_grant\"}"))).isEmpty();
		assertThat(SalesforceApiErrors.decode(bytes("[\"text\"]"))).isEmpty();
		assertThat(SalesforceApiErrors.decode(new byte[0])).isEmpty();
	}

	@Test
	void decodesNothingFromABodyPastTheLimit() {
		String message = "x".repeat(SalesforceApiErrors.MAX_BODY_BYTES);
		assertThat(SalesforceApiErrors
			.decode(bytes("[{\"message\":\"" + message + "\",\"errorCode\":\"MALFORMED_QUERY\"}]"))).isEmpty();
	}

	@Test
	void bothExceptionsAreTheirClientsOwnAndCarryTheErrors() {
		byte[] body = bytes("[{\"message\":\"No such column 'Nme'\",\"errorCode\":\"INVALID_FIELD\"}]");
		SalesforceRestClientApiException rest = new SalesforceRestClientApiException(HttpStatus.BAD_REQUEST,
				"Bad Request", null, body, StandardCharsets.UTF_8);
		SalesforceWebClientApiException web = new SalesforceWebClientApiException(HttpStatus.BAD_REQUEST,
				"Bad Request", null, body, StandardCharsets.UTF_8, null);
		assertThat(rest).isInstanceOf(RestClientResponseException.class)
			.hasMessage("400 BAD_REQUEST from Salesforce: INVALID_FIELD: No such column 'Nme'");
		assertThat(web).isInstanceOf(WebClientResponseException.class)
			.hasMessage("400 BAD_REQUEST from Salesforce: INVALID_FIELD: No such column 'Nme'");
		assertThat(List.<SalesforceApiError>of(rest, web)).allSatisfy((error) -> {
			assertThat(error.getErrorCode()).isEqualTo("INVALID_FIELD");
			assertThat(error.hasErrorCode("INVALID_FIELD")).isTrue();
			assertThat(error.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		});
		assertThat(rest.getResponseBodyAsString()).contains("INVALID_FIELD");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
