package io.github.salesforcejwt.test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.github.salesforcejwt.test.FieldType.Kind;
import io.github.salesforcejwt.test.SoqlLexer.Token;
import io.github.salesforcejwt.test.SoqlQuery.Order;
import org.jspecify.annotations.Nullable;

/**
 * Runs a SOQL query of the subset {@link SoqlParser} reads on the records of a fake org,
 * with SOQL's semantics: {@code WHERE} as {@link SoqlFilter} reads it, {@code ORDER BY}
 * puts nulls first unless {@code DESC} or {@code NULLS LAST}, and {@code OFFSET} is at
 * most 2,000. Names of objects and fields are resolved against the declared types, with
 * Salesforce's {@code INVALID_TYPE} and {@code INVALID_FIELD}.
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
		Predicate<Map<String, Object>> filter = (this.query.where() != null)
				? SoqlFilter.of(this.query.where(), this::field) : (record) -> true;
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
