package io.github.salesforcejwt;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What the starter knows about Salesforce login hosts.
 *
 * @author salesforce-jwt
 */
public final class SalesforceHosts {

	/**
	 * The production login host, also the production assertion audience.
	 */
	public static final String PRODUCTION = "https://login.salesforce.com";

	/**
	 * The sandbox login host, also the sandbox assertion audience.
	 */
	public static final String SANDBOX = "https://test.salesforce.com";

	private SalesforceHosts() {
	}

	/**
	 * Return the assertion audience Salesforce expects for a login URL:
	 * {@value #SANDBOX} for {@code test.salesforce.com} and
	 * {@code *.sandbox.my.salesforce.com}, else {@value #PRODUCTION}. External Client Apps
	 * need the My Domain URL instead, which must be configured explicitly.
	 * @param loginUrl the login URL
	 * @return the audience
	 */
	public static String audienceFor(URI loginUrl) {
		String host = (loginUrl.getHost() != null) ? loginUrl.getHost().toLowerCase(Locale.ROOT) : "";
		if (host.equals("test.salesforce.com") || host.endsWith(".sandbox.my.salesforce.com")) {
			return SANDBOX;
		}
		return PRODUCTION;
	}

	/**
	 * Return whether a host is a loopback address ({@code localhost}, {@code 127.0.0.0/8},
	 * {@code ::1}): the only hosts to which tokens and assertions may be sent over plain
	 * http, for tests and local stubs. Host names other than {@code localhost} are never
	 * resolved.
	 * @param host the host
	 * @return whether it is a loopback address
	 */
	public static boolean isLoopback(String host) {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (bare.equalsIgnoreCase("localhost")) {
			return true;
		}
		if (!bare.contains(":") && !isDigitsAndDots(bare)) {
			return false;
		}
		try {
			return InetAddress.getByName(bare).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * Whether a value matches {@code [0-9.]+}, without compiling that pattern on each call:
	 * the filter asks this for every request to a loopback instance.
	 */
	private static boolean isDigitsAndDots(String value) {
		if (value.isEmpty()) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < '0' || c > '9') && c != '.') {
				return false;
			}
		}
		return true;
	}

}
