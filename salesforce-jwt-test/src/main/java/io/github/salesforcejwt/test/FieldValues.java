package io.github.salesforcejwt.test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Converts the JSON values of a request to what a fake org stores for the type of a
 * field, as Salesforce does: text (dates too, as Salesforce writes them), {@link Long} or
 * {@link Double}, {@link Boolean}. A value of the wrong JSON type is refused with
 * {@code JSON_PARSER_ERROR}.
 */
final class FieldValues {

	private static final DateTimeFormatter DATETIME_FORMAT = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	private static final DateTimeFormatter DATETIME_INPUT = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][.SS][.S][XXX][XX][X]");

	private FieldValues() {
	}

	/**
	 * Convert a value for a field.
	 * @param field the field
	 * @param value the JSON value
	 * @param reference checks the id of a reference and returns the id to store
	 * @return the value to store
	 * @throws RestError {@code JSON_PARSER_ERROR} if the value does not fit the field's
	 * type, or what {@code reference} throws
	 */
	static @Nullable Object convert(SObjectField field, @Nullable Object value, UnaryOperator<String> reference) {
		if (value == null) {
			return null;
		}
		try {
			return switch (field.type().kind()) {
				case TEXT -> text(value);
				case BOOLEAN -> (Boolean) value;
				case NUMBER -> number(field.type(), value);
				case DATE -> date(field.type(), (String) value);
				case ID -> reference.apply((String) value);
			};
		}
		catch (ClassCastException | NumberFormatException | ArithmeticException | DateTimeParseException ex) {
			throw RestError.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of "
					+ field.type().describeName() + " from " + jsonToken(value) + " value " + value
					+ " or request may be missing a required field");
		}
	}

	/**
	 * Return the current time as Salesforce writes a datetime, such as
	 * {@code 2026-01-31T12:00:00.000+0000}.
	 * @return the time
	 */
	static String now() {
		return DATETIME_FORMAT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
	}

	/**
	 * Return the text of a value: Salesforce takes numbers and booleans as their text, and
	 * saves an empty text as {@code null}.
	 */
	private static @Nullable String text(Object value) {
		if (value instanceof String || value instanceof Number || value instanceof Boolean) {
			String text = value.toString();
			return text.isEmpty() ? null : text;
		}
		throw new ClassCastException();
	}

	private static Object number(FieldType type, Object value) {
		if (value instanceof Boolean) {
			throw new ClassCastException();
		}
		BigDecimal number = new BigDecimal((value instanceof String text) ? text.trim() : value.toString());
		return (type == FieldType.INT) ? (Object) number.longValueExact() : (Object) number.doubleValue();
	}

	private static String date(FieldType type, String value) {
		if (type == FieldType.DATE) {
			return LocalDate.parse(value).toString();
		}
		TemporalAccessor parsed = DATETIME_INPUT.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
		OffsetDateTime dateTime = (parsed instanceof OffsetDateTime offsetDateTime) ? offsetDateTime
				: ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
		return DATETIME_FORMAT.format(dateTime.withOffsetSameInstant(ZoneOffset.UTC));
	}

	private static String jsonToken(Object value) {
		if (value instanceof String) {
			return "VALUE_STRING";
		}
		if (value instanceof Boolean bool) {
			return bool ? "VALUE_TRUE" : "VALUE_FALSE";
		}
		if (value instanceof Number) {
			return (value instanceof Double || value instanceof Float || value instanceof BigDecimal)
					? "VALUE_NUMBER_FLOAT" : "VALUE_NUMBER_INT";
		}
		return (value instanceof List) ? "START_ARRAY" : "START_OBJECT";
	}

}
