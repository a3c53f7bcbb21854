package io.github.salesforcejwt;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The org's daily API allocation as Salesforce last reported it in the
 * {@code Sforce-Limit-Info: api-usage=used/max} response header.
 *
 * @author salesforce-jwt
 */
public final class SalesforceApiUsage {

	/**
	 * Name of the response header that carries the usage.
	 */
	public static final String HEADER = "Sforce-Limit-Info";

	private static final String API_USAGE = "api-usage=";

	private volatile long used = -1;

	private volatile long max = -1;

	/**
	 * Record the first {@code Sforce-Limit-Info} header of a response, if it has one.
	 * @param headers the response's headers
	 */
	public void recordFrom(HttpHeaders headers) {
		record(headers.getFirst(HEADER));
	}

	/**
	 * Record the value of a {@code Sforce-Limit-Info} header, such as
	 * {@code api-usage=25/15000}. Values that cannot be read are ignored.
	 * @param headerValue the header value, or {@code null}
	 */
	public void record(@Nullable String headerValue) {
		if (headerValue == null) {
			return;
		}
		int start = headerValue.indexOf(API_USAGE);
		// "per-app-api-usage=" also ends in "api-usage=": take only the org-wide entry
		while (start > 0 && headerValue.charAt(start - 1) == '-') {
			start = headerValue.indexOf(API_USAGE, start + 1);
		}
		if (start < 0) {
			return;
		}
		start += API_USAGE.length();
		int slash = headerValue.indexOf('/', start);
		if (slash < 0) {
			return;
		}
		int end = slash + 1;
		while (end < headerValue.length() && Character.isDigit(headerValue.charAt(end))) {
			end++;
		}
		try {
			long used = Long.parseLong(headerValue.substring(start, slash).trim());
			long max = Long.parseLong(headerValue.substring(slash + 1, end));
			this.used = used;
			this.max = max;
		}
		catch (NumberFormatException ex) {
			// Not a usage figure: keep the last one
		}
	}

	/**
	 * Return the API requests used in the last 24 hours.
	 * @return the requests used, or -1 if no response has reported it yet
	 */
	public long getUsed() {
		return this.used;
	}

	/**
	 * Return the daily API allocation.
	 * @return the allocation, or -1 if no response has reported it yet
	 */
	public long getMax() {
		return this.max;
	}

	@Override
	public String toString() {
		return "SalesforceApiUsage[used=" + this.used + ", max=" + this.max + "]";
	}

}
