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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The mutable state of a {@link FakeSalesforceOrg}, shared by its WireMock extensions. Safe
 * for concurrent use.
 */
final class OrgState {

	private static final SecureRandom random = new SecureRandom();

	private final String consumerKey;

	private final String audience;

	private final String orgId;

	/**
	 * Pre-authorized users by lower-case username (Salesforce usernames are
	 * case-insensitive), the default user first.
	 */
	private final Map<String, OrgUser> users;

	private final List<String> seedAccountNames;

	private final X509Certificate initialCertificate;

	private final byte[] signatureSecret = randomBytes(32);

	/**
	 * Live sessions: the user of each access token.
	 */
	private final Map<String, OrgUser> sessions = new ConcurrentHashMap<>();

	private final List<Account> accounts = new CopyOnWriteArrayList<>();

	private final AtomicLong accountSequence = new AtomicLong();

	private final AtomicInteger loginCount = new AtomicInteger();

	private final AtomicInteger apiCallCount = new AtomicInteger();

	private volatile X509Certificate trustedCertificate;

	private volatile @Nullable LoginError rejection;

	private volatile String baseUrl = "";

	OrgState(String consumerKey, List<String> usernames, String audience, String orgId,
			List<String> seedAccountNames, X509Certificate certificate) {
		Assert.notEmpty(usernames, "'usernames' must not be empty");
		this.consumerKey = consumerKey;
		this.audience = audience;
		this.orgId = orgId;
		this.users = users(usernames);
		this.seedAccountNames = List.copyOf(seedAccountNames);
		this.initialCertificate = certificate;
		this.trustedCertificate = certificate;
		seedAccounts();
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

	private void seedAccounts() {
		this.seedAccountNames.forEach(this::createAccount);
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

	String baseUrl() {
		return this.baseUrl;
	}

	void baseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	String identityUrl(OrgUser user) {
		return this.baseUrl + "/id/" + this.orgId + "/" + user.userId();
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

	int recordApiCall() {
		return this.apiCallCount.incrementAndGet();
	}

	int apiCallCount() {
		return this.apiCallCount.get();
	}

	String startSession(OrgUser user) {
		String token = this.orgId + "!AQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(72));
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

	List<Account> accounts() {
		return List.copyOf(this.accounts);
	}

	Account createAccount(String name) {
		Account account = new Account(SalesforceIds.of("001", this.accountSequence.incrementAndGet()), name);
		this.accounts.add(account);
		return account;
	}

	void reset() {
		this.rejection = null;
		this.trustedCertificate = this.initialCertificate;
		this.sessions.clear();
		this.loginCount.set(0);
		this.apiCallCount.set(0);
		this.accounts.clear();
		this.accountSequence.set(0);
		seedAccounts();
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
