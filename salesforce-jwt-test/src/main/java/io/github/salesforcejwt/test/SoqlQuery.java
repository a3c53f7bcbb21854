package io.github.salesforcejwt.test;

import java.util.List;

import io.github.salesforcejwt.test.SoqlLexer.Token;
import org.jspecify.annotations.Nullable;

/**
 * A parsed SOQL query of the subset the fake org answers.
 *
 * @param fields the fields of the field list (empty for {@code COUNT()})
 * @param count whether the query is {@code SELECT COUNT() ...}
 * @param object the object of {@code FROM}
 * @param where the condition, if any
 * @param orderBy the {@code ORDER BY} items
 * @param limit the {@code LIMIT}, if any
 * @param offset the {@code OFFSET}, if any
 */
record SoqlQuery(List<Token> fields, boolean count, Token object, @Nullable Condition where, List<Order> orderBy,
		@Nullable Token limit, @Nullable Token offset) {

	/**
	 * A condition of {@code WHERE}.
	 */
	sealed interface Condition permits All, Any, Comparison {

	}

	/**
	 * Conditions joined by {@code AND}.
	 *
	 * @param conditions the conditions
	 */
	record All(List<Condition> conditions) implements Condition {

	}

	/**
	 * Conditions joined by {@code OR}.
	 *
	 * @param conditions the conditions
	 */
	record Any(List<Condition> conditions) implements Condition {

	}

	/**
	 * A field compared with {@code =}, {@code !=} (or {@code <>}), {@code LIKE} or
	 * {@code IN}.
	 *
	 * @param field the field
	 * @param operator the operator, in upper case, {@code <>} as {@code !=}
	 * @param values the literals: one, or those of the {@code IN} list
	 */
	record Comparison(Token field, String operator, List<Literal> values) implements Condition {

	}

	/**
	 * A literal.
	 *
	 * @param token the token (for a signed number, the sign)
	 * @param value the value: a {@link String}, a {@link java.math.BigDecimal}, a
	 * {@link Boolean}, or {@code null}
	 */
	record Literal(Token token, @Nullable Object value) {

	}

	/**
	 * An {@code ORDER BY} item.
	 *
	 * @param field the field
	 * @param descending whether {@code DESC}
	 * @param nullsLast whether nulls come last ({@code NULLS LAST}, the default with
	 * {@code DESC})
	 */
	record Order(Token field, boolean descending, boolean nullsLast) {

	}

}
