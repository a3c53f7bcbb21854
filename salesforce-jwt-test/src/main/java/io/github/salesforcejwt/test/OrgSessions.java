package io.github.salesforcejwt.test;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The live sessions of a fake org: the user of each access token it issued that has not
 * ended. Safe for concurrent use.
 */
final class OrgSessions {

	private final String orgId;

	private final Map<String, OrgUser> sessions = new ConcurrentHashMap<>();

	/**
	 * Create the sessions of an org.
	 * @param orgId the 18-character id of the org
	 */
	OrgSessions(String orgId) {
		this.orgId = orgId;
	}

	/**
	 * Start a session of a user. Its access token starts, as Salesforce's do, with the
	 * 15-character org id.
	 * @param user the user
	 * @return the access token
	 */
	String start(OrgUser user) {
		String token = this.orgId.substring(0, 15) + "!AQ"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(KeyMaterial.randomBytes(72));
		this.sessions.put(token, user);
		return token;
	}

	/**
	 * Return the user of a live session.
	 * @param token the access token
	 * @return the user, or {@code null} if the session is not live
	 */
	@Nullable OrgUser user(String token) {
		return this.sessions.get(token);
	}

	/**
	 * End the session of an access token.
	 * @param token the access token
	 * @return whether the session was live
	 */
	boolean end(String token) {
		return this.sessions.remove(token) != null;
	}

	void endAll() {
		this.sessions.clear();
	}

	int count() {
		return this.sessions.size();
	}

}
