package io.github.salesforcejwt;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * An error answer of the Salesforce REST API to a {@code RestClient} call, with its
 * {@linkplain #getErrors() errors} decoded; a {@link RestClientResponseException}, so
 * existing {@code catch} blocks keep working.
 * <p>
 * The Salesforce queries throw it. For calls of your own, turn error answers into it with
 * {@link #errorHandler()}:
 * <pre class="code">
 * restClient.get().uri("/services/data/v66.0/sobjects/Account/{id}", id)
 *     .retrieve()
 *     .onStatus(HttpStatusCode::isError, SalesforceRestClientApiException.errorHandler())
 *     .body(String.class);
 * </pre>
 * or for every call of a client with {@link #responseErrorHandler()} and
 * {@code RestClient.Builder.defaultStatusHandler(...)}.
 *
 * @author salesforce-jwt
 */
public class SalesforceRestClientApiException extends RestClientResponseException implements SalesforceApiError {

	private static final long serialVersionUID = 1L;

	private final List<SalesforceError> errors;

	/**
	 * Create a new instance.
	 * @param statusCode the HTTP status
	 * @param statusText the status text
	 * @param headers the response headers
	 * @param body the response body, as far as it was read
	 * @param charset the body's charset
	 */
	public SalesforceRestClientApiException(HttpStatusCode statusCode, String statusText,
			@Nullable HttpHeaders headers, byte[] body, @Nullable Charset charset) {
		this(statusCode, statusText, headers, body, charset, SalesforceApiErrors.decode(body));
	}

	private SalesforceRestClientApiException(HttpStatusCode statusCode, String statusText,
			@Nullable HttpHeaders headers, byte[] body, @Nullable Charset charset, List<SalesforceError> errors) {
		super(SalesforceApiErrors.message(statusCode, errors), statusCode, statusText, headers, body, charset);
		this.errors = errors;
	}

	@Override
	public List<SalesforceError> getErrors() {
		return this.errors;
	}

	/**
	 * Read an error answer, at most {@link SalesforceApiErrors#MAX_BODY_BYTES} of its body.
	 * @param response the answer
	 * @return the exception
	 * @throws IOException if the answer cannot be read
	 */
	public static SalesforceRestClientApiException from(ClientHttpResponse response) throws IOException {
		HttpStatusCode status = response.getStatusCode();
		String statusText = response.getStatusText();
		HttpHeaders headers = response.getHeaders();
		MediaType contentType = headers.getContentType();
		// The response is closed by whoever opened it
		byte[] body = response.getBody().readNBytes(SalesforceApiErrors.MAX_BODY_BYTES + 1);
		return new SalesforceRestClientApiException(status, statusText, headers, body,
				(contentType != null) ? contentType.getCharset() : null);
	}

	/**
	 * Return a handler for {@code RestClient.ResponseSpec.onStatus(...)} that throws this
	 * exception.
	 * @return the handler
	 */
	public static RestClient.ResponseSpec.ErrorHandler errorHandler() {
		return (request, response) -> {
			throw from(response);
		};
	}

	/**
	 * Return a handler for {@code RestClient.Builder.defaultStatusHandler(...)} that
	 * throws this exception for every 4xx and 5xx answer.
	 * @return the handler
	 */
	public static ResponseErrorHandler responseErrorHandler() {
		return new ResponseErrorHandler() {

			@Override
			public boolean hasError(ClientHttpResponse response) throws IOException {
				return response.getStatusCode().isError();
			}

			@Override
			public void handleError(URI url, HttpMethod method,
					ClientHttpResponse response) throws IOException {
				throw from(response);
			}

		};
	}

}
