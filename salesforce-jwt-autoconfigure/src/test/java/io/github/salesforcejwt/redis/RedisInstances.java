package io.github.salesforcejwt.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.salesforcejwt.SalesforceConnectionDetails;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Builds {@link SalesforceRedis} instances for tests, each with a connection of its own as
 * another instance of the application would have, and closes their connections.
 */
final class RedisInstances implements AutoCloseable {

	static final String SECRET = "correct horse battery staple";

	/**
	 * A session's connection details; nothing in these tests signs an assertion.
	 */
	static final SalesforceConnectionDetails DETAILS = SalesforceConnectionDetails.of("https://login.salesforce.com",
			"3MVG9redis.test", "integration@acme.com", (parameters) -> {
				throw new UnsupportedOperationException("no login in these tests");
			});

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	/**
	 * Return a new instance with the usual secret.
	 */
	SalesforceRedis instance(int port) {
		return instance(port, SECRET);
	}

	/**
	 * Return a new instance, keys prefixed {@code test:}, commands timed out after 500 ms.
	 */
	SalesforceRedis instance(int port, String secret) {
		return new SalesforceRedis(template(port), "test:", secret, true, Duration.ofMillis(500), Clock.systemUTC());
	}

	ReactiveStringRedisTemplate template(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		this.factories.add(factory);
		return new ReactiveStringRedisTemplate(factory);
	}

	void flushAll(int port) {
		template(port).execute((connection) -> connection.serverCommands().flushAll()).blockLast(TIMEOUT);
	}

	/**
	 * Return a loopback port nothing listens on, for a Redis that cannot be reached.
	 */
	static int portNobodyListensOn() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.factories.forEach(LettuceConnectionFactory::destroy);
	}

}
