package io.github.salesforcejwt.autoconfigure;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidSalesforceJwtPropertiesException} into a startup report that
 * lists each property at fault and what to put there.
 *
 * @author salesforce-jwt
 */
class InvalidSalesforceJwtPropertiesFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidSalesforceJwtPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSalesforceJwtPropertiesException cause) {
		String nl = System.lineSeparator();
		String description = "The Salesforce JWT bearer login (salesforce-jwt-starter) is not configured correctly:"
				+ cause.getProblems()
					.stream()
					.map((problem) -> nl + "    - " + problem.property() + " " + problem.reason())
					.collect(Collectors.joining());
		String action = cause.getProblems()
			.stream()
			.map((problem) -> "- " + problem.property() + ": " + problem.action())
			.collect(Collectors.joining(nl, "Update your application's configuration:" + nl, nl))
				+ "Or set salesforce.jwt.enabled=false if this application should not call Salesforce.";
		return new FailureAnalysis(description, action, cause);
	}

}
