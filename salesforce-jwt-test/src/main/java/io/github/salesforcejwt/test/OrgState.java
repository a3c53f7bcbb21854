package io.github.salesforcejwt.test;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The mutable state of a {@link FakeSalesforceOrg}, shared by its WireMock extensions. Safe
 * for concurrent use.
 */
final class OrgState {

	private static final SecureRandom random = new SecureRandom();

	/**
	 * The limits of a new org (Developer Edition), by name: max, all remaining.
	 */
	static final Map<String, Integer> DEFAULT_LIMITS = Map.of("DailyApiRequests", 15000,
			"DailyAsyncApexExecutions", 250000, "DailyBulkApiBatches", 15000, "DailyBulkV2QueryFileStorageMB",
			976562, "DailyBulkV2QueryJobs", 10000, "DailyStreamingApiEvents", 10000, "DataStorageMB", 5,
			"FileStorageMB", 20, "HourlyPublishedPlatformEvents", 250000, "SingleEmail", 15);

	private final String consumerKey;

	private final String audience;

	private final String orgId;

	/**
	 * Pre-authorized users by lower-case username (Salesforce usernames are
	 * case-insensitive), the default user first.
	 */
	private final Map<String, OrgUser> users;

	private final List<SObjectType> seedTypes;

	private final List<SeedRecord> seedRecords;

	private final X509Certificate initialCertificate;

	private final byte[] signatureSecret = randomBytes(32);

	/**
	 * Live sessions: the user of each access token.
	 */
	private final Map<String, OrgUser> sessions = new ConcurrentHashMap<>();

	private final OrgData data = new OrgData();

	private final QueryCursors cursors = new QueryCursors();

	private final AtomicInteger loginCount = new AtomicInteger();

	/**
	 * REST API calls since start or reset, guarded by this.
	 */
	private int apiCallCount;

	/**
	 * The org's limits other than {@code DailyApiRequests}: name to max and remaining,
	 * guarded by this.
	 */
	private final Map<String, int[]> limits = new TreeMap<>();

	/**
	 * {@code DailyApiRequests}: the max, and the usage before the calls counted in
	 * {@link #apiCallCount}, guarded by this.
	 */
	private int dailyApiMax;

	private int apiUsageBase;

	private volatile X509Certificate trustedCertificate;

	private volatile @Nullable LoginError rejection;

	private volatile String loginUrl = "";

	private volatile String instanceUrl = "";

	OrgState(String consumerKey, List<String> usernames, String audience, String orgId, List<SObjectType> seedTypes,
			List<SeedRecord> seedRecords, X509Certificate certificate) {
		Assert.notEmpty(usernames, "'usernames' must not be empty");
		this.consumerKey = consumerKey;
		this.audience = audience;
		this.orgId = orgId;
		this.users = users(usernames);
		this.seedTypes = List.copyOf(seedTypes);
		this.seedRecords = List.copyOf(seedRecords);
		this.initialCertificate = certificate;
		this.trustedCertificate = certificate;
		reset();
	}

	private static Map<String, OrgUser> users(List<String> usernames) {
		Map<String, OrgUser> users = new LinkedHashMap<>();
		for (String username : usernames) {
			users.computeIfAbsent(key(username),
					(key) -> new OrgUser(username, SalesforceIds.of("005", users.size() + 1)));
		}
		return users;
	}

