package io.github.salesforcejwt.autoconfigure;

import java.time.Clock;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceJwtAssertionFactory;
import io.github.salesforcejwt.SalesforceLoginObservationConvention;
import io.github.salesforcejwt.SalesforceLoginPolicy;
import io.github.salesforcejwt.SalesforceSession;
import io.github.salesforcejwt.SalesforceSessionFactory;
import io.github.salesforcejwt.SalesforceTokenClient;
import io.github.salesforcejwt.SalesforceTokenClients;
import io.github.salesforcejwt.SalesforceTokenManager;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Builds every session the same way, for the default org's beans and for the sessions
 * {@code SalesforceSessions} creates: the login over HTTP (WebClient or RestClient, by
 * {@link SalesforceTokenTransport}), wrapped in the org's retries, timeout, cool-down and
 * observation, and the token manager. The clients of a session are built on top by the
 * client factories.
 *
 * @author salesforce-jwt
 */
final class DefaultSalesforceSessionFactory implements SalesforceSessionFactory {

	private final SalesforceOrgs orgs;

	private final SalesforceTokenTransport transport;

	private final ObservationRegistry observationRegistry;

	private final @Nullable SalesforceLoginObservationConvention observationConvention;

	private final Clock clock = Clock.systemUTC();

	private SessionSharing sessionSharing;

	DefaultSalesforceSessionFactory(SalesforceOrgs orgs, SalesforceTokenTransport transport,
			ObservationRegistry observationRegistry,
			@Nullable SalesforceLoginObservationConvention observationConvention) {
		this.orgs = orgs;
		this.transport = transport;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.sessionSharing = new SessionSharing(orgs, null, this.clock);
	}

	@Override
	public SalesforceSession create(String org, SalesforceConnectionDetails connectionDetails, boolean perUser) {
		SalesforceTokenManager tokenManager = tokenManager(org, perUser, connectionDetails,
				resilient(org, httpTokenClient(org, connectionDetails)));
		return new SalesforceSession(org, connectionDetails, perUser, tokenManager);
	}

	/**
	 * The login over HTTP alone.
	 */
	SalesforceTokenClient httpTokenClient(String org, SalesforceConnectionDetails connectionDetails) {
		SalesforceJwtAssertionFactory assertionFactory = new SalesforceJwtAssertionFactory(connectionDetails,
				this.orgs.properties(org).getAssertionLifetime(), this.clock);
		return this.transport.tokenClient(connectionDetails, assertionFactory);
	}

	/**
	 * Wrap a token client in the org's retries, timeout, cool-down and observation.
	 */
	SalesforceTokenClient resilient(String org, SalesforceTokenClient tokenClient) {
		SalesforceJwtProperties.Login login = this.orgs.properties(org).getLogin();
		SalesforceLoginPolicy policy = new SalesforceLoginPolicy(login.getTimeout(), login.getMaxAttempts(),
				login.getInitialBackoff(), login.getMaxBackoff(), login.getCoolDown(), login.getMaxCoolDown());
		return SalesforceTokenClients.resilient(tokenClient, policy, this.observationRegistry,
				this.observationConvention, org, this.clock);
	}

	SalesforceTokenManager tokenManager(String org, boolean perUser,
			@Nullable SalesforceConnectionDetails connectionDetails, SalesforceTokenClient tokenClient) {
		SalesforceTokenManager tokenManager = new SalesforceTokenManager(tokenClient,
				SalesforceSession.describe(org, perUser));
		tokenManager.setTokenTimeToLive(this.orgs.properties(org).getTokenTimeToLive());
		this.sessionSharing.apply(tokenManager, org, perUser, connectionDetails);
		return tokenManager;
	}

	/**
	 * Share sessions and count logins as the given sharing says (the token store and login
	 * budget properties).
	 */
	void useSessionSharing(SessionSharing sessionSharing) {
		this.sessionSharing = sessionSharing;
	}

}
