package io.github.salesforcejwt;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpMethod;

/**
 * When a request that failed at the connection, before any response was read, is sent
 * again: only for idempotent methods, and only for a connection that broke (a pooled
 * keep-alive connection the server or a load balancer closed while idle, a reset), never
 * for a timeout, which another attempt would only double. Connections that went idle
 * together (after a burst) are closed together, so the next pooled connection may be just
 * as stale: such a request is sent at most {@value #MAX_RETRIES} more times.
 *
 * @author salesforce-jwt
 */
final class ConnectionFailures {

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.PUT, HttpMethod.DELETE);

	/**
	 * How many more times a request whose connection broke is sent at most.
	 */
	static final int MAX_RETRIES = 2;

	private ConnectionFailures() {
	}

	/**
	 * Return whether a method may be sent twice: GET, HEAD, OPTIONS, PUT and DELETE, never
	 * POST or PATCH.
	 * @param method the method
	 * @return whether it is idempotent
	 */
	static boolean isIdempotent(HttpMethod method) {
		return IDEMPOTENT.contains(method);
	}

	/**
	 * Return whether a failure before any response is a broken connection rather than a
	 * timeout.
	 * @param failure the failure, with its causes
	 * @return whether one more attempt on a new connection may succeed
	 */
	static boolean isBrokenConnection(Throwable failure) {
		boolean io = false;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof TimeoutException || cause instanceof InterruptedIOException
					|| cause instanceof HttpTimeoutException
					|| cause.getClass().getSimpleName().contains("Timeout")) {
				return false;
			}
			io |= cause instanceof IOException;
		}
		return io;
	}

}
