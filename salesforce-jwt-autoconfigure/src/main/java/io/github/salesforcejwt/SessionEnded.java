package io.github.salesforcejwt;

import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Recognises the answers with which Salesforce says that a session has ended, by the error
 * code field of the answer and nothing else.
 * <ul>
 * <li>401 with the REST API's JSON array {@code [{"errorCode":"INVALID_SESSION_ID",...}]}
 * (or its XML form {@code <Errors><Error><errorCode>}).</li>
 * <li>400 with the Bulk API 1.0's {@code <error><exceptionCode>InvalidSessionId} in XML, or
 * {@code {"exceptionCode":"InvalidSessionId"}} in JSON.</li>
 * </ul>
 * Salesforce quotes user input in many error messages ({@code MALFORMED_QUERY} quotes the
 * query), so the codes are never searched for as text: a message that contains them is not
 * an ended session. Only JSON and XML bodies of at most {@link #MAX_BODY_SIZE} bytes are
 * looked at; an ended-session answer is far smaller.
 *
 * @author salesforce-jwt
 */
final class SessionEnded {

	/**
	 * The largest body read to decide whether a session ended. Larger bodies are handed on
	 * as they stream in, unread.
	 */
	static final int MAX_BODY_SIZE = 4096;

	private static final String REST_ERROR_CODE = "INVALID_SESSION_ID";

	private static final String BULK_EXCEPTION_CODE = "InvalidSessionId";

	private static final JsonFactory JSON = new JsonFactory();

	private SessionEnded() {
	}

	/**
	 * Return whether a response of the given status may say that the session ended: a 401
	 * or a 400. Every other answer is handed on without a look at its headers.
	 * @param status the response status
	 * @return whether the response's headers should be looked at
	 */
	static boolean mayReport(HttpStatusCode status) {
		return status.value() == 401 || status.value() == 400;
	}

	/**
	 * Return whether a response may say that the session ended, so that the start of its
	 * body is worth reading: a 401 or 400 with a JSON or XML body that is not declared
	 * larger than {@link #MAX_BODY_SIZE}.
	 * @param status the response status
	 * @param contentType the response's content type, if it has one
	 * @param contentLength the response's declared length, if it has one
	 * @return whether the body should be looked at
	 */
	static boolean mayReport(HttpStatusCode status, @Nullable MediaType contentType, OptionalLong contentLength) {
		if (!mayReport(status)) {
			return false;
		}
		if (contentType == null || !(isJson(contentType) || isXml(contentType))) {
			return false;
		}
		return contentLength.isEmpty() || contentLength.getAsLong() <= MAX_BODY_SIZE;
	}

	/**
	 * Return whether a whole response body says the session ended.
	 * @param status the response status
	 * @param contentType the response's content type
	 * @param body the whole body, at most {@link #MAX_BODY_SIZE} bytes
	 * @return whether a new login may cure the refusal
	 */
	static boolean isSessionEnded(HttpStatusCode status, MediaType contentType, byte[] body) {
		if (body.length == 0 || body.length > MAX_BODY_SIZE) {
			return false;
		}
		boolean rest = status.value() == 401;
		if (!rest && status.value() != 400) {
			return false;
		}
		if (isJson(contentType)) {
			return rest ? jsonArrayHasErrorCode(body) : jsonObjectHasExceptionCode(body);
		}
		if (isXml(contentType)) {
			return rest ? SessionEndedXml.hasCode(body, "Errors", "Error", "errorCode", REST_ERROR_CODE)
					: SessionEndedXml.hasCode(body, "error", null, "exceptionCode", BULK_EXCEPTION_CODE);
		}
		return false;
	}

	/**
	 * Return the {@code message} of the first error of a REST API JSON error array, such as
	 * {@code This session is not valid for use with the REST API}.
	 * @param contentType the response's content type
	 * @param body the whole body, at most {@link #MAX_BODY_SIZE} bytes
	 * @return the message, or {@code null} if the body is not such an array
	 */
	static @Nullable String message(MediaType contentType, byte[] body) {
		if (!isJson(contentType) || body.length == 0 || body.length > MAX_BODY_SIZE) {
			return null;
		}
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
			if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			return stringProperty(parser, "message");
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static boolean isJson(MediaType contentType) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(contentType) || contentType.getSubtype().endsWith("+json");
	}

	private static boolean isXml(MediaType contentType) {
		return MediaType.APPLICATION_XML.isCompatibleWith(contentType)
				|| MediaType.TEXT_XML.isCompatibleWith(contentType) || contentType.getSubtype().endsWith("+xml");
	}

	/**
	 * {@code [{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]}.
	 */
	private static boolean jsonArrayHasErrorCode(byte[] body) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				return false;
			}
			boolean found = false;
			for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
				if (token != JsonToken.START_OBJECT) {
					return false;
				}
				found |= REST_ERROR_CODE.equals(stringProperty(parser, "errorCode"));
			}
			return found && parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * {@code {"exceptionCode":"InvalidSessionId","exceptionMessage":"Invalid session id"}}.
	 */
	private static boolean jsonObjectHasExceptionCode(byte[] body) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return false;
			}
			return BULK_EXCEPTION_CODE.equals(stringProperty(parser, "exceptionCode")) && parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * Read the rest of the object the parser has just entered and return the string value
	 * of one of its own properties (not of a nested object's).
	 */
	private static @Nullable String stringProperty(JsonParser parser, String name) {
		String value = null;
		for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			boolean wanted = name.equals(parser.currentName());
			JsonToken valueToken = parser.nextToken();
			if (wanted && valueToken == JsonToken.VALUE_STRING) {
				value = parser.getString();
			}
			else {
				parser.skipChildren();
			}
		}
		return value;
	}

}
