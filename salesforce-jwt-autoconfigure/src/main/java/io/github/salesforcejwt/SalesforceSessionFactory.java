package io.github.salesforcejwt;

/**
 * Creates the {@link SalesforceSession} of an org and a user: its token client (with the
 * org's retries, timeout, cool-down and observation), token manager and clients.
 *
 * @author salesforce-jwt
 */
@FunctionalInterface
public interface SalesforceSessionFactory {

	/**
	 * Create a session.
	 * @param org the org's name
	 * @param connectionDetails the connection, as the session's user
	 * @param perUser whether the user is not the org's default one
	 * @return the new session, which has not logged in yet
	 */
	SalesforceSession create(String org, SalesforceConnectionDetails connectionDetails, boolean perUser);

}
