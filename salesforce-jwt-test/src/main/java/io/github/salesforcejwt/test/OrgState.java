package io.github.salesforcejwt.test;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Set;
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

	private final String username;

	private final String audience;

	private final String orgId;

	private final String userId;

	private final List<String> seedAccountNames;

	private final X509Certificate initialCertificate;

	private final byte[] signatureSecret = randomBytes(32);

	private final Set<String> sessions = ConcurrentHashMap.newKeySet();

	private final List<Account> accounts = new CopyOnWriteArrayList<>();

	private final AtomicLong accountSequence = new AtomicLong();

	private final AtomicInteger loginCount = new AtomicInteger();

	private final AtomicInteger apiCallCount = new AtomicInteger();

	private volatile X509Certificate trustedCertificate;

	private volatile @Nullable LoginError rejection;

	private volatile String baseUrl = "";

	OrgState(String consumerKey, String username, String audience, String orgId, String userId,
			List<String> seedAccountNames, X509Certificate certificate) {
		this.consumerKey = consumerKey;
		this.username = username;
		this.audience = audience;
		this.orgId = orgId;
		this.userId = userId;
		this.seedAccountNames = List.copyOf(seedAccountNames);
		this.initialCertificate = certificate;
		this.trustedCertificate = certificate;
		seedAccounts();
	}

	private void seedAccounts() {
		this.seedAccountNames.forEach(this::createAccount);
	}

	String consumerKey() {
		return this.consumerKey;
	}

	String username() {
		return this.username;
	}

	String audience() {
		return this.audience;
	}

	String orgId() {
		return this.orgId;
	}

	String userId() {
		return this.userId;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	void baseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	String identityUrl() {
		return this.baseUrl + "/id/" + this.orgId + "/" + this.userId;
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

	String startSession() {
		String token = this.orgId + "!AQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(72));
		this.sessions.add(token);
		return token;
	}

	boolean isLive(String token) {
		return this.sessions.contains(token);
	}

	boolean endSession(String token) {
		return this.sessions.remove(token);
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
