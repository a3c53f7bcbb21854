package io.github.salesforcejwt.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.util.Assert;

/**
 * Thrown at startup when {@code salesforce.jwt.*} properties are missing or invalid. Names
 * each property at fault and what to put there; never shows a secret value.
 *
 * @author salesforce-jwt
 */
public class InvalidSalesforceJwtPropertiesException extends RuntimeException {

	private final List<Problem> problems;

	/**
	 * Create a new exception.
	 * @param problems the problems found, at least one
	 */
	public InvalidSalesforceJwtPropertiesException(List<Problem> problems) {
		super(message(problems));
		Assert.notEmpty(problems, "'problems' must not be empty");
		this.problems = List.copyOf(problems);
	}

	private static String message(List<Problem> problems) {
		return "Salesforce JWT bearer login is not configured correctly:" + problems.stream()
			.map((problem) -> System.lineSeparator() + "  - " + problem.property() + " " + problem.reason() + ". "
					+ problem.action())
			.collect(Collectors.joining());
	}

	/**
	 * Return the problems found.
	 * @return the problems
	 */
	public List<Problem> getProblems() {
		return this.problems;
	}

	/**
	 * One property at fault.
	 *
	 * @param property the full property name, such as {@code salesforce.jwt.username}
	 * @param reason what is wrong with it, a phrase that follows the property name, such
	 * as {@code is not set}
	 * @param action what to put there, in whole sentences
	 */
	public record Problem(String property, String reason, String action) {

	}

}
