package io.github.salesforcejwt;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The rules for the URLs the starter sends secrets to: the login URL (which receives the
 * signed assertion) and, with {@code SalesforceInstanceHosts}, the instance URL (which
 * receives the access token). Each rule is written here once.
 *
 * @author salesforce-jwt
 */
public final class SalesforceUrls {

	private static final Pattern USER_INFO = Pattern.compile("(//)[^/@]*@");

	private static final String TOKEN_PATH = "/services/oauth2/token";

	private SalesforceUrls() {
	}

	/**
	 * Parse and check a login URL: an absolute {@code https} URL (plain {@code http} only
	 * for a loopback host, for tests) with no user information, path, query or fragment;
	 * trailing slashes are removed.
	 * @param value the login URL
	 * @return the login URL without trailing slashes
	 * @throws IllegalArgumentException with the reason, which never shows user
	 * information the value may carry
	 */
	public static URI loginUrl(String value) {
		String text = withoutTrailingSlashes(value.strip());
		if (text.isEmpty()) {
			throw new IllegalArgumentException("is empty");
		}
		URI uri;
		try {
			uri = URI.create(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + shown(value) + "' is not a URL");
		}
		String problem = originProblem(uri, "the signed assertion");
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		if (StringUtils.hasLength(uri.getRawPath()) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("'" + shown(value) + "' has a path, query or fragment; the starter "
					+ "adds /services/oauth2/token itself");
		}
		return uri;
	}

	/**
	 * Return the token endpoint of a login URL.
	 * @param loginUrl the login URL, without a path
	 * @return {@code {login-url}/services/oauth2/token}
	 */
	public static URI tokenUri(URI loginUrl) {
		return URI.create(withoutTrailingSlashes(loginUrl.toString()) + TOKEN_PATH);
	}

	/**
	 * Return what makes a URL unfit to receive a secret, or {@code null} if nothing does: it
	 * must be absolute, {@code https} (or {@code http} to a loopback host), and carry no
	 * user information.
	 * @param uri the URL
	 * @param secret what would be sent there, for the reason
	 * @return the problem, or {@code null}
	 */
	static @Nullable String originProblem(URI uri, String secret) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (uri.getRawUserInfo() != null) {
			return "'" + shown(uri.toString()) + "' has user information before the host";
		}
		if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			return "'" + shown(uri.toString()) + "' is not an absolute https URL";
		}
		if (scheme.equals("http") && !SalesforceHosts.isLoopback(uri.getHost())) {
			return "'" + uri + "' is not https; " + secret + " must not travel in clear text (http is only "
					+ "accepted for loopback addresses, for tests)";
		}
		return null;
	}

	/**
	 * Remove the trailing slashes of a URL: Salesforce compares the audience as a string.
	 * @param url the URL
	 * @return the URL without trailing slashes
	 */
	public static String withoutTrailingSlashes(String url) {
		int end = url.length();
		while (end > 0 && url.charAt(end - 1) == '/') {
			end--;
		}
		return url.substring(0, end);
	}

	/**
	 * Show a URL in a message without the user information it may carry.
	 * @param url the URL
	 * @return the URL with its user information masked
	 */
	public static String shown(String url) {
		return USER_INFO.matcher(url).replaceFirst("$1***@");
	}

}
