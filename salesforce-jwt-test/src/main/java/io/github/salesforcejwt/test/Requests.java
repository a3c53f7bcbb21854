package io.github.salesforcejwt.test;

import java.util.Locale;

import com.github.tomakehurst.wiremock.http.Request;
import org.jspecify.annotations.Nullable;

/**
 * Reads the parts of a request that the fake org's endpoints share.
 */
final class Requests {

	private Requests() {
	}

	/**
	 * Return the path of the request, without its query.
	 * @param request the request
	 * @return the path
	 */
	static String path(Request request) {
		String url = request.getUrl();
		int query = url.indexOf('?');
		return (query != -1) ? url.substring(0, query) : url;
	}

	/**
	 * Return the access token of the {@code Authorization} header, sent as
	 * {@code Bearer <token>} or, as older Salesforce clients do, {@code OAuth <token>}.
	 * @param request the request
	 * @return the token, or {@code null} if there is none
	 */
	static @Nullable String bearerToken(Request request) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null) {
			return null;
		}
		String value = authorization.trim();
		int space = value.indexOf(' ');
		if (space == -1) {
			return null;
		}
		String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
		if (!scheme.equals("bearer") && !scheme.equals("oauth")) {
			return null;
		}
		String token = value.substring(space + 1).trim();
		return token.isEmpty() ? null : token;
	}

}
