package io.github.salesforcejwt.sample;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.salesforcejwt.SalesforceAuthenticationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Turns failures of Salesforce calls into RFC 9457 problem details instead of a 500:
 * <ul>
 * <li>Salesforce answered 400 (for example {@code REQUIRED_FIELD_MISSING}): the request's
 * data was refused, so 400 with Salesforce's message, {@code errorCode} and
 * {@code fields}.</li>
 * <li>Salesforce answered anything else (403 {@code REQUEST_LIMIT_EXCEEDED}, 404 for an
 * unknown API version, 5xx): 502 Bad Gateway, or 503 when Salesforce said 503.</li>
 * <li>The login failed ({@link SalesforceAuthenticationException}): 502, or 503 when
 * trying again later may work, with the message, Salesforce's {@code error} and
 * {@code error_description}, and the fix.</li>
 * <li>Salesforce could not be reached: 502.</li>
 * </ul>
 */
@RestControllerAdvice
class SalesforceErrorHandler {

	private static final Log logger = LogFactory.getLog(SalesforceErrorHandler.class);

	private static final ParameterizedTypeReference<List<ApiError>> API_ERRORS = new ParameterizedTypeReference<>() {
	};

	@ExceptionHandler
	ResponseEntity<ProblemDetail> salesforceAnswered(WebClientResponseException ex) {
		int salesforceStatus = ex.getStatusCode().value();
		HttpStatus status = switch (salesforceStatus) {
			case 400 -> HttpStatus.BAD_REQUEST;
			case 503 -> HttpStatus.SERVICE_UNAVAILABLE;
			default -> HttpStatus.BAD_GATEWAY;
		};
		List<ApiError> errors = apiErrors(ex);
		String detail = errors.isEmpty() ? "Salesforce answered HTTP " + salesforceStatus
				: errors.stream().map(ApiError::message).collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle("Salesforce refused the request");
		problem.setProperty("salesforceStatus", salesforceStatus);
		if (!errors.isEmpty()) {
			problem.setProperty("errorCode", errors.get(0).errorCode());
			List<String> fields = errors.get(0).fields();
			if (fields != null && !fields.isEmpty()) {
				problem.setProperty("fields", fields);
			}
		}
		HttpRequest request = ex.getRequest();
		if (status != HttpStatus.BAD_REQUEST && request != null) {
			logger.warn("Salesforce answered " + request.getMethod() + " " + request.getURI().getPath() + " with HTTP "
					+ salesforceStatus + ": " + detail);
		}
		return ResponseEntity.status(status).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> loginFailed(SalesforceAuthenticationException ex) {
		// SalesforceTokenManager has logged the failure already
		HttpStatus status = ex.isTransient() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle("Login to Salesforce failed");
		if (ex.getError() != null) {
			problem.setProperty("error", ex.getError());
		}
		if (ex.getErrorDescription() != null) {
			problem.setProperty("errorDescription", ex.getErrorDescription());
		}
		if (ex.getFix() != null) {
			problem.setProperty("fix", ex.getFix());
		}
		return ResponseEntity.status(status).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> salesforceUnreachable(WebClientRequestException ex) {
		logger.warn("Could not reach Salesforce: " + ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"Could not reach Salesforce: " + ex.getMessage());
		problem.setTitle("Salesforce unreachable");
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
	}

	private static List<ApiError> apiErrors(WebClientResponseException ex) {
		try {
			List<ApiError> errors = ex.getResponseBodyAs(API_ERRORS);
			return (errors != null) ? errors : List.of();
		}
		catch (RuntimeException notJson) {
			// Not Salesforce's JSON error list (a maintenance page, a proxy's answer)
			return List.of();
		}
	}

	/**
	 * One entry of Salesforce's REST API error list,
	 * {@code [{"message":"...","errorCode":"...","fields":[...]}]}.
	 * @param message the message
	 * @param errorCode the error code
	 * @param fields the fields at fault, if any
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ApiError(String message, String errorCode, @Nullable List<String> fields) {
	}

}
