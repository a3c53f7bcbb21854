package io.github.salesforcejwt;

import org.jspecify.annotations.Nullable;

/**
 * The names of the HTTP service groups ({@code @ImportHttpServices(group = ...)}) that the
 * starter authenticates and points at an org's instance: {@value #DEFAULT_GROUP} for the
 * default org, and {@code salesforce-<org>} for a named org, such as
 * {@code salesforce-acme} for {@code salesforce.jwt.orgs.acme}. Groups of
 * {@code RestClient} and of {@code WebClient} alike.
 *
 * @author salesforce-jwt
 */
public final class SalesforceHttpServiceGroups {

	/**
	 * The group of the default org.
	 */
	public static final String DEFAULT_GROUP = "salesforce";

	private static final String PREFIX = DEFAULT_GROUP + "-";

	private SalesforceHttpServiceGroups() {
	}

	/**
	 * Return the group name of an org.
	 * @param org the org's name
	 * @return {@value #DEFAULT_GROUP} for the default org, else {@code salesforce-<org>}
	 */
	public static String groupName(String org) {
		return SalesforceSessions.DEFAULT_ORG.equals(org) ? DEFAULT_GROUP : PREFIX + org;
	}

	/**
	 * Return the org of a group.
	 * @param group the group's name
	 * @return the org's name, or {@code null} for a group that is not a Salesforce one
	 */
	public static @Nullable String orgOf(String group) {
		if (DEFAULT_GROUP.equals(group)) {
			return SalesforceSessions.DEFAULT_ORG;
		}
		return (group.startsWith(PREFIX) && group.length() > PREFIX.length()) ? group.substring(PREFIX.length())
				: null;
	}

}
