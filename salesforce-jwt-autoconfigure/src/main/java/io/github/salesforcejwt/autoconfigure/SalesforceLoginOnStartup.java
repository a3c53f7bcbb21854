package io.github.salesforcejwt.autoconfigure;

import java.net.URI;
import java.time.Duration;

import io.github.salesforcejwt.SalesforceAuthenticationException;
import io.github.salesforcejwt.SalesforceSessions;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceSession;
import io.github.salesforcejwt.SalesforceToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs in to each configured Salesforce org once all singletons exist, when
 * {@code salesforce.jwt.validate-on-startup} is true, so that a refused login fails the
 * startup with Salesforce's error, its fix and the org (see
 * {@link SalesforceAuthenticationFailureAnalyzer}) instead of failing the first API call.
 *
 * @author salesforce-jwt
 */
final class SalesforceLoginOnStartup implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(SalesforceLoginOnStartup.class);

	private final SalesforceSessions clients;

	private final SalesforceOrgs orgs;

	SalesforceLoginOnStartup(SalesforceSessions clients, SalesforceOrgs orgs) {
		this.clients = clients;
		this.orgs = orgs;
	}

	/**
	 * Return how long the startup login may take in all: every attempt with its timeout
	 * and the longest back-off before it, and a margin.
	 * @param login the login properties
	 * @return the bound
	 */
	static Duration timeout(SalesforceJwtProperties.Login login) {
		int attempts = Math.max(1, login.getMaxAttempts());
		return login.getTimeout()
			.plus(login.getMaxBackoff())
			.multipliedBy(attempts)
			.plus(Duration.ofSeconds(5));
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String org : this.clients.getConfiguredOrgs()) {
			logIn(this.clients.session(org), timeout(this.orgs.properties(org).getLogin()));
		}
	}

	private void logIn(SalesforceSession session, Duration timeout) {
		SalesforceConnectionDetails details = session.getConnectionDetails();
		URI tokenUri = (details != null) ? details.getTokenUri() : null;
		String description = SalesforceSession.describe(session.getOrg(), false);
		SalesforceToken token;
		try {
			token = session.getTokenManager().getToken().block(timeout);
		}
		catch (SalesforceAuthenticationException ex) {
			throw new Failure(description, tokenUri, ex);
		}
		catch (IllegalStateException ex) {
			if (ex.getMessage() == null || !ex.getMessage().startsWith("Timeout on blocking read")) {
				throw ex;
			}
			throw new Failure(description, tokenUri,
					new SalesforceAuthenticationException("Salesforce " + description + ": no token within "
							+ timeout.toMillis() + " ms at startup", 0, null, null, null, true, ex));
		}
		if (token == null) {
			throw new Failure(description, tokenUri, new SalesforceAuthenticationException(
					"Salesforce " + description + ": the login completed without a token", 0, null, null, null,
					false, null));
		}
		logger.info("Logged in to Salesforce " + description + " (salesforce.jwt.validate-on-startup): organization "
				+ token.getOrganizationId() + ", instance " + token.getInstanceUrl());
	}

	/**
	 * A login at startup failed: which org, at which token endpoint, and why.
	 */
	static final class Failure extends RuntimeException {

		private final String session;

		private final @Nullable URI tokenUri;

		Failure(String session, @Nullable URI tokenUri, SalesforceAuthenticationException cause) {
			super("Salesforce login of " + session + " failed at startup: " + cause.getMessage(), cause);
			this.session = session;
			this.tokenUri = tokenUri;
		}

		String getSession() {
			return this.session;
		}

		@Nullable URI getTokenUri() {
			return this.tokenUri;
		}

	}

}
