package io.github.salesforcejwt.test;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The mutable state of a {@link FakeSalesforceOrg}, shared by its WireMock extensions: what
 * the token endpoint accepts, the {@link OrgUsers users}, their {@link OrgSessions
 * sessions}, the {@link OrgLimits limits}, the {@link OrgData records} and the
 * {@link QueryCursors query cursors}. Safe for concurrent use.
 */
final class OrgState {

	private final String consumerKey;

	private final String audience;

	private final String orgId;

	private final OrgUsers users;

	private final List<SObjectType> seedTypes;

	private final List<SeedRecord> seedRecords;

	private final X509Certificate initialCertificate;

	private final OrgSessions sessions;

	private final OrgLimits limits = new OrgLimits();

	private final OrgData data = new OrgData();

	private final QueryCursors cursors = new QueryCursors();

	private final AtomicInteger loginCount = new AtomicInteger();

	private volatile X509Certificate trustedCertificate;

	private volatile @Nullable LoginError rejection;

	private volatile String loginUrl = "";

	private volatile String instanceUrl = "";

	OrgState(String consumerKey, List<String> usernames, String audience, String orgId, List<SObjectType> seedTypes,
			List<SeedRecord> seedRecords, X509Certificate certificate) {
		this.consumerKey = consumerKey;
		this.audience = audience;
		this.orgId = orgId;
		this.users = new OrgUsers(usernames);
		this.sessions = new OrgSessions(orgId);
		this.seedTypes = List.copyOf(seedTypes);
		this.seedRecords = List.copyOf(seedRecords);
		this.initialCertificate = certificate;
		this.trustedCertificate = certificate;
		reset();
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

	OrgUsers users() {
		return this.users;
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

	OrgSessions sessions() {
		return this.sessions;
	}

	OrgLimits limits() {
		return this.limits;
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
		this.sessions.endAll();
		this.cursors.clear();
		this.loginCount.set(0);
		this.limits.reset();
		this.data.clear();
		this.seedTypes.forEach(this.data::declare);
		for (SeedRecord seed : this.seedRecords) {
			try {
				this.data.create(seed.type(), seed.values());
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

}
