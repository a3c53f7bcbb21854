package io.github.salesforcejwt;

import org.springframework.http.HttpStatusCode;

/**
 * Recognises the answers with which Salesforce says that a session has ended.
 *
 * @author salesforce-jwt
 */
final class SessionEnded {

	private SessionEnded() {
	}

	/**
	 * Return whether a response says the session ended: a 401 whose body has the error
	 * code {@code INVALID_SESSION_ID} (REST and most APIs), or a 400 whose body has
	 * {@code InvalidSessionId} (Bulk API 1.0). Other 401s, such as {@code This session is not
	 * valid for use with the REST API}, and 403 {@code REQUEST_LIMIT_EXCEEDED} are not ended
	 * sessions.
	 * @param status the response status
	 * @param body the response body
	 * @return whether a new login may cure the refusal
	 */
	static boolean isSessionEnded(HttpStatusCode status, String body) {
		return switch (status.value()) {
			case 401 -> body.contains("INVALID_SESSION_ID");
			case 400 -> body.contains("InvalidSessionId");
			default -> false;
		};
	}

}
