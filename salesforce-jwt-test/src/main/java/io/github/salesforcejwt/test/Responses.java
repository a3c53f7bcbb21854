package io.github.salesforcejwt.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * Builds the JSON responses of the fake org, shaped as Salesforce shapes them.
 */
final class Responses {

	static final String JSON = "application/json;charset=UTF-8";

	private Responses() {
	}

	static ResponseDefinitionBuilder json(int status, Object body) {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(status)
			.withHeader("Content-Type", JSON)
			.withBody(write(body));
	}

	/**
	 * Return a token endpoint error: {@code {"error":"...","error_description":"..."}}.
	 * @param error the login error
	 * @return the response
	 */
	static ResponseDefinition loginError(LoginError error) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error.error());
		body.put("error_description", error.errorDescription());
		return json(error.status(), body).build();
	}

	/**
	 * Return a REST API error, whose body is a JSON array of one error.
	 * @param status the HTTP status
	 * @param errorCode the Salesforce error code
	 * @param message the message
	 * @param fields the fields in error, if any
	 * @return the response builder
	 */
	static ResponseDefinitionBuilder apiError(int status, String errorCode, String message, String... fields) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("errorCode", errorCode);
		if (fields.length > 0) {
			error.put("fields", List.of(fields));
		}
		return json(status, List.of(error));
	}

	/**
	 * Return an error of the identity service (the identity URL and the UserInfo
	 * endpoint): HTTP 403 with the bare error code as a plain text body, such as
	 * {@code Bad_OAuth_Token}.
	 * @param errorCode the error code
	 * @return the response
	 */
	static ResponseDefinition identityError(String errorCode) {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(403)
			.withHeader("Content-Type", "text/plain;charset=UTF-8")
			.withBody(errorCode)
			.build();
	}

	private static String write(Object body) {
		try {
			return Json.getObjectMapper().writeValueAsString(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unable to write JSON", ex);
		}
	}

}
