package io.github.salesforcejwt.test;

import java.util.List;

/**
 * An error the REST API answers, as Salesforce shapes it: an HTTP status, an error code
 * such as {@code INVALID_FIELD}, a message and the fields in error.
 */
final class RestError extends RuntimeException {

	private final int status;

	private final String errorCode;

	private final List<String> fields;

	RestError(int status, String errorCode, String message, String... fields) {
		super(message, null, false, false);
		this.status = status;
		this.errorCode = errorCode;
		this.fields = List.of(fields);
	}

	static RestError notFound() {
		return new RestError(404, "NOT_FOUND", "The requested resource does not exist");
	}

	static RestError badRequest(String errorCode, String message, String... fields) {
		return new RestError(400, errorCode, message, fields);
	}

	int status() {
		return this.status;
	}

	String errorCode() {
		return this.errorCode;
	}

	List<String> fields() {
		return this.fields;
	}

	/**
	 * Return this error as an {@link IllegalArgumentException}, for a test that called the
	 * org's Java API with data the REST API would refuse.
	 * @return the exception
	 */
	IllegalArgumentException toIllegalArgument() {
		return new IllegalArgumentException(this.errorCode + ": " + getMessage());
	}

}
