package io.github.salesforcejwt.test;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;

/**
 * The two WireMock servers of a fake org, on {@code 127.0.0.1} and ports of their own:
 * the login host (the token endpoint and the identity service) and the instance (the REST
 * API and the UserInfo endpoint). They start with the org's {@link OrgStubs stubs}, go
 * back to them on {@link #reset()}, and stop on {@link #close()}.
 */
final class OrgServers implements AutoCloseable {

	private final WireMockServer loginServer;

	private final WireMockServer instanceServer;

	/**
	 * Start the servers of an org and tell the org their URLs.
	 * @param state the state of the org, which the endpoints answer from
	 */
	OrgServers(OrgState state) {
		this.loginServer = start(new TokenEndpoint(state), new IdentityService(state));
		try {
			this.instanceServer = start(new RestApi(state), new IdentityService(state));
		}
		catch (RuntimeException ex) {
			this.loginServer.stop();
			throw ex;
		}
		state.urls(url(this.loginServer), url(this.instanceServer));
		OrgStubs.register(this.loginServer, this.instanceServer);
	}

	private static WireMockServer start(Extension... endpoints) {
		WireMockConfiguration options = WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.dynamicPort()
			.http2PlainDisabled(true)
			.containerThreads(64)
			.jettyAcceptors(1)
			.jettyAcceptQueueSize(1024)
			.maxRequestJournalEntries(10_000)
			.notifier(new Slf4jNotifier(false))
			.extensions(endpoints);
		WireMockServer server = new WireMockServer(options);
		server.start();
		return server;
	}

	private static String url(WireMockServer server) {
		return "http://127.0.0.1:" + server.port();
	}

	WireMockServer loginServer() {
		return this.loginServer;
	}

	WireMockServer instanceServer() {
		return this.instanceServer;
	}

	/**
	 * Clear the request journals and remove every stub but the org's own.
	 */
	void reset() {
		this.loginServer.resetAll();
		this.instanceServer.resetAll();
		OrgStubs.register(this.loginServer, this.instanceServer);
	}

	/**
	 * Stop the servers that are still running.
	 */
	@Override
	public void close() {
		for (WireMockServer server : List.of(this.loginServer, this.instanceServer)) {
			if (server.isRunning()) {
				server.stop();
			}
		}
	}

}
