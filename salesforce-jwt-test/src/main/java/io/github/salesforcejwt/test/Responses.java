package io.github.salesforcejwt.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.jspecify.annotations.Nullable;

/**
 * Builds the JSON responses of the fake org, shaped as Salesforce shapes them.
 */
final class Responses {

	static final String JSON = "application/json;charset=UTF-8";

	/**
	 * Writes JSON as Salesforce does, {@code null} values included (WireMock's own mapper
	 * leaves them out).
	 */
	private static final ObjectMapper objectMapper = new ObjectMapper();

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
	 * Return a REST API error.
	 * @param error the error
	 * @return the response builder
	 */
	static ResponseDefinitionBuilder apiError(RestError error) {
		return apiError(error.status(), error.errorCode(), error.getMessage(), error.fields().toArray(String[]::new));
	}

	/**
	 * Return a record as the REST API shapes it: its {@code attributes} (type and URL),
	 * then the given fields.
	 * @param version the API version of the request
	 * @param type the type of the record
	 * @param record the record
	 * @param fields the fields to include
	 * @return the record
	 */
	static Map<String, Object> record(String version, SObjectType type, Map<String, Object> record,
			List<String> fields) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("type", type.name());
		attributes.put("url", "/services/data/v" + version + "/sobjects/" + type.name() + "/" + record.get("Id"));
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("attributes", attributes);
		for (String field : fields) {
			json.put(field, record.get(field));
		}
		return json;
	}

	/**
	 * Return the result of saving one record: {@code {"id":...,"success":true,"errors":[]}}.
	 * @param id the id of the record
	 * @return the result
	 */
	static Map<String, Object> saveResult(@Nullable String id) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("id", id);
		result.put("success", true);
		result.put("errors", List.of());
		return result;
	}

	/**
	 * Return an error of the identity service (the identity URL and the UserInfo
	 * endpoint): the bare error code as a plain text body, such as
	 * {@code Bad_OAuth_Token}.
	 * @param status the HTTP status, 403 or 404
	 * @param errorCode the error code
	 * @return the response
	 */
	static ResponseDefinition identityError(int status, String errorCode) {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(status)
			.withHeader("Content-Type", "text/plain;charset=UTF-8")
			.withBody(errorCode)
			.build();
	}

	/**
	 * Return the message of a 404 {@code NOT_FOUND} for a request the org does not
	 * answer: Salesforce's own, followed by what to do about it.
	 * @param where where the request went, such as {@code "GET /services/data/v66.0/search on
	 * the instance"}
	 * @return the message
	 */
	static String notImplemented(String where) {
		return "The requested resource does not exist. (The fake Salesforce org does not answer " + where
				+ ". Its REST API is on the instance (instance_url), its token endpoint and identity URLs on the "
				+ "login host. Stub any other endpoint with FakeSalesforceOrg.wireMock(): see the README of "
				+ "salesforce-jwt-test.)";
	}

	/**
	 * Return the message of an {@code INVALID_FIELD} error for a field a type does not
	 * have, as the REST API and SOQL give it.
	 * @param type the type
	 * @param column the name of the field
	 * @return the message
	 */
	static String noSuchColumn(SObjectType type, String column) {
		return "No such column '" + column + "' on entity '" + type.name() + "'. If you are attempting to use a "
				+ "custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL "
				+ "or the describe call for the appropriate names.";
	}

	private static String write(Object body) {
		try {
			return objectMapper.writeValueAsString(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unable to write JSON", ex);
		}
	}

}
