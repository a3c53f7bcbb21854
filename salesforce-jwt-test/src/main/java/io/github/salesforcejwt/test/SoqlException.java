package io.github.salesforcejwt.test;

/**
 * A query the fake org refuses, at a place in the query text: an error Salesforce would
 * answer too ({@code MALFORMED_QUERY}, {@code INVALID_FIELD}, ...), or a part of SOQL the
 * fake org does not support.
 */
final class SoqlException extends RuntimeException {

	static final String SUBSET = "It answers SELECT with a list of fields or COUNT() FROM one object, "
			+ "WHERE with =, !=, <>, LIKE and IN on the object's own fields, AND, OR and parentheses, "
			+ "ORDER BY with ASC, DESC and NULLS FIRST or LAST, LIMIT and OFFSET.";

	static final String STUB_HINT = "Stub the answer to this query instead: "
			+ "org.wireMock().stubFor(get(urlPathEqualTo(\"/services/data/v66.0/query\"))"
			+ ".withQueryParam(\"q\", equalTo(soql)).willReturn(okJson(...))), see the README of salesforce-jwt-test.";

	private final String errorCode;

	private final int offset;

	SoqlException(String errorCode, String message, int offset) {
		super(message, null, false, false);
		this.errorCode = errorCode;
		this.offset = offset;
	}

	/**
	 * Return the refusal of a part of SOQL that Salesforce answers but the fake org does
	 * not: a {@code MALFORMED_QUERY} that says so and how to stub the answer instead.
	 * @param what the part, such as {@code "GROUP BY"}
	 * @param offset where it starts in the query
	 * @return the exception
	 */
	static SoqlException unsupported(String what, int offset) {
		return new SoqlException("MALFORMED_QUERY",
				"The fake Salesforce org does not support " + what + ". " + SUBSET + " " + STUB_HINT, offset);
	}

	static SoqlException unexpected(SoqlLexer.Token token) {
		return new SoqlException("MALFORMED_QUERY", "unexpected token: '" + token.text() + "'", token.offset());
	}

	/**
	 * Return the error as the REST API answers it: the query's line, a caret under the
	 * place of the error, its row and column, then the message, as Salesforce writes it.
	 * @param soql the query
	 * @return the error
	 */
	RestError toRestError(String soql) {
		int row = 1;
		int lineStart = 0;
		int position = Math.min(this.offset, soql.length());
		for (int i = 0; i < position; i++) {
			if (soql.charAt(i) == '\n') {
				row++;
				lineStart = i + 1;
			}
		}
		int lineEnd = soql.indexOf('\n', lineStart);
		String line = soql.substring(lineStart, (lineEnd != -1) ? lineEnd : soql.length());
		int column = position - lineStart + 1;
		String message = "\n" + line + "\n" + " ".repeat(column - 1) + "^\nERROR at Row:" + row + ":Column:" + column
				+ "\n" + getMessage();
		return RestError.badRequest(this.errorCode, message);
	}

	String errorCode() {
		return this.errorCode;
	}

}
