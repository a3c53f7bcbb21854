package io.github.salesforcejwt;

import java.net.URI;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.support.HttpRequestWrapper;

/**
 * A request moved to the instance's URI: {@link SalesforceJwtClientHttpRequestInterceptor}
 * sends a relative URI, or one made for the instance of a token before an org migration, to
 * the current token's {@code instance_url}. Everything else is the request's own.
 *
 * @author salesforce-jwt
 */
final class OnInstanceRequest extends HttpRequestWrapper {

	private final URI uri;

	/**
	 * Create a new request.
	 * @param request the request as the caller made it
	 * @param uri the URI on the instance
	 */
	OnInstanceRequest(HttpRequest request, URI uri) {
		super(request);
		this.uri = uri;
	}

	@Override
	public URI getURI() {
		return this.uri;
	}

}
