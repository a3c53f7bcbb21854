package io.github.salesforcejwt.autoconfigure;

import io.github.salesforcejwt.SalesforceAuthenticationException;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a {@link SalesforceAuthenticationException} that stops the startup (such as a
 * login refused with {@code salesforce.jwt.validate-on-startup=true}) into a report of
 * what Salesforce answered (error, description, HTTP status, token endpoint) and the fix.
 * Never shows the assertion, a token or the key.
 *
 * @author salesforce-jwt
 */
class SalesforceAuthenticationFailureAnalyzer extends AbstractFailureAnalyzer<SalesforceAuthenticationException> {

	private final Environment environment;

	SalesforceAuthenticationFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SalesforceAuthenticationException cause) {
		String nl = System.lineSeparator();
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
		description.append("    Token endpoint: ").append(tokenUri());
		return new FailureAnalysis(description.toString(), action(cause), cause);
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
				+ "salesforce.jwt.audience against the connected app, and that the user is pre-authorized for it.";
	}

	private String tokenUri() {
		try {
			SalesforceJwtProperties properties = Binder.get(this.environment)
				.bind("salesforce.jwt", SalesforceJwtProperties.class)
				.orElseGet(SalesforceJwtProperties::new);
			return SalesforceJwtSettings.tokenUri(properties).toString();
		}
		catch (RuntimeException ex) {
			return "(not known: " + ex.getClass().getSimpleName() + ")";
		}
	}

}
