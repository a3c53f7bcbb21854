package io.github.salesforcejwt.benchmarks;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A local stand-in for Salesforce on 127.0.0.1, on Reactor Netty's {@link HttpServer} with
 * its own event loops:
 * <ul>
 * <li>{@code POST /services/oauth2/token}: checks the JWT bearer assertion (signature with
 * the test key, {@code iss}, {@code sub} (the integration user, or a per-user session's
 * {@code user-<n>@bench.example}), {@code aud}, {@code exp}), waits the configured
 * delay, and answers a new token as Salesforce does (no {@code expires_in}), counting the
 * requests;</li>
 * <li>{@code GET /services/data/v66.0/query}: a small query result for a live bearer
 * token, else 401 {@code INVALID_SESSION_ID};</li>
 * <li>{@link #endAllSessions()}: every token issued so far stops working.</li>
 * </ul>
 */
final class SalesforceStub implements AutoCloseable {

	static final String TOKEN_PATH = "/services/oauth2/token";

	static final String QUERY_PATH = "/services/data/v66.0/query";

	/**
	 * The query the stub answers in pages of {@link #PAGE_SIZE} records.
	 */
	static final String PAGED_SOQL = "SELECT Id, Name FROM Account ORDER BY Id";

	static final int PAGE_SIZE = 2000;

	static final String CONSUMER_KEY = "3MVG9benchmark.consumer.key";

	static final String USERNAME = "integration@bench.example";

	/**
	 * Usernames of the pre-authorized users of per-user sessions: this prefix, a number, and
	 * {@link #USER_DOMAIN}.
	 */
	static final String USER_PREFIX = "user-";

	static final String USER_DOMAIN = "@bench.example";

	static final String AUDIENCE = "https://login.salesforce.com";

	static final String ORG_ID = "00D410000012VvKEAU";

	static final String USER_ID = "005410000058zUdAAI";

	private static final String QUERY_RESULT = "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":"
			+ "{\"type\":\"Account\",\"url\":\"/services/data/v66.0/sobjects/Account/001410000012VvKAAU\"},"
			+ "\"Id\":\"001410000012VvKAAU\",\"Name\":\"Acme\"}]}";

	private static final String SESSION_ENDED = "[{\"message\":\"Session expired or invalid\","
			+ "\"errorCode\":\"INVALID_SESSION_ID\"}]";

	private final RSASSAVerifier verifier;

	private final LoopResources loops;

	private final DisposableServer server;

	private final Set<String> liveTokens = ConcurrentHashMap.newKeySet();

	private final AtomicLong tokenRequests = new AtomicLong();

	private final AtomicLong rejectedAssertions = new AtomicLong();

	private final AtomicLong unauthorizedCalls = new AtomicLong();

	private final AtomicLong tokenSequence = new AtomicLong();

	private final AtomicLong pageRequests = new AtomicLong();

	private final Map<Integer, byte[]> pages = new ConcurrentHashMap<>();

	private volatile int pagedRecords = 100_000;

	private volatile Duration tokenDelay;

	SalesforceStub(RSAPublicKey publicKey, Duration tokenDelay) {
		this.verifier = new RSASSAVerifier(publicKey);
		this.tokenDelay = tokenDelay;
		this.loops = LoopResources.create("salesforce-stub", Runtime.getRuntime().availableProcessors(), true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes.post(TOKEN_PATH, this::token)
				.get(QUERY_PATH, this::query)
				.get(QUERY_PATH + "/{cursor}", this::nextPage))
			.bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	String loginUrl() {
		return baseUrl();
	}

	/**
	 * Add a token that works until the next {@link #endAllSessions()}, as one obtained
	 * out of band (for the plain client).
	 */
	String issueFixedToken() {
		String token = newToken();
		this.liveTokens.add(token);
		return token;
	}

	void endAllSessions() {
		this.liveTokens.clear();
	}

	long tokenRequests() {
		return this.tokenRequests.get();
	}

	long rejectedAssertions() {
		return this.rejectedAssertions.get();
	}

	long unauthorizedCalls() {
		return this.unauthorizedCalls.get();
	}

	void setTokenDelay(Duration tokenDelay) {
		this.tokenDelay = tokenDelay;
	}

	Duration tokenDelay() {
		return this.tokenDelay;
	}

	private String newToken() {
		return ORG_ID + "!AQ" + this.tokenSequence.incrementAndGet() + "." + Long.toHexString(System.nanoTime());
	}

	private Mono<Void> token(HttpServerRequest request, HttpServerResponse response) {
		this.tokenRequests.incrementAndGet();
		return request.receive().aggregate().asString(StandardCharsets.US_ASCII).defaultIfEmpty("").flatMap((body) -> {
			String problem = checkTokenRequest(form(body));
			if (problem != null) {
				this.rejectedAssertions.incrementAndGet();
				return json(response, HttpResponseStatus.BAD_REQUEST,
						"{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}");
			}
			String token = newToken();
			this.liveTokens.add(token);
			String base = baseUrl();
			String answer = "{\"access_token\":\"" + token + "\",\"instance_url\":\"" + base + "\",\"id\":\"" + base
					+ "/id/" + ORG_ID + "/" + USER_ID + "\",\"token_type\":\"Bearer\",\"scope\":\"api\"}";
			return Mono.delay(this.tokenDelay).then(json(response, HttpResponseStatus.OK, answer));
		});
	}

	private String checkTokenRequest(Map<String, String> form) {
		if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
			return "grant type not supported";
		}
		String assertion = form.get("assertion");
		if (assertion == null) {
			return "invalid assertion";
		}
		try {
			SignedJWT jwt = SignedJWT.parse(assertion);
			if (!jwt.verify(this.verifier)) {
				return "invalid assertion";
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			if (!CONSUMER_KEY.equals(claims.getIssuer())) {
				return "client identifier invalid";
			}
			if (!isKnownUser(claims.getSubject())) {
				return "user hasn't approved this consumer";
			}
			if (!List.of(AUDIENCE).equals(claims.getAudience())) {
				return "audience is invalid";
			}
			Date exp = claims.getExpirationTime();
			Instant now = Instant.now();
			if (exp == null || exp.toInstant().isBefore(now)
					|| exp.toInstant().isAfter(now.plus(Duration.ofMinutes(3)).plusSeconds(5))) {
				return "expired authorization code";
			}
			return null;
		}
		catch (Exception ex) {
			return "invalid assertion";
		}
	}

	private static boolean isKnownUser(String subject) {
		if (USERNAME.equals(subject)) {
			return true;
		}
		if (subject == null || !subject.startsWith(USER_PREFIX) || !subject.endsWith(USER_DOMAIN)) {
			return false;
		}
		String number = subject.substring(USER_PREFIX.length(), subject.length() - USER_DOMAIN.length());
		return !number.isEmpty() && number.chars().allMatch(Character::isDigit);
	}

	private Mono<Void> query(HttpServerRequest request, HttpServerResponse response) {
		if (!isLive(request)) {
			this.unauthorizedCalls.incrementAndGet();
			return json(response, HttpResponseStatus.UNAUTHORIZED, SESSION_ENDED);
		}
		if (List.of(PAGED_SOQL).equals(new QueryStringDecoder(request.uri()).parameters().get("q"))) {
			return page(response, 0);
		}
		return json(response, HttpResponseStatus.OK, QUERY_RESULT);
	}

	private Mono<Void> nextPage(HttpServerRequest request, HttpServerResponse response) {
		if (!isLive(request)) {
			this.unauthorizedCalls.incrementAndGet();
			return json(response, HttpResponseStatus.UNAUTHORIZED, SESSION_ENDED);
		}
		String cursor = request.param("cursor");
		return page(response, Integer.parseInt(cursor.substring(cursor.indexOf('-') + 1)));
	}

	private boolean isLive(HttpServerRequest request) {
		String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
		return authorization != null && authorization.startsWith("Bearer ")
				&& this.liveTokens.contains(authorization.substring(7));
	}

	/**
	 * Set how many records the paged query ({@link #PAGED_SOQL}) answers, in pages of
	 * 2,000 rendered once.
	 */
	void setPagedRecords(int records) {
		this.pagedRecords = records;
		this.pages.clear();
	}

	private Mono<Void> page(HttpServerResponse response, int offset) {
		byte[] body = this.pages.computeIfAbsent(offset, this::renderPage);
		this.pageRequests.incrementAndGet();
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8")
			.sendByteArray(Mono.just(body))
			.then();
	}

	int firstPageBytes() {
		return this.pages.computeIfAbsent(0, this::renderPage).length;
	}

	long pageRequests() {
		return this.pageRequests.get();
	}

	private byte[] renderPage(int offset) {
		int total = this.pagedRecords;
		int end = Math.min(total, offset + PAGE_SIZE);
		StringBuilder json = new StringBuilder(PAGE_SIZE * 160).append("{\"totalSize\":").append(total)
			.append(",\"done\":").append(end >= total);
		if (end < total) {
			json.append(",\"nextRecordsUrl\":\"").append(QUERY_PATH).append("/01gBENCH000000001AAA-").append(end)
				.append('"');
		}
		json.append(",\"records\":[");
		for (int i = offset; i < end; i++) {
			String id = String.format("001%012dAAA", i);
			json.append((i > offset) ? "," : "")
				.append("{\"attributes\":{\"type\":\"Account\",\"url\":\"/services/data/v66.0/sobjects/Account/")
				.append(id)
				.append("\"},\"Id\":\"")
				.append(id)
				.append("\",\"Name\":\"Account ")
				.append(i)
				.append("\"}");
		}
		return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
	}

	private static Mono<Void> json(HttpServerResponse response, HttpResponseStatus status, String body) {
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8")
			.sendString(Mono.just(body), StandardCharsets.UTF_8)
			.then();
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.dispose();
	}

}
