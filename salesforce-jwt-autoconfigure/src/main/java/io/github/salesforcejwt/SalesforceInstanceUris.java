package io.github.salesforcejwt;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How a request's URI relates to a session's {@code instance_url}, for every client the
 * same: a relative URI is resolved against the instance, and the token goes only to the
 * instance's own origin (scheme, host and port).
 *
 * @author salesforce-jwt
 */
final class SalesforceInstanceUris {

	private SalesforceInstanceUris() {
	}

	/**
	 * Return whether a URI has the origin of an instance URL.
	 * @param url the URI
	 * @param instanceUrl the instance URL
	 * @return whether they share scheme, host and port
	 */
	static boolean isSameOrigin(URI url, URI instanceUrl) {
		return url.getScheme() != null && url.getScheme().equalsIgnoreCase(instanceUrl.getScheme())
				&& url.getHost() != null && url.getHost().equalsIgnoreCase(instanceUrl.getHost())
				&& port(url) == port(instanceUrl);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
	}

	/**
	 * Return the URI a request goes to on an instance: a relative one resolved against it,
	 * an absolute one for another instance of the same session (an earlier login's) moved
	 * to it, any other absolute one as it is.
	 * @param url the request's URI
	 * @param instanceUrl the instance URL of the token the request is sent with
	 * @param previousInstanceUrl the instance URL the request was made for, or
	 * {@code null}
	 * @return the URI to send the request to
	 */
	static URI onInstance(URI url, URI instanceUrl, @Nullable URI previousInstanceUrl) {
		if (!url.isAbsolute()) {
			return resolve(instanceUrl, url);
		}
		if (previousInstanceUrl != null && !previousInstanceUrl.equals(instanceUrl)
				&& isSameOrigin(url, previousInstanceUrl)) {
			// resolve() takes only the path, query and fragment of the URI it is given
			return resolve(instanceUrl, url);
		}
		return url;
	}

	/**
	 * Resolve the path, query and fragment of a URI against an instance URL.
	 * @param instanceUrl the instance URL
	 * @param relative the URI
	 * @return the absolute URI on the instance
	 */
	static URI resolve(URI instanceUrl, URI relative) {
		StringBuilder uri = new StringBuilder(instanceUrl.toString());
		String path = relative.getRawPath();
		if (path != null && !path.isEmpty()) {
			if (uri.charAt(uri.length() - 1) == '/' && path.startsWith("/")) {
				uri.setLength(uri.length() - 1);
			}
			else if (uri.charAt(uri.length() - 1) != '/' && !path.startsWith("/")) {
				uri.append('/');
			}
			uri.append(path);
		}
		if (relative.getRawQuery() != null) {
			uri.append('?').append(relative.getRawQuery());
		}
		if (relative.getRawFragment() != null) {
			uri.append('#').append(relative.getRawFragment());
		}
		return URI.create(uri.toString());
	}

}
