package io.github.salesforcejwt;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;

/**
 * Recognises the answers with which Salesforce says that a session has ended.
 *
 * @author salesforce-jwt
 */
final class SessionEnded {

	private static final String REST_ERROR_CODE = "INVALID_SESSION_ID";

	private static final String BULK_EXCEPTION_CODE = "InvalidSessionId";

	private SessionEnded() {
	}

	/**
	 * Return whether a response with this status may say that the session ended, so that
	 * its body is worth reading.
	 * @param status the response status
	 * @return whether the status is 401 or 400
	 */
	static boolean mayReport(HttpStatusCode status) {
		return status.value() == 401 || status.value() == 400;
	}

	/**
	 * Return whether a response says the session ended: a 401 whose body has the error
	 * code {@code INVALID_SESSION_ID} (REST and most APIs), or a 400 whose body has the
	 * exception code {@code InvalidSessionId} (Bulk API 1.0, in XML or JSON). A 401 such as
	 * {@code This session is not valid for use with the REST API} also carries
	 * {@code INVALID_SESSION_ID}: it is renewed once, and the retry's answer is final. A 403
	 * {@code REQUEST_LIMIT_EXCEEDED} is never an ended session.
	 * @param status the response status
	 * @param body the response body; its read position is left unchanged
	 * @return whether a new login may cure the refusal
	 */
	static boolean isSessionEnded(HttpStatusCode status, DataBuffer body) {
		// The markers are ASCII: any charset the body is in keeps them readable as Latin-1
		String text = body.toString(body.readPosition(), body.readableByteCount(), StandardCharsets.ISO_8859_1);
		return switch (status.value()) {
			case 401 -> text.contains(REST_ERROR_CODE);
			case 400 -> text.contains(">" + BULK_EXCEPTION_CODE + "<") || text.contains("\"" + BULK_EXCEPTION_CODE + "\"");
			default -> false;
		};
	}

}
