package io.github.salesforcejwt.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.salesforcejwt.SalesforceApiUsage;
import io.github.salesforcejwt.SalesforceSessions;

/**
 * The API usage of each org, shared by all its sessions and clients: the daily allocation
 * is the org's.
 *
 * @author salesforce-jwt
 */
final class SalesforceApiUsages {

	private final Map<String, SalesforceApiUsage> usages = new ConcurrentHashMap<>();

	SalesforceApiUsages(SalesforceApiUsage defaultOrg) {
		this.usages.put(SalesforceSessions.DEFAULT_ORG, defaultOrg);
	}

	SalesforceApiUsage of(String org) {
		return this.usages.computeIfAbsent(org, (name) -> new SalesforceApiUsage());
	}

}
