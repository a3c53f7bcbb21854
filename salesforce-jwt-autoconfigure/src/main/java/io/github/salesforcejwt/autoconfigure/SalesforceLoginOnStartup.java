package io.github.salesforcejwt.autoconfigure;

import java.net.URI;
import java.time.Duration;

import io.github.salesforcejwt.SalesforceAuthenticationException;
import io.github.salesforcejwt.SalesforceToken;
import io.github.salesforcejwt.SalesforceTokenManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs in to Salesforce once all singletons exist, when
 * {@code salesforce.jwt.validate-on-startup} is true, so that a refused login fails the
 * startup with Salesforce's error and its fix (see
 * {@link SalesforceAuthenticationFailureAnalyzer}) instead of failing the first API call.
 *
 * @author salesforce-jwt
 */
final class SalesforceLoginOnStartup implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(SalesforceLoginOnStartup.class);

	private final SalesforceTokenManager tokenManager;

	private final URI tokenUri;

	private final Duration timeout;

	SalesforceLoginOnStartup(SalesforceTokenManager tokenManager, URI tokenUri, Duration timeout) {
		this.tokenManager = tokenManager;
		this.tokenUri = tokenUri;
		this.timeout = timeout;
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
		SalesforceToken token;
		try {
			token = this.tokenManager.getToken().block(this.timeout);
		}
		catch (SalesforceAuthenticationException ex) {
			throw ex;
		}
		catch (IllegalStateException ex) {
			if (ex.getMessage() == null || !ex.getMessage().startsWith("Timeout on blocking read")) {
				throw ex;
			}
			throw SalesforceAuthenticationException.unreachable(this.tokenUri,
					"no token within " + this.timeout.toMillis() + " ms at startup", ex);
		}
		if (token == null) {
			throw SalesforceAuthenticationException.unexpectedResponse(this.tokenUri, 0, "no token", false, null);
		}
		logger.info("Logged in to Salesforce at " + this.tokenUri + " (salesforce.jwt.validate-on-startup): org "
				+ token.getOrganizationId() + ", instance " + token.getInstanceUrl());
	}

}
