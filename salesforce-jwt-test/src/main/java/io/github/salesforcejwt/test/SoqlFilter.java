package io.github.salesforcejwt.test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.salesforcejwt.test.FieldType.Kind;
import io.github.salesforcejwt.test.SoqlLexer.Token;
import io.github.salesforcejwt.test.SoqlQuery.All;
import io.github.salesforcejwt.test.SoqlQuery.Any;
import io.github.salesforcejwt.test.SoqlQuery.Comparison;
import io.github.salesforcejwt.test.SoqlQuery.Condition;
import io.github.salesforcejwt.test.SoqlQuery.Literal;
import org.jspecify.annotations.Nullable;

/**
 * Makes the predicate of a {@code WHERE} condition on records, with SOQL's semantics:
 * text compares without regard to case (and {@code ''} is {@code null}), ids by their
 * first 15 characters, {@code !=} matches {@code null}, {@code LIKE} takes a
 * {@link LikePattern} and text fields only. A literal of the wrong type for its field is
 * refused as Salesforce refuses it.
 */
final class SoqlFilter {

	private final Function<Token, SObjectField> fields;

	private SoqlFilter(Function<Token, SObjectField> fields) {
		this.fields = fields;
	}

	/**
	 * Return the predicate of a condition.
	 * @param condition the condition
	 * @param fields the field a name in the query refers to
	 * @return the predicate
	 * @throws SoqlException if Salesforce would refuse the condition
	 */
	static Predicate<Map<String, Object>> of(Condition condition, Function<Token, SObjectField> fields) {
		return new SoqlFilter(fields).predicate(condition);
	}

	private Predicate<Map<String, Object>> predicate(Condition condition) {
		if (condition instanceof All all) {
			List<Predicate<Map<String, Object>>> predicates = all.conditions().stream().map(this::predicate).toList();
			return (record) -> predicates.stream().allMatch((predicate) -> predicate.test(record));
		}
		if (condition instanceof Any any) {
			List<Predicate<Map<String, Object>>> predicates = any.conditions().stream().map(this::predicate).toList();
			return (record) -> predicates.stream().anyMatch((predicate) -> predicate.test(record));
		}
		return comparison((Comparison) condition);
	}

	private Predicate<Map<String, Object>> comparison(Comparison comparison) {
		SObjectField field = this.fields.apply(comparison.field());
		String name = field.name();
		if (comparison.operator().equals("LIKE")) {
			if (field.type().kind() != Kind.TEXT) {
				throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR",
						"invalid operator on " + ((field.type().kind() == Kind.ID) ? "id" : field.type().describeName())
								+ " field",
						comparison.field().offset());
			}
			Literal pattern = comparison.values().get(0);
			if (!(pattern.value() instanceof String)) {
				throw filterTypeError(field, pattern);
			}
			LikePattern compiled = LikePattern.compile(pattern.token().text());
			return (record) -> record.get(name) instanceof String value && compiled.matches(value);
		}
		List<Object> values = new ArrayList<>();
		for (Literal literal : comparison.values()) {
			values.add(filterValue(field, literal));
		}
		Kind kind = field.type().kind();
		Predicate<Map<String, Object>> equal = (record) -> values.stream()
			.anyMatch((value) -> same(kind, record.get(name), value));
		return comparison.operator().equals("!=") ? equal.negate() : equal;
	}

	private static @Nullable Object filterValue(SObjectField field, Literal literal) {
		Object value = literal.value();
		if (value == null) {
			return null;
		}
		switch (field.type().kind()) {
			case TEXT:
				if (value instanceof String text) {
					return text.isEmpty() ? null : text;
				}
				break;
			case ID:
				if (value instanceof String id) {
					if (!SalesforceIds.isValid(id)) {
						throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: " + id,
								literal.token().offset());
					}
					return id;
				}
				break;
			case NUMBER:
				if (value instanceof BigDecimal) {
					return value;
				}
				break;
			case BOOLEAN:
				if (value instanceof Boolean) {
					return value;
				}
				break;
			default:
				break;
		}
		throw filterTypeError(field, literal);
	}

	private static SoqlException filterTypeError(SObjectField field, Literal literal) {
		String type = switch (field.type()) {
			case DATETIME -> "dateTime";
			case ID, REFERENCE -> "id";
			default -> field.type().describeName();
		};
		boolean quoted = field.type().kind() == Kind.TEXT || field.type().kind() == Kind.ID;
		return new SoqlException("INVALID_FIELD", "value of filter criterion for field '" + field.name()
				+ "' must be of type " + type + " and should " + (quoted ? "" : "not ") + "be enclosed in quotes",
				literal.token().offset());
	}

	private static boolean same(Kind kind, @Nullable Object value, @Nullable Object other) {
		if (value == null || other == null) {
			return value == other;
		}
		return switch (kind) {
			case TEXT -> ((String) value).equalsIgnoreCase((String) other);
			case ID -> SalesforceIds.same((String) value, (String) other);
			case NUMBER -> new BigDecimal(value.toString()).compareTo((BigDecimal) other) == 0;
			default -> value.equals(other);
		};
	}

}
