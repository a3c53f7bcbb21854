package io.github.salesforcejwt.test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import org.jspecify.annotations.Nullable;

/**
 * Reads the parts of a request that the fake org's endpoints share.
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

}
