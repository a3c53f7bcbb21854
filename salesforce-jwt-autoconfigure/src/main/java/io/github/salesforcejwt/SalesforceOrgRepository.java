package io.github.salesforcejwt;

import org.jspecify.annotations.Nullable;

/**
 * Finds the connection details of orgs that are not configured in properties, such as
 * the customers of an ISV kept in the application's own database. Define one bean of this
 * type and {@link SalesforceClients} asks it for any org name it does not know, once per
 * org: the details are kept, like a configured org's, until the application stops or
 * {@link SalesforceSessions#forget(String)} is called.
 *
 * @author salesforce-jwt
 */
@FunctionalInterface
public interface SalesforceOrgRepository {

	/**
	 * Return the connection details of an org, as its default user.
	 * @param org the org's name
	 * @return the details, or {@code null} if there is no such org
	 */
	@Nullable SalesforceConnectionDetails findByName(String org);

}
