package io.github.salesforcejwt.test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.github.salesforcejwt.test.FieldType.Kind;
import io.github.salesforcejwt.test.SoqlLexer.Token;
import io.github.salesforcejwt.test.SoqlQuery.All;
import io.github.salesforcejwt.test.SoqlQuery.Any;
import io.github.salesforcejwt.test.SoqlQuery.Comparison;
import io.github.salesforcejwt.test.SoqlQuery.Condition;
import io.github.salesforcejwt.test.SoqlQuery.Literal;
import io.github.salesforcejwt.test.SoqlQuery.Order;
import org.jspecify.annotations.Nullable;

/**
 * Runs a SOQL query of the subset {@link SoqlParser} reads on the records of a fake org,
 * with SOQL's semantics: text compares without regard to case (and {@code ''} is
 * {@code null}), ids by their first 15 characters, {@code !=} matches {@code null},
 * {@code LIKE} has the wildcards {@code %} and {@code _}, {@code ORDER BY} puts nulls
 * first unless {@code DESC} or {@code NULLS LAST}, and {@code OFFSET} is at most 2,000.
 * Names of objects and fields are resolved against the declared types, with Salesforce's
 * {@code INVALID_TYPE} and {@code INVALID_FIELD}.
 */
final class SoqlEngine {

	static final int MAX_OFFSET = 2000;

	private final SoqlQuery query;

	private final SObjectType type;

	private SoqlEngine(SoqlQuery query, SObjectType type) {
		this.query = query;
		this.type = type;
	}

	/**
	 * Run a query.
	 * @param soql the query
	 * @param data the records of the org
	 * @param includeDeleted whether deleted records match too ({@code queryAll})
	 * @return the result
	 * @throws RestError {@code MALFORMED_QUERY}, {@code INVALID_TYPE}, {@code INVALID_FIELD}
	 * ... if Salesforce would refuse the query, or {@code MALFORMED_QUERY} if the fake org
	 * does not support a part of it
	 */
	static Result run(String soql, OrgData data, boolean includeDeleted) {
		try {
			SoqlQuery query = SoqlParser.parse(soql);
			SObjectType type = data.type(query.object().text());
			if (type == null) {
				throw new SoqlException("INVALID_TYPE", "sObject type '" + query.object().text()
						+ "' is not supported. If you are attempting to use a custom object, be sure to append the "
						+ "'__c' after the entity name. Please reference your WSDL or the describe call for the "
						+ "appropriate names.", query.object().offset());
			}
			return new SoqlEngine(query, type).run(data.records(type.name(), includeDeleted));
		}
		catch (SoqlException ex) {
			throw ex.toRestError(soql);
		}
	}

	private Result run(List<Map<String, Object>> records) {
		List<String> fields = selectedFields();
		Predicate<Map<String, Object>> filter = (this.query.where() != null) ? predicate(this.query.where())
				: (record) -> true;
		Comparator<Map<String, Object>> order = order();
		long limit = (this.query.limit() != null) ? number(this.query.limit()) : Long.MAX_VALUE;
		long offset = (this.query.offset() != null) ? number(this.query.offset()) : 0;
		if (offset > MAX_OFFSET) {
			throw new SoqlException("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is " + MAX_OFFSET,
					this.query.offset().offset());
		}
		List<Map<String, Object>> matches = new ArrayList<>();
		for (Map<String, Object> record : records) {
			if (filter.test(record)) {
				matches.add(record);
			}
		}
		if (order != null) {
			// a stable sort: records that compare equal stay in creation order
			matches.sort(order);
		}
		List<Map<String, Object>> result = matches.stream().skip(offset).limit(limit).toList();
		return new Result(this.type, fields, this.query.count() ? List.of() : result, result.size());
	}

	private static long number(Token token) {
		try {
			return Long.parseLong(token.text());
		}
		catch (NumberFormatException ex) {
			throw new SoqlException("NUMBER_OUTSIDE_VALID_RANGE", "Number outside valid range: " + token.text(),
					token.offset());
		}
	}

	private List<String> selectedFields() {
		Set<String> fields = new LinkedHashSet<>();
		for (Token token : this.query.fields()) {
			if (!fields.add(field(token).name())) {
				throw new SoqlException("MALFORMED_QUERY", "duplicate field selected: " + token.text(), token.offset());
			}
		}
		return List.copyOf(fields);
	}

	private SObjectField field(Token token) {
		SObjectField field = this.type.field(token.text());
		if (field == null) {
			throw new SoqlException("INVALID_FIELD", Responses.noSuchColumn(this.type, token.text()), token.offset());
		}
		return field;
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
		SObjectField field = field(comparison.field());
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
			List<Object> compiled = compileLike(pattern.token().text());
			return (record) -> record.get(name) instanceof String value && like(compiled, value);
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

	/**
	 * Compile a {@code LIKE} pattern, as written between its quotes, into a list of
	 * lower-case characters, {@link Wildcard#ANY} for {@code %} and {@link Wildcard#ONE}
	 * for {@code _}; {@code \%} and {@code \_} are the characters themselves.
	 */
	private static List<Object> compileLike(String raw) {
		List<Object> pattern = new ArrayList<>();
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '\\') {
				pattern.add(Character.toLowerCase(Token.unescape(raw.charAt(++i))));
			}
			else if (c == '%') {
				pattern.add(Wildcard.ANY);
			}
			else if (c == '_') {
				pattern.add(Wildcard.ONE);
			}
			else {
				pattern.add(Character.toLowerCase(c));
			}
		}
		return pattern;
	}

	private static boolean like(List<Object> pattern, String text) {
		String value = text.toLowerCase(Locale.ROOT);
		// matches[j]: whether the pattern so far matches the first j characters
		boolean[] matches = new boolean[value.length() + 1];
		matches[0] = true;
		for (Object element : pattern) {
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

	private @Nullable Comparator<Map<String, Object>> order() {
		Comparator<Map<String, Object>> order = null;
		for (Order item : this.query.orderBy()) {
			SObjectField field = field(item.field());
			Comparator<Object> values = valueOrder(field.type().kind());
			Comparator<Object> directed = item.descending() ? values.reversed() : values;
			Comparator<Object> withNulls = item.nullsLast() ? Comparator.nullsLast(directed)
					: Comparator.nullsFirst(directed);
			Comparator<Map<String, Object>> byField = Comparator.comparing((record) -> record.get(field.name()),
					withNulls);
			order = (order != null) ? order.thenComparing(byField) : byField;
		}
		return order;
	}

	private static Comparator<Object> valueOrder(Kind kind) {
		return switch (kind) {
			case TEXT -> Comparator.comparing((value) -> (String) value, String.CASE_INSENSITIVE_ORDER);
			case NUMBER -> Comparator.comparing((value) -> new BigDecimal(value.toString()));
			case BOOLEAN -> Comparator.comparing((value) -> (Boolean) value);
			default -> Comparator.comparing((value) -> (String) value);
		};
	}

	/**
	 * The wildcards of a {@code LIKE} pattern.
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

	/**
	 * The result of a query.
	 *
	 * @param type the queried type
	 * @param fields the selected fields, by their API names
	 * @param records the records, in order (none for {@code COUNT()})
	 * @param totalSize how many records the query matched, after {@code OFFSET} and
	 * {@code LIMIT}
	 */
	record Result(SObjectType type, List<String> fields, List<Map<String, Object>> records, int totalSize) {

	}

}
