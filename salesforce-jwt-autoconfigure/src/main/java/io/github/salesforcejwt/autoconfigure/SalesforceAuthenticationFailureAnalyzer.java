package io.github.salesforcejwt.autoconfigure;

import io.github.salesforcejwt.SalesforceAuthenticationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link SalesforceAuthenticationException} that stops the startup (such as a
 * login refused with {@code salesforce.jwt.validate-on-startup=true}) into a report of
 * what Salesforce answered (error, description, HTTP status, token endpoint) and the fix.
 * Never shows the assertion, a token or the key.
 *
 * @author salesforce-jwt
 */
class SalesforceAuthenticationFailureAnalyzer extends AbstractFailureAnalyzer<SalesforceAuthenticationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SalesforceAuthenticationException cause) {
		String nl = System.lineSeparator();
		SalesforceLoginOnStartup.Failure startup = findCause(rootFailure, SalesforceLoginOnStartup.Failure.class);
		StringBuilder description = new StringBuilder();
		if (cause.getError() != null) {
			description.append("Salesforce refused the JWT bearer login while the application started:").append(nl);
			description.append("    Error: ").append(cause.getError()).append(nl);
			if (cause.getErrorDescription() != null) {
				description.append("    Description: ").append(cause.getErrorDescription()).append(nl);
			}
		}
		else {
			description.append("The JWT bearer login to Salesforce failed while the application started:")
				.append(nl)
				.append("    ")
				.append(cause.getMessage())
				.append(nl);
		}
		if (cause.getStatusCode() != 0) {
			description.append("    HTTP status: ").append(cause.getStatusCode()).append(nl);
		}
		String session = (startup != null) ? startup.getSession() : cause.getSession();
		if (session != null) {
			description.append("    Session: ").append(session).append(nl);
		}
		if (startup != null && startup.getTokenUri() != null) {
			description.append("    Token endpoint: ").append(startup.getTokenUri()).append(nl);
		}
		return new FailureAnalysis(description.toString().stripTrailing(), action(cause), cause);
	}

	private String action(SalesforceAuthenticationException cause) {
		String fix = cause.getFix();
		if (fix != null) {
			return fix;
		}
		if (cause.isTransient()) {
			return "Check that the token endpoint is reachable from this application (salesforce.jwt.login-url, "
					+ "network, proxy) and try again, or set salesforce.jwt.validate-on-startup=false to start "
					+ "without logging in.";
		}
		return "Check salesforce.jwt.consumer-key, salesforce.jwt.username, salesforce.jwt.login-url and "
				+ "salesforce.jwt.audience (or those of salesforce.jwt.orgs.<name>) against the connected app, and "
				+ "that the user is pre-authorized for it.";
	}

}
