package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.salesforcejwt.test.SoqlLexer.Token;

/**
 * A pattern of SOQL's {@code LIKE}: {@code %} matches any number of characters,
 * {@code _} one, {@code \%} and {@code \_} the characters themselves, and letters match
 * without regard to case.
 */
final class LikePattern {

	/**
	 * Lower-case characters, {@link Wildcard#ANY} for {@code %} and {@link Wildcard#ONE}
	 * for {@code _}.
	 */
	private final List<Object> elements;

	private LikePattern(List<Object> elements) {
		this.elements = elements;
	}

	/**
	 * Compile a pattern.
	 * @param raw the pattern as written between its quotes
	 * @return the pattern
	 */
	static LikePattern compile(String raw) {
		List<Object> elements = new ArrayList<>();
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '\\') {
				elements.add(Character.toLowerCase(Token.unescape(raw.charAt(++i))));
			}
			else if (c == '%') {
				elements.add(Wildcard.ANY);
			}
			else if (c == '_') {
				elements.add(Wildcard.ONE);
			}
			else {
				elements.add(Character.toLowerCase(c));
			}
		}
		return new LikePattern(elements);
	}

	/**
	 * Return whether the pattern matches the whole of a text.
	 * @param text the text
	 * @return whether it matches
	 */
	boolean matches(String text) {
		String value = text.toLowerCase(Locale.ROOT);
		// matches[j]: whether the pattern so far matches the first j characters
		boolean[] matches = new boolean[value.length() + 1];
		matches[0] = true;
		for (Object element : this.elements) {
			boolean[] next = new boolean[value.length() + 1];
			for (int j = 0; j <= value.length(); j++) {
				if (element == Wildcard.ANY) {
					next[j] = matches[j] || (j > 0 && next[j - 1]);
				}
				else if (j > 0 && matches[j - 1]) {
					next[j] = element == Wildcard.ONE || element.equals(value.charAt(j - 1));
				}
			}
			matches = next;
		}
		return matches[value.length()];
	}

	/**
	 * The wildcards of a pattern.
	 */
	private enum Wildcard {

		/**
		 * {@code %}: any number of characters.
		 */
		ANY,

		/**
		 * {@code _}: one character.
		 */
		ONE

	}

}
