package io.github.salesforcejwt;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;

/**
 * An error answer of the Salesforce REST API, decoded: implemented by
 * {@link SalesforceRestClientApiException} (a {@code RestClientResponseException}) and
 * {@code SalesforceWebClientApiException} (a {@code WebClientResponseException}), so that
 * code catching either client's own exception keeps working and code that wants the
 * Salesforce errors can ask for them.
 *
 * @author salesforce-jwt
 * @see SalesforceApiErrors
 */
public interface SalesforceApiError {

	/**
	 * Return the HTTP status of the answer.
	 * @return the status
	 */
	HttpStatusCode getStatusCode();

	/**
	 * Return the errors of the answer's body, in order.
	 * @return the errors, empty if the body was not a Salesforce error body
	 */
	List<SalesforceError> getErrors();

	/**
	 * Return the code of the first error.
	 * @return the code, such as {@code MALFORMED_QUERY}, or {@code null} if there is none
	 */
	default @Nullable String getErrorCode() {
		List<SalesforceError> errors = getErrors();
		return errors.isEmpty() ? null : errors.get(0).errorCode();
	}

	/**
	 * Return whether any error of the answer has a code.
	 * @param errorCode the code, such as {@code INVALID_FIELD}
	 * @return whether an error has it
	 */
	default boolean hasErrorCode(String errorCode) {
		return getErrors().stream().anyMatch((error) -> errorCode.equals(error.errorCode()));
	}

}
