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

	private final ConnectionProvider connectionProvider;

	SalesforceConnectionPool(Duration maxIdleTime) {
		// Reactor Netty's defaults for its global pool (callers beyond the maximum of
		// connections wait, however many), with the maximum idle time
		this.connectionProvider = ConnectionProvider.builder("salesforce")
			.maxConnections(ConnectionProvider.DEFAULT_POOL_MAX_CONNECTIONS)
			.pendingAcquireMaxCount(-1)
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
