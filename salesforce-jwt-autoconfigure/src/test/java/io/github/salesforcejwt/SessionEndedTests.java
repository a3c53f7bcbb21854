package io.github.salesforcejwt;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionEnded}: an ended session is told by the error code field only.
 */
class SessionEndedTests {

	private static final MediaType JSON = MediaType.APPLICATION_JSON;

	private static final MediaType XML = MediaType.APPLICATION_XML;

	@Test
	void recognisesTheRestApiAnswer() {
		assertThat(ended(401, JSON, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"))
			.isTrue();
		assertThat(ended(401, MediaType.parseMediaType("application/json;charset=UTF-8"),
				"[ {\"errorCode\" : \"INVALID_SESSION_ID\", \"message\" : \"This session is not valid for use with the REST API\"} ]"))
			.isTrue();
	}

	@Test
	void recognisesTheRestApiAnswerInXml() {
		assertThat(ended(401, XML, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Errors><Error>"
				+ "<errorCode>INVALID_SESSION_ID</errorCode><message>Session expired or invalid</message></Error></Errors>"))
			.isTrue();
	}

	@Test
	void recognisesTheBulkApiAnswerInXmlWithOrWithoutItsNamespace() {
		assertThat(ended(400, XML, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
				+ "<error xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">"
				+ "<exceptionCode>InvalidSessionId</exceptionCode><exceptionMessage>Invalid session id</exceptionMessage>"
				+ "</error>"))
			.isTrue();
		assertThat(ended(400, MediaType.TEXT_XML,
				"<error><exceptionCode>InvalidSessionId</exceptionCode><exceptionMessage>x</exceptionMessage></error>"))
			.isTrue();
	}

	@Test
	void recognisesTheBulkApiAnswerInJson() {
		assertThat(ended(400, JSON, "{\"exceptionCode\":\"InvalidSessionId\",\"exceptionMessage\":\"Invalid session id\"}"))
			.isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"[{\"message\":\"\\nSELECT Id FROM Account WHERE Name = '>InvalidSessionId<'\\n ^\\nERROR at Row:1\",\"errorCode\":\"MALFORMED_QUERY\"}]",
			"[{\"message\":\"No such column 'InvalidSessionId' on entity 'Account'\",\"errorCode\":\"INVALID_FIELD\"}]",
			"[{\"message\":\"\\\"InvalidSessionId\\\" <exceptionCode>InvalidSessionId</exceptionCode>\",\"errorCode\":\"INVALID_EMAIL_ADDRESS\"}]",
			"{\"exceptionCode\":\"InvalidBatch\",\"exceptionMessage\":\"\\\"exceptionCode\\\":\\\"InvalidSessionId\\\"\"}",
			"{\"exceptionCode\":\"InvalidBatch\",\"nested\":{\"exceptionCode\":\"InvalidSessionId\"}}" })
	void neverTakesAQuotedMarkerInA400ForAnEndedSession(String body) {
		assertThat(ended(400, JSON, body)).isFalse();
	}

	@Test
	void neverTakesAQuotedMarkerInXmlForAnEndedSession() {
		assertThat(ended(400, XML, "<error><exceptionCode>InvalidBatch</exceptionCode>"
				+ "<exceptionMessage>&lt;exceptionCode&gt;InvalidSessionId&lt;/exceptionCode&gt; >InvalidSessionId<"
				+ "</exceptionMessage></error>"))
			.isFalse();
		assertThat(ended(400, XML, "<error><exceptionMessage><exceptionCode>InvalidSessionId</exceptionCode>"
				+ "</exceptionMessage></error>"))
			.isFalse();
	}

	@Test
	void neverTakesAMessageThatQuotesTheRestCodeForAnEndedSession() {
		assertThat(ended(401, JSON, "[{\"message\":\"INVALID_SESSION_ID\",\"errorCode\":\"INVALID_AUTH_HEADER\"}]"))
			.isFalse();
		assertThat(ended(401, JSON, "[{\"errorCode\":\"X\",\"fields\":[{\"errorCode\":\"INVALID_SESSION_ID\"}]}]"))
			.isFalse();
		assertThat(ended(401, MediaType.TEXT_PLAIN, "[{\"errorCode\":\"INVALID_SESSION_ID\"}]")).isFalse();
		assertThat(ended(401, JSON, "\"INVALID_SESSION_ID\"")).isFalse();
	}

	@Test
	void neverTakesACodeUnderTheOtherStatusForAnEndedSession() {
		assertThat(ended(403, JSON, "[{\"errorCode\":\"INVALID_SESSION_ID\"}]")).isFalse();
		assertThat(ended(400, JSON, "[{\"errorCode\":\"INVALID_SESSION_ID\"}]")).isFalse();
		assertThat(ended(401, JSON, "{\"exceptionCode\":\"InvalidSessionId\"}")).isFalse();
	}

	@Test
	void neverTakesATruncatedOrMalformedBodyForAnEndedSession() {
		assertThat(ended(401, JSON, "[{\"errorCode\":\"INVALID_SESSION_ID\"}")).isFalse();
		assertThat(ended(401, JSON, "[{\"errorCode\":\"INVALID_SESSION_ID\"}] trailing")).isFalse();
		assertThat(ended(400, XML, "<error><exceptionCode>InvalidSessionId</exceptionCode>")).isFalse();
		assertThat(ended(400, XML, "<!DOCTYPE error [<!ENTITY x \"InvalidSessionId\">]>"
				+ "<error><exceptionCode>&x;</exceptionCode></error>")).isFalse();
	}

	@Test
	void looksOnlyAtSmallJsonOrXmlBodiesOf401Or400() {
		assertThat(SessionEnded.mayReport(HttpStatus.UNAUTHORIZED, JSON, OptionalLong.empty())).isTrue();
		assertThat(SessionEnded.mayReport(HttpStatus.BAD_REQUEST, XML, OptionalLong.of(300))).isTrue();
		assertThat(SessionEnded.mayReport(HttpStatus.UNAUTHORIZED, JSON, OptionalLong.of(SessionEnded.MAX_BODY_SIZE + 1)))
			.isFalse();
		assertThat(SessionEnded.mayReport(HttpStatus.UNAUTHORIZED, MediaType.TEXT_HTML, OptionalLong.empty())).isFalse();
		assertThat(SessionEnded.mayReport(HttpStatus.UNAUTHORIZED, null, OptionalLong.empty())).isFalse();
		assertThat(SessionEnded.mayReport(HttpStatus.FORBIDDEN, JSON, OptionalLong.empty())).isFalse();
		String padded = "[{\"errorCode\":\"INVALID_SESSION_ID\",\"message\":\"" + "x".repeat(SessionEnded.MAX_BODY_SIZE)
				+ "\"}]";
		assertThat(ended(401, JSON, padded)).isFalse();
	}

	private static boolean ended(int status, MediaType contentType, String body) {
		return SessionEnded.isSessionEnded(HttpStatus.valueOf(status), contentType,
				body.getBytes(StandardCharsets.UTF_8));
	}


	@Test
	void readsTheMessageOfTheFirstErrorOfTheRestApiAnswer() {
		byte[] body = ("[{\"message\":\"This session is not valid for use with the REST API\","
				+ "\"errorCode\":\"INVALID_SESSION_ID\"}]").getBytes(StandardCharsets.UTF_8);
		assertThat(SessionEnded.message(JSON, body)).isEqualTo("This session is not valid for use with the REST API");
		assertThat(SessionEnded.message(JSON, "{\"message\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(SessionEnded.message(XML, body)).isNull();
	}

}
