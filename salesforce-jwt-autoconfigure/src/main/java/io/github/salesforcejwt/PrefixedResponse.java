package io.github.salesforcejwt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A response whose body starts with the bytes already read from it:
 * {@link SalesforceJwtClientHttpRequestInterceptor} reads the start of a 401 or 400 body to
 * tell whether the session ended, and hands on a response that was not, whole again.
 *
 * @author salesforce-jwt
 */
final class PrefixedResponse implements ClientHttpResponse {

	private final ClientHttpResponse response;

	private final byte[] prefix;

	/**
	 * Create a new response.
	 * @param response the response the prefix was read from
	 * @param prefix the bytes read, at most {@link SessionEnded#MAX_BODY_SIZE}; fewer
	 * means the whole body
	 */
	PrefixedResponse(ClientHttpResponse response, byte[] prefix) {
		this.response = response;
		this.prefix = prefix;
	}

	@Override
	public HttpStatusCode getStatusCode() throws IOException {
		return this.response.getStatusCode();
	}

	@Override
	public String getStatusText() throws IOException {
		return this.response.getStatusText();
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.response.getHeaders();
	}

	@Override
	public InputStream getBody() throws IOException {
		if (this.prefix.length < SessionEnded.MAX_BODY_SIZE) {
			// The prefix is the whole body, and some clients close a stream read to its end
			return new ByteArrayInputStream(this.prefix);
		}
		return new SequenceInputStream(new ByteArrayInputStream(this.prefix), this.response.getBody());
	}

	@Override
	public void close() {
		this.response.close();
	}

}
