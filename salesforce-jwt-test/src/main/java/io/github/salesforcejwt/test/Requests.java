package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import org.jspecify.annotations.Nullable;

/**
 * Reads the parts of a request that the fake org's endpoints share, and refuses those
 * Salesforce would refuse.
 */
final class Requests {

	private Requests() {
	}

	/**
	 * Return the path of the request, without its query.
	 * @param request the request
	 * @return the path
	 */
	static String path(Request request) {
		String url = request.getUrl();
		int query = url.indexOf('?');
		return (query != -1) ? url.substring(0, query) : url;
	}

	/**
	 * Return the access token of the {@code Authorization} header, sent as
	 * {@code Bearer <token>} or, as older Salesforce clients do, {@code OAuth <token>}.
	 * @param request the request
	 * @return the token, or {@code null} if there is none
	 */
	static @Nullable String bearerToken(Request request) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null) {
			return null;
		}
		String value = authorization.trim();
		int space = value.indexOf(' ');
		if (space == -1) {
			return null;
		}
		String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
		if (!scheme.equals("bearer") && !scheme.equals("oauth")) {
			return null;
		}
		String token = value.substring(space + 1).trim();
		return token.isEmpty() ? null : token;
	}

	/**
	 * Return the JSON body of a request.
	 * @param request the request
	 * @return the body: a map, a list, a string, a number, a boolean or {@code null}
	 * @throws RestError {@code JSON_PARSER_ERROR} if the body is not JSON
	 */
	static @Nullable Object json(Request request) {
		try {
			return Json.getObjectMapper().readValue(request.getBodyAsString(), Object.class);
		}
		catch (JsonProcessingException ex) {
			throw RestError.badRequest("JSON_PARSER_ERROR", ex.getOriginalMessage());
		}
	}

	/**
	 * Return the JSON object of the body of a request.
	 * @param request the request
	 * @return the object
	 * @throws RestError {@code JSON_PARSER_ERROR} if the body is not a JSON object
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> jsonObject(Request request) {
		Object json = json(request);
		if (json instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		throw RestError.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of the object from "
				+ ((json instanceof List) ? "START_ARRAY" : "a value") + " or request may be missing a required field");
	}

	/**
	 * Return the first value of a query parameter.
	 * @param request the request
	 * @param name the name of the parameter
	 * @return the value, or {@code null} if the request has none
	 */
	static @Nullable String parameter(Request request, String name) {
		QueryParameter parameter = request.queryParameter(name);
		return (parameter != null && parameter.isPresent()) ? parameter.firstValue() : null;
	}

	/**
	 * Refuse a method a resource does not allow, as Salesforce does.
	 * @param method the method of the request
	 * @param allowed the methods the resource allows (besides {@code HEAD})
	 * @throws RestError {@code METHOD_NOT_ALLOWED} if the resource does not allow the
	 * method
	 */
	static void allow(RequestMethod method, String... allowed) {
		if (!Arrays.asList(allowed).contains(method.getName())) {
			throw new RestError(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method.getName()
					+ "' not allowed. Allowed are HEAD," + String.join(",", allowed));
		}
	}

	/**
	 * Return the fields a request names in a comma-separated field list, such as the
	 * {@code fields} parameter.
	 * @param type the type the fields are of
	 * @param fieldList the field list, if any
	 * @return the fields by their API names, or every field of the type if the list is
	 * missing or blank
	 * @throws RestError {@code INVALID_FIELD} if the type has no field of a name
	 */
	static List<String> fields(SObjectType type, @Nullable String fieldList) {
		if (fieldList == null || fieldList.isBlank()) {
			return type.fieldNames();
		}
		List<String> fields = new ArrayList<>();
		for (String name : fieldList.split(",")) {
			SObjectField field = type.field(name.trim());
			if (field == null) {
				throw RestError.badRequest("INVALID_FIELD", Responses.noSuchColumn(type, name.trim()));
			}
			fields.add(field.name());
		}
		return fields;
	}

}
