package io.github.salesforcejwt;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;

/**
 * Decodes the error bodies of the Salesforce REST API, JSON arrays such as
 * {@code [{"message":"...","errorCode":"MALFORMED_QUERY","fields":[...]}]}: the one place
 * both {@link SalesforceRestClientApiException} and {@code SalesforceWebClientApiException}
 * read them. Only the first {@value #MAX_BODY_BYTES} bytes of a body are read.
 *
 * @author salesforce-jwt
 */
public final class SalesforceApiErrors {

	/**
	 * How many bytes of an error body are read at most.
	 */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private SalesforceApiErrors() {
	}

	/**
	 * Decode an error body.
	 * @param body the body's bytes; only the first {@link #MAX_BODY_BYTES} are read
	 * @return the errors, in order; empty if the body is not a Salesforce error body
	 */
	public static List<SalesforceError> decode(byte[] body) {
		if (body.length == 0 || body.length > MAX_BODY_BYTES) {
			return List.of();
		}
		try {
			JsonNode root = MAPPER.readTree(body);
			if (root == null || !root.isArray()) {
				return List.of();
			}
			List<SalesforceError> errors = new ArrayList<>();
			for (JsonNode node : root) {
				if (!node.isObject()) {
					return List.of();
				}
				List<String> fields = new ArrayList<>();
				for (JsonNode field : node.path("fields")) {
					if (field.isString()) {
						fields.add(field.asString());
					}
				}
				errors.add(new SalesforceError(text(node, "errorCode"), text(node, "message"), fields));
			}
			return List.copyOf(errors);
		}
		catch (JacksonException ex) {
			return List.of();
		}
	}

	private static @Nullable String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	/**
	 * Describe an error answer for an exception's message.
	 * @param status the HTTP status
	 * @param errors the decoded errors
	 * @return the message, such as
	 * {@code 400 BAD_REQUEST from Salesforce: MALFORMED_QUERY: unexpected token: FROM}
	 */
	static String message(HttpStatusCode status, List<SalesforceError> errors) {
		StringBuilder message = new StringBuilder().append(status).append(" from Salesforce");
		if (!errors.isEmpty()) {
			message.append(": ");
			for (int i = 0; i < errors.size(); i++) {
				message.append((i > 0) ? "; " : "").append(errors.get(i));
			}
		}
		return message.toString();
	}

}
