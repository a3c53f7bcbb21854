package io.github.salesforcejwt;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One error of a Salesforce REST API error body, such as
 * {@code {"message":"...","errorCode":"MALFORMED_QUERY","fields":["Name"]}}.
 *
 * @param errorCode the error code, such as {@code MALFORMED_QUERY} or
 * {@code INVALID_FIELD}, or {@code null} if the body had none
 * @param message the message, or {@code null} if the body had none
 * @param fields the fields the error is about, empty if none
 * @author salesforce-jwt
 */
public record SalesforceError(@Nullable String errorCode, @Nullable String message, List<String> fields) {

	/**
	 * Create a new instance.
	 * @param errorCode the error code
	 * @param message the message
	 * @param fields the fields, {@code null} for none
	 */
	public SalesforceError(@Nullable String errorCode, @Nullable String message, @Nullable List<String> fields) {
		this.errorCode = errorCode;
		this.message = message;
		this.fields = (fields != null) ? List.copyOf(fields) : List.of();
	}

	@Override
	public String toString() {
		return this.errorCode + ": " + this.message + (this.fields.isEmpty() ? "" : " " + this.fields);
	}

}
