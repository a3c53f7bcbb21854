package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The users of a fake org pre-authorized for its connected app, the default user first,
 * each with a user id of its own. Salesforce usernames are case-insensitive.
 */
final class OrgUsers {

	/**
	 * The users by lower-case username, the default user first.
	 */
	private final Map<String, OrgUser> users = new LinkedHashMap<>();

	/**
	 * Create the users of an org.
	 * @param usernames their usernames, the default user's first; a username given again
	 * (in any case) is the same user
	 */
	OrgUsers(List<String> usernames) {
		Assert.notEmpty(usernames, "'usernames' must not be empty");
		for (String username : usernames) {
			this.users.computeIfAbsent(key(username),
					(key) -> new OrgUser(username, SalesforceIds.of("005", this.users.size() + 1)));
		}
	}

	private static String key(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	OrgUser defaultUser() {
		return this.users.values().iterator().next();
	}

	List<OrgUser> all() {
		return new ArrayList<>(this.users.values());
	}

	/**
	 * Return the user with the given username, in any case.
	 * @param username the username
	 * @return the user, or {@code null} if the user is not pre-authorized
	 */
	@Nullable OrgUser find(String username) {
		return this.users.get(key(username));
	}

	/**
	 * Return the user with the given username, in any case.
	 * @param username the username
	 * @return the user
	 * @throws IllegalArgumentException if the user is not pre-authorized
	 */
	OrgUser get(String username) {
		Assert.hasText(username, "'username' must not be empty");
		OrgUser user = find(username);
		if (user == null) {
			throw new IllegalArgumentException("'" + username + "' is not a pre-authorized user of this org");
		}
		return user;
	}

	/**
	 * Return the user with the given user id.
	 * @param userId the 15- or 18-character user id
	 * @return the user, or {@code null} if there is none
	 */
	@Nullable OrgUser findById(String userId) {
		for (OrgUser user : this.users.values()) {
			if (SalesforceIds.same(user.userId(), userId)) {
				return user;
			}
		}
		return null;
	}

}