	private static String key(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	String consumerKey() {
		return this.consumerKey;
	}

	String audience() {
		return this.audience;
	}

	String orgId() {
		return this.orgId;
	}

	OrgUser defaultUser() {
		return this.users.values().iterator().next();
	}

	List<OrgUser> users() {
		return new ArrayList<>(this.users.values());
	}

	/**
	 * Return the pre-authorized user with the given username, in any case.
	 * @param username the username
	 * @return the user, or {@code null} if the user is not pre-authorized
	 */
	@Nullable OrgUser user(String username) {
		return this.users.get(key(username));
	}

	/**
	 * Return the pre-authorized user with the given user id.
	 * @param userId the 15- or 18-character user id
	 * @return the user, or {@code null} if there is none
	 */
	@Nullable OrgUser userById(String userId) {
		for (OrgUser user : this.users.values()) {
			if (SalesforceIds.same(user.userId(), userId)) {
				return user;
			}
		}
		return null;
	}

	String loginUrl() {
		return this.loginUrl;
	}

	String instanceUrl() {
		return this.instanceUrl;
	}

	void urls(String loginUrl, String instanceUrl) {
		this.loginUrl = loginUrl;
		this.instanceUrl = instanceUrl;
	}

	/**
	 * Return the identity URL of a user, on the login host, as the token response's
	 * {@code id} gives it.
	 * @param user the user
	 * @return the identity URL
	 */
	String identityUrl(OrgUser user) {
		return this.loginUrl + "/id/" + this.orgId + "/" + user.userId();
	}

	byte[] signatureSecret() {
		return this.signatureSecret.clone();
	}

	X509Certificate trustedCertificate() {
		return this.trustedCertificate;
	}

	void trust(X509Certificate certificate) {
		Assert.isTrue(certificate.getPublicKey() instanceof RSAPublicKey,
				"Certificate must hold an RSA public key, as Salesforce requires");
		this.trustedCertificate = certificate;
	}

	RSAPublicKey trustedPublicKey() {
		return (RSAPublicKey) this.trustedCertificate.getPublicKey();
	}

	@Nullable LoginError rejection() {
		return this.rejection;
	}

	void rejection(@Nullable LoginError rejection) {
		this.rejection = rejection;
	}

	int recordLogin() {
		return this.loginCount.incrementAndGet();
	}

	int loginCount() {
		return this.loginCount.get();
	}

	/**
	 * Count a REST API call, unless the org's {@code DailyApiRequests} are used up.
	 * @return the API usage with this call, or -1 if the limit is reached
	 */
	synchronized int tryApiCall() {
		if (apiUsage() >= this.dailyApiMax) {
			return -1;
		}
		this.apiCallCount++;
		return apiUsage();
	}

	synchronized int apiCallCount() {
		return this.apiCallCount;
	}

	/**
	 * Return the API usage as {@code Sforce-Limit-Info} reports it.
	 * @return the requests used of {@code DailyApiRequests}
	 */
	synchronized int apiUsage() {
		return this.apiUsageBase + this.apiCallCount;
	}

	synchronized int dailyApiMax() {
		return this.dailyApiMax;
	}

	/**
	 * Set a limit of the org. For {@code DailyApiRequests}, the usage
	 * {@code Sforce-Limit-Info} reports becomes {@code max - remaining}, and each API
	 * call adds one.
	 * @param name the name of the limit, such as {@code DailyApiRequests}
	 * @param max the maximum
	 * @param remaining what remains
	 */
	synchronized void limit(String name, int max, int remaining) {
		if (name.equals("DailyApiRequests")) {
			this.dailyApiMax = max;
			this.apiUsageBase = max - remaining - this.apiCallCount;
		}
		else {
			this.limits.put(name, new int[] { max, remaining });
		}
	}

	/**
	 * Return the org's limits as {@code /limits} answers them.
	 * @return the limits by name, each with {@code Max} and {@code Remaining}
	 */
	synchronized Map<String, Object> limits() {
		Map<String, int[]> all = new TreeMap<>(this.limits);
		all.put("DailyApiRequests", new int[] { this.dailyApiMax, this.dailyApiMax - apiUsage() });
		Map<String, Object> limits = new LinkedHashMap<>();
		all.forEach((name, values) -> {
			Map<String, Object> limit = new LinkedHashMap<>();
			limit.put("Max", values[0]);
			limit.put("Remaining", values[1]);
			limits.put(name, limit);
		});
		return limits;
	}

	/**
	 * Start a session of a user. Its access token starts, as Salesforce's do, with the
	 * 15-character org id.
	 * @param user the user
	 * @return the access token
	 */
	String startSession(OrgUser user) {
		String token = this.orgId.substring(0, 15) + "!AQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(72));
		this.sessions.put(token, user);
		return token;
	}

	boolean isLive(String token) {
		return this.sessions.containsKey(token);
	}

	/**
	 * Return the user of a live session.
	 * @param token the access token
	 * @return the user, or {@code null} if the session is not live
	 */
	@Nullable OrgUser sessionUser(String token) {
		return this.sessions.get(token);
	}

	boolean endSession(String token) {
		return this.sessions.remove(token) != null;
	}

	void endAllSessions() {
		this.sessions.clear();
	}

	int sessionCount() {
		return this.sessions.size();
	}

	OrgData data() {
		return this.data;
	}

	QueryCursors cursors() {
		return this.cursors;
	}

	/**
	 * Put the org back in its initial state: its seed types and records, no sessions, no
	 * cursors, counters at zero, default limits, logins accepted, its own certificate
	 * trusted.
	 */
	void reset() {
		this.rejection = null;
		this.trustedCertificate = this.initialCertificate;
		this.sessions.clear();
		this.cursors.clear();
		this.loginCount.set(0);
		synchronized (this) {
			this.apiCallCount = 0;
			this.apiUsageBase = 0;
			this.limits.clear();
			DEFAULT_LIMITS.forEach((name, max) -> limit(name, max, max));
		}
		this.data.clear();
		this.seedTypes.forEach(this.data::declare);
		for (SeedRecord seed : this.seedRecords) {
			try {
				this.data.store(seed.type(), this.data.prepareCreate(seed.type(), seed.values()));
			}
			catch (RestError ex) {
				throw new IllegalArgumentException("The org refuses its seed record " + seed + ": " + ex.errorCode()
						+ (ex.status() == 404 ? " (no type '" + seed.type() + "' is declared)" : ": " + ex.getMessage()));
			}
		}
	}

	/**
	 * A record an org starts with.
	 *
	 * @param type the name of its type
	 * @param values its values by field name
	 */
	record SeedRecord(String type, Map<String, ?> values) {

	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
