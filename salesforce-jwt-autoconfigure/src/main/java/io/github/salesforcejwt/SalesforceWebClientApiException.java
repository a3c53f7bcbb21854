package io.github.salesforcejwt;

import java.nio.charset.Charset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * An error answer of the Salesforce REST API to a {@code WebClient} call, with its
 * {@linkplain #getErrors() errors} decoded; a {@link WebClientResponseException}, so
 * existing {@code catch} blocks and {@code onErrorResume(WebClientResponseException.class, ...)}
 * keep working.
 * <p>
 * The Salesforce queries signal it. For calls of your own, turn error answers into it
 * with {@link #from(ClientResponse)}:
 * <pre class="code">
 * webClient.get().uri("/services/data/v66.0/sobjects/Account/{id}", id)
 *     .retrieve()
 *     .onStatus(HttpStatusCode::isError, SalesforceWebClientApiException::from)
 *     .bodyToMono(String.class);
 * </pre>
 *
 * @author salesforce-jwt
 */
public class SalesforceWebClientApiException extends WebClientResponseException implements SalesforceApiError {

	private static final long serialVersionUID = 1L;

	private final List<SalesforceError> errors;

	/**
	 * Create a new instance.
	 * @param statusCode the HTTP status
	 * @param reasonPhrase the reason phrase
	 * @param headers the response headers
	 * @param body the response body, as far as it was read
	 * @param charset the body's charset
	 * @param request the request, if known
	 */
	public SalesforceWebClientApiException(HttpStatusCode statusCode, String reasonPhrase,
			@Nullable HttpHeaders headers, byte[] body, @Nullable Charset charset, @Nullable HttpRequest request) {
		this(statusCode, reasonPhrase, headers, body, charset, request, SalesforceApiErrors.decode(body));
	}

	private SalesforceWebClientApiException(HttpStatusCode statusCode, String reasonPhrase,
			@Nullable HttpHeaders headers, byte[] body, @Nullable Charset charset, @Nullable HttpRequest request,
			List<SalesforceError> errors) {
		super(SalesforceApiErrors.message(statusCode, errors), statusCode, reasonPhrase, headers, body, charset,
				request);
		this.errors = errors;
	}

	@Override
	public List<SalesforceError> getErrors() {
		return this.errors;
	}

	/**
	 * Read an error answer, at most {@link SalesforceApiErrors#MAX_BODY_BYTES} of its body
	 * (the rest is released), for {@code WebClient.ResponseSpec.onStatus(...)}.
	 * @param response the answer
	 * @return the exception, once the body is read
	 */
	public static Mono<SalesforceWebClientApiException> from(ClientResponse response) {
		return DataBufferUtils
			.join(DataBufferUtils.takeUntilByteCount(response.bodyToFlux(DataBuffer.class),
					SalesforceApiErrors.MAX_BODY_BYTES + 1))
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty(new byte[0])
			.map((body) -> {
				MediaType contentType = response.headers().contentType().orElse(null);
				String reason = (response.statusCode() instanceof HttpStatus status)
						? status.getReasonPhrase() : "";
				return new SalesforceWebClientApiException(response.statusCode(), reason,
						response.headers().asHttpHeaders(), body,
						(contentType != null) ? contentType.getCharset() : null, response.request());
			});
	}

}
