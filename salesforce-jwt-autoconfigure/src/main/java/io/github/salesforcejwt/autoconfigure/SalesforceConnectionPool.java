package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;

/**
 * The Reactor Netty connection pool of the Salesforce clients and of their logins, apart
 * from the application's: a connection idle in it for longer than
 * {@code salesforce.jwt.connections.max-idle-time} is closed rather than used, before
 * Salesforce's edge (or a load balancer in front of it) closes it and a request sent on it
 * fails without an answer. Closed with the application context.
 *
 * @author salesforce-jwt
 */
final class SalesforceConnectionPool implements DisposableBean {

	/**
	 * As many connections as Reactor Netty's global pool allows.
	 */
	static final int MAX_CONNECTIONS = Math.max(ConnectionProvider.DEFAULT_POOL_MAX_CONNECTIONS, 500);

	private final ConnectionProvider connectionProvider;

	SalesforceConnectionPool(Duration maxIdleTime) {
		// The limits of Reactor Netty's global pool (ConnectionProvider.create("http", ...)),
		// with the maximum idle time
		this.connectionProvider = ConnectionProvider.builder("salesforce")
			.maxConnections(MAX_CONNECTIONS)
			.maxIdleTime(maxIdleTime)
			.evictInBackground(maxIdleTime)
			.build();
	}

	/**
	 * Return a new Reactor Netty {@link HttpClient} on this pool, for a connector or request
	 * factory builder to apply the application's HTTP client settings to.
	 * @return a new HTTP client
	 */
	HttpClient httpClient() {
		return HttpClient.create(this.connectionProvider);
	}

	@Override
	public void destroy() {
		this.connectionProvider.disposeLater().block(Duration.ofSeconds(10));
	}

}
