package io.github.salesforcejwt;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The syntax of host names for {@link SalesforceInstanceHosts}: what a host name is, the
 * form in which hosts are compared, and what is wrong with an entry the application adds
 * with {@value SalesforceInstanceHosts#ALLOWED_HOSTS_PROPERTY}.
 *
 * @author salesforce-jwt
 */
final class HostNames {

	private HostNames() {
	}

	/**
	 * Return what is wrong with an entry of {@value SalesforceInstanceHosts#ALLOWED_HOSTS_PROPERTY}:
	 * an exact host ({@code api.example.com}) or a domain with a leading dot
	 * ({@code .example.com}) of at least two labels, without scheme, port, path, user
	 * information or wildcard.
	 * @param entry the entry as the application gave it
	 * @return {@code null} when it is acceptable, else a phrase that follows the quoted
	 * entry
	 */
	static @Nullable String problemWith(@Nullable String entry) {
		if (entry == null || entry.isBlank()) {
			return "is empty";
		}
		String value = normalize(entry);
		if (value.contains("://") || value.contains("/") || value.contains("@") || value.contains(":")) {
			return "is not a host name: give the host alone, such as api.example.com, without scheme, port or path";
		}
		if (value.startsWith("*")) {
			return "uses a wildcard: write .example.com for every subdomain of example.com";
		}
		boolean domain = value.startsWith(".");
		String name = domain ? value.substring(1) : value;
		if (!isHostName(name, 0, name.length())) {
			return "is not a host name (letters, digits, hyphens and dots)";
		}
		if (domain && name.indexOf('.') == -1) {
			return "is a top-level domain: give a domain of at least two labels, such as .example.com";
		}
		return null;
	}

	/**
	 * Return an entry in the form hosts are compared with: stripped, lower case, without a
	 * trailing dot (the fully qualified form).
	 * @param entry the entry
	 * @return the normalized entry
	 */
	static String normalize(String entry) {
		String value = entry.strip().toLowerCase(Locale.ROOT);
		return (value.length() > 1 && value.endsWith(".")) ? value.substring(0, value.length() - 1) : value;
	}

	/**
	 * Return whether part of a string is a host name: letters, digits, hyphens and dots,
	 * with no empty label. Reads the string in place, without allocating.
	 * @param host the string
	 * @param start where the host name starts
	 * @param end where it ends (exclusive)
	 * @return whether it is a host name
	 */
	static boolean isHostName(String host, int start, int end) {
		if (start >= end || host.charAt(start) == '.' || host.charAt(end - 1) == '.') {
			return false;
		}
		char previous = 0;
		for (int i = start; i < end; i++) {
			char c = host.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.';
			if (!allowed || (c == '.' && previous == '.')) {
				return false;
			}
			previous = c;
		}
		return true;
	}

}
