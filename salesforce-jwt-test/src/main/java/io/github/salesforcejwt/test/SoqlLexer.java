package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a SOQL query into tokens: identifiers (keywords among them), string literals,
 * numbers, date and datetime literals, and symbols.
 */
final class SoqlLexer {

	private static final String ESCAPABLE = "nNrRtTbBfF\"'\\_%";

	private static final List<String> TWO_CHARACTER_SYMBOLS = List.of("!=", "<>", "<=", ">=");

	private final String soql;

	private int position;

	private SoqlLexer(String soql) {
		this.soql = soql;
	}

	/**
	 * Return the tokens of a query, ending with a token of kind {@link Kind#END}.
	 * @param soql the query
	 * @return the tokens
	 * @throws SoqlException if the query has a character or literal SOQL does not have
	 */
	static List<Token> tokenize(String soql) {
		return new SoqlLexer(soql).tokens();
	}

	private List<Token> tokens() {
		List<Token> tokens = new ArrayList<>();
		while (true) {
			while (this.position < this.soql.length() && Character.isWhitespace(this.soql.charAt(this.position))) {
				this.position++;
			}
			if (this.position == this.soql.length()) {
				tokens.add(new Token(Kind.END, "<EOF>", this.position));
				return tokens;
			}
			tokens.add(next());
		}
	}

	private Token next() {
		int start = this.position;
		char c = this.soql.charAt(start);
		if (Character.isLetter(c) || c == '_') {
			while (this.position < this.soql.length() && isIdentifierPart(this.soql.charAt(this.position))) {
				this.position++;
			}
			return new Token(Kind.IDENTIFIER, this.soql.substring(start, this.position), start);
		}
		if (c >= '0' && c <= '9') {
			return number(start);
		}
		if (c == '\'') {
			return string(start);
		}
		String two = (start + 2 <= this.soql.length()) ? this.soql.substring(start, start + 2) : "";
		if (TWO_CHARACTER_SYMBOLS.contains(two)) {
			this.position += 2;
			return new Token(Kind.SYMBOL, two, start);
		}
		this.position++;
		return new Token(Kind.SYMBOL, String.valueOf(c), start);
	}

	private Token number(int start) {
		skipDigits();
		if (this.position - start == 4 && this.position + 1 < this.soql.length()
				&& this.soql.charAt(this.position) == '-' && isDigit(this.position + 1)) {
			// a date (2026-01-31) or a datetime (2026-01-31T10:00:00Z, ...+01:00)
			while (this.position < this.soql.length() && "0123456789-:+.TZ".indexOf(this.soql.charAt(this.position)) != -1) {
				this.position++;
			}
			return new Token(Kind.DATE_LITERAL, this.soql.substring(start, this.position), start);
		}
		if (this.position + 1 < this.soql.length() && this.soql.charAt(this.position) == '.' && isDigit(this.position + 1)) {
			this.position++;
			skipDigits();
		}
		return new Token(Kind.NUMBER, this.soql.substring(start, this.position), start);
	}

	private Token string(int start) {
		this.position++;
		StringBuilder raw = new StringBuilder();
		while (this.position < this.soql.length()) {
			char c = this.soql.charAt(this.position++);
			if (c == '\'') {
				return new Token(Kind.STRING, raw.toString(), start);
			}
			if (c == '\\') {
				if (this.position == this.soql.length()) {
					break;
				}
				char escaped = this.soql.charAt(this.position++);
				if (ESCAPABLE.indexOf(escaped) == -1) {
					throw new SoqlException("MALFORMED_QUERY", "Invalid string literal '" + raw + "\\" + escaped
							+ "'. Illegal character sequence '\\" + escaped + "' in string literal.", start);
				}
				raw.append(c);
				c = escaped;
			}
			raw.append(c);
		}
		throw new SoqlException("MALFORMED_QUERY", "unexpected token: <EOF>: the string literal is not closed", start);
	}

	private void skipDigits() {
		while (this.position < this.soql.length() && isDigit(this.position)) {
			this.position++;
		}
	}

	private boolean isDigit(int index) {
		char c = this.soql.charAt(index);
		return c >= '0' && c <= '9';
	}

	private static boolean isIdentifierPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_';
	}

	/**
	 * The kinds of tokens.
	 */
	enum Kind {

		/**
		 * A name or a keyword.
		 */
		IDENTIFIER,

		/**
		 * A string literal: its text is what stands between the quotes, escapes as written.
		 */
		STRING,

		/**
		 * A number without a sign.
		 */
		NUMBER,

		/**
		 * A date or datetime literal, such as {@code 2026-01-31}.
		 */
		DATE_LITERAL,

		/**
		 * A symbol, such as {@code (} or {@code !=}.
		 */
		SYMBOL,

		/**
		 * The end of the query.
		 */
		END

	}

	/**
	 * A token.
	 *
	 * @param kind the kind
	 * @param text the text (for a string literal, without its quotes)
	 * @param offset where the token starts in the query
	 */
	record Token(Kind kind, String text, int offset) {

		boolean isKeyword(String keyword) {
			return this.kind == Kind.IDENTIFIER && this.text.equalsIgnoreCase(keyword);
		}

		boolean isSymbol(String symbol) {
			return this.kind == Kind.SYMBOL && this.text.equals(symbol);
		}

		String upperCase() {
			return this.text.toUpperCase(Locale.ROOT);
		}

		/**
		 * Return the value of a string literal, its escapes decoded ({@code \%} and
		 * {@code \_} into {@code %} and {@code _}).
		 * @return the value
		 */
		String stringValue() {
			StringBuilder value = new StringBuilder();
			for (int i = 0; i < this.text.length(); i++) {
				char c = this.text.charAt(i);
				if (c == '\\') {
					c = unescape(this.text.charAt(++i));
				}
				value.append(c);
			}
			return value.toString();
		}

		static char unescape(char escaped) {
			return switch (escaped) {
				case 'n', 'N' -> '\n';
				case 'r', 'R' -> '\r';
				case 't', 'T' -> '\t';
				case 'b', 'B' -> '\b';
				case 'f', 'F' -> '\f';
				default -> escaped;
			};
		}

	}

}
