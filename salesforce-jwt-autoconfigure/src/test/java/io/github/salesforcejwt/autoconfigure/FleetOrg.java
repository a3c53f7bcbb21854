package io.github.salesforcejwt.autoconfigure;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * A Salesforce org in WireMock for tests of a fleet: its token endpoint answers a new
 * token for each login (and counts them), and its REST API ({@value #QUERY_PATH}) accepts
 * the tokens of live sessions and answers 401 {@code INVALID_SESSION_ID} for others, as
 * Salesforce does once a session ended. The token endpoint is also the instance.
 */
final class FleetOrg implements ResponseDefinitionTransformerV2, AutoCloseable {

	static final String QUERY_PATH = "/services/data/v66.0/query";

	static final String NOT_FOR_REST_API = "[{\"message\":\"This session is not valid for use with the REST API\","
			+ "\"errorCode\":\"INVALID_SESSION_ID\"}]";

	private final WireMockServer server;

	private final AtomicInteger logins = new AtomicInteger();

	private final Set<String> live = ConcurrentHashMap.newKeySet();

	private final Set<String> issued = ConcurrentHashMap.newKeySet();

	private volatile int loginDelayMillis;

	private volatile boolean refuseEverySession;

	FleetOrg() {
		this.server = new WireMockServer(WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.dynamicPort()
			.http2PlainDisabled(true)
			.containerThreads(64)
			.jettyAcceptQueueSize(1024)
			.disableRequestJournal()
			.extensions(this));
		this.server.start();
		this.server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(getName())));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Return how many logins the token endpoint answered.
	 */
	int logins() {
		return this.logins.get();
	}

	/**
	 * Return every access token the org issued.
	 */
	Set<String> issuedTokens() {
		return Set.copyOf(this.issued);
	}

	/**
	 * End every session: their tokens are answered 401 {@code INVALID_SESSION_ID} from now
	 * on.
	 */
	void endSessions() {
		this.live.clear();
	}

	/**
	 * Make the token endpoint take this long to answer.
	 */
	void loginDelay(int millis) {
		this.loginDelayMillis = millis;
	}

	/**
	 * Refuse every session, even a new one, with 401 {@code INVALID_SESSION_ID} ("This
	 * session is not valid for use with the REST API"), as for a user without API Enabled.
	 */
	void refuseEverySession() {
		this.refuseEverySession = true;
	}

	@Override
	public String getName() {
		return "fleet-org";
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		String path = serveEvent.getRequest().getUrl();
		if (path.startsWith(SalesforceStubs.TOKEN_PATH)) {
			int login = this.logins.incrementAndGet();
			String token = "00D!fleet." + login;
			this.issued.add(token);
			this.live.add(token);
			ResponseDefinitionBuilder answer = SalesforceStubs.json(200, tokenBody(token, login));
			int delay = this.loginDelayMillis;
			return ((delay > 0) ? answer.withFixedDelay(delay) : answer).build();
		}
		if (path.startsWith(QUERY_PATH)) {
			String authorization = serveEvent.getRequest().getHeader("Authorization");
			if (this.refuseEverySession) {
				return SalesforceStubs.json(401, NOT_FOR_REST_API).build();
			}
			if (authorization != null && this.live.contains(authorization.substring("Bearer ".length()))) {
				return SalesforceStubs.json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}").build();
			}
			return SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED).build();
		}
		return aResponse().withStatus(404).build();
	}

	/**
	 * A token response whose {@code issued_at} is a second after the previous login's.
	 */
	private String tokenBody(String token, int login) {
		String issuedAt = Long.toString(1764460800000L + login * 1000L);
		return SalesforceStubs.tokenBody(token, baseUrl())
			.replace("\"issued_at\":\"1764460800000\"", "\"issued_at\":\"" + issuedAt + "\"");
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
