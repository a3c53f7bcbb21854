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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The records of a fake org, by object type, with the checks Salesforce makes when a
 * record is created or updated. Records are immutable maps from field name to value
 * (text, {@link Boolean}, {@link Long} or {@link Double}, or {@code null}); an update
 * replaces the map, so a query can read a snapshot without a lock. Deleted records stay,
 * with {@code IsDeleted} true, for {@code queryAll}. Safe for concurrent use.
 */
final class OrgData {

	private static final DateTimeFormatter DATETIME_FORMAT = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	private static final DateTimeFormatter DATETIME_INPUT = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][.SS][.S][XXX][XX][X]");

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	/**
	 * The tables by lower-case type name, in declaration order.
	 */
	private final Map<String, Table> tables = new LinkedHashMap<>();

	private int customTypeCount;

	/**
	 * Remove every type and record.
	 */
	void clear() {
		write(() -> {
			this.tables.clear();
			this.customTypeCount = 0;
			return null;
		});
	}

	/**
	 * Declare a type, or redeclare it with other fields: its records keep their values of
	 * the fields it still has, and take {@code null} (or {@code false}) for the new ones.
	 * @param type the type
	 */
	void declare(SObjectType type) {
		write(() -> {
			Table existing = this.tables.get(SObjectType.key(type.name()));
			if (existing != null) {
				existing.redeclare(type);
				return null;
			}
			String keyPrefix = type.keyPrefix();
			if (keyPrefix == null) {
				keyPrefix = "a0" + Character.forDigit(this.customTypeCount++, 36);
			}
			this.tables.put(SObjectType.key(type.name()), new Table(type, keyPrefix));
			return null;
		});
	}

	/**
	 * Return the declared type of the given name, in any case.
	 * @param name the name
	 * @return the type, or {@code null} if no type of that name is declared
	 */
	@Nullable SObjectType type(String name) {
		Table table = read(() -> this.tables.get(SObjectType.key(name)));
		return (table != null) ? table.type : null;
	}

	List<SObjectType> types() {
		return read(() -> this.tables.values().stream().map((table) -> table.type).toList());
	}

	String keyPrefix(SObjectType type) {
		return table(type.name()).keyPrefix;
	}

	/**
	 * Return every record of a type, live first by creation, in a snapshot.
	 * @param typeName the type
	 * @param includeDeleted whether to include deleted records
	 * @return the records
	 */
	List<Map<String, Object>> records(String typeName, boolean includeDeleted) {
		Table table = table(typeName);
		return read(() -> {
			List<Map<String, Object>> records = new ArrayList<>(table.rows.size());
			for (Map<String, Object> record : table.rows.values()) {
				if (includeDeleted || !isDeleted(record)) {
					records.add(record);
				}
			}
			return records;
		});
	}

	/**
	 * Return a live record.
	 * @param typeName the type the record must be of
	 * @param id its id, 15 or 18 characters
	 * @return the record
	 * @throws RestError {@code NOT_FOUND} if the type has no such live record
	 */
	Map<String, Object> retrieve(String typeName, String id) {
		Map<String, Object> record = read(() -> table(typeName).find(id));
		if (record == null || isDeleted(record)) {
			throw RestError.notFound();
		}
		return record;
	}

	/**
	 * Return the records of a type whose field has the given value, as an upsert finds
	 * them.
	 * @param typeName the type
	 * @param field the field, an external id or {@code Id}
	 * @param value the value
	 * @return the live records that match
	 */
	List<Map<String, Object>> findBy(String typeName, SObjectField field, String value) {
		return records(typeName, false).stream()
			.filter((record) -> (field.type() == FieldType.ID) ? SalesforceIds.same((String) record.get("Id"), value)
					: value.equalsIgnoreCase((String) record.get(field.name())))
			.toList();
	}

	/**
	 * Check the values of a new record and make the record, without storing it.
	 * @param typeName the type
	 * @param values the values, by field name in any case ({@code attributes} is ignored)
	 * @return the record to store
	 * @throws RestError if Salesforce would refuse the values
	 */
	Map<String, Object> prepareCreate(String typeName, Map<String, ?> values) {
		Table table = table(typeName);
		return read(() -> {
			Map<String, Object> record = new LinkedHashMap<>();
			for (SObjectField field : table.type.fields()) {
				record.put(field.name(), (field.type() == FieldType.BOOLEAN) ? Boolean.FALSE : null);
			}
			setValues(table, record, values, null);
			String now = now();
			record.put("Id", SalesforceIds.of(table.keyPrefix, table.nextSequence()));
			record.put("CreatedDate", now);
			record.put("LastModifiedDate", now);
			record.put("SystemModstamp", now);
			return record;
		});
	}

	/**
	 * Check the values of an update and make the updated record, without storing it.
	 * @param typeName the type the record must be of
	 * @param id the id of the record
	 * @param values the values to change, by field name in any case
	 * @return the updated record to store
	 * @throws RestError if Salesforce would refuse the update
	 */
	Map<String, Object> prepareUpdate(String typeName, String id, Map<String, ?> values) {
		Table table = table(typeName);
		return read(() -> {
			Map<String, Object> current = table.find(id);
			if (current == null) {
				throw RestError.notFound();
			}
			if (isDeleted(current)) {
				throw new RestError(404, "ENTITY_IS_DELETED", "entity is deleted");
			}
			Map<String, Object> record = new LinkedHashMap<>(current);
			setValues(table, record, values, id);
			String now = now();
			record.put("LastModifiedDate", now);
			record.put("SystemModstamp", now);
			return record;
		});
	}

	/**
	 * Store a record made by {@link #prepareCreate} or {@link #prepareUpdate}, after
	 * checking again that no other record has the same external id.
	 * @param typeName the type
	 * @param record the record
	 * @return the record
	 */
	Map<String, Object> store(String typeName, Map<String, Object> record) {
		Table table = table(typeName);
		return write(() -> {
			checkUnique(table, record);
			Map<String, Object> stored = Collections.unmodifiableMap(record);
			table.rows.put(((String) record.get("Id")).substring(0, 15), stored);
			return stored;
		});
	}

	/**
	 * Delete a live record: it stays, with {@code IsDeleted} true.
	 * @param typeName the type the record must be of, or {@code null} for any
	 * @param id the id
	 * @throws RestError {@code NOT_FOUND} if there is no such record,
	 * {@code ENTITY_IS_DELETED} if it is deleted already
	 */
	void delete(@Nullable String typeName, String id) {
		write(() -> {
			Table table = (typeName != null) ? table(typeName) : tableOf(id);
			Map<String, Object> current = (table != null) ? table.find(id) : null;
			if (current == null && typeName != null) {
				throw RestError.notFound();
			}
			checkDeletable(id);
			Map<String, Object> deleted = new LinkedHashMap<>(current);
			deleted.put("IsDeleted", Boolean.TRUE);
			table.rows.put(id.substring(0, 15), Collections.unmodifiableMap(deleted));
			return null;
		});
	}

	/**
	 * Check that a record can be deleted, without deleting it.
	 * @param id the id of the record
	 * @throws RestError as {@link #delete(String, String)} with no type does
	 */
	void checkDeletable(String id) {
		read(() -> {
			Table table = tableOf(id);
			Map<String, Object> current = (table != null) ? table.find(id) : null;
			if (current == null) {
				throw new RestError(404, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
			}
			if (isDeleted(current)) {
				throw new RestError(404, "ENTITY_IS_DELETED", "entity is deleted");
			}
			return null;
		});
	}

	/**
	 * Return the type of a record id, from its key prefix.
	 * @param id the id
	 * @return the type, or {@code null} if no declared type has the id's key prefix
	 */
	@Nullable SObjectType typeOf(String id) {
		Table table = read(() -> tableOf(id));
		return (table != null) ? table.type : null;
	}

	private @Nullable Table tableOf(String id) {
		if (!SalesforceIds.isValid(id)) {
			return null;
		}
		for (Table table : this.tables.values()) {
			if (id.startsWith(table.keyPrefix)) {
				return table;
			}
		}
		return null;
	}

	private Table table(String typeName) {
		Table table = read(() -> this.tables.get(SObjectType.key(typeName)));
		if (table == null) {
			throw RestError.notFound();
		}
		return table;
	}

	private void setValues(Table table, Map<String, Object> record, Map<String, ?> values, @Nullable String id) {
		SObjectType type = table.type;
		for (Map.Entry<String, ?> entry : values.entrySet()) {
			if (entry.getKey().equals("attributes")) {
				continue;
			}
			SObjectField field = type.field(entry.getKey());
			if (field == null) {
				throw RestError.badRequest("INVALID_FIELD",
						"No such column '" + entry.getKey() + "' on sobject of type " + type.name());
			}
			if (field.type() == FieldType.ID && id != null && entry.getValue() instanceof String value
					&& SalesforceIds.same(id, value)) {
				continue;
			}
			if (!field.writable()) {
				throw RestError.badRequest("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
						+ field.name() + ". Please check the security settings of this field and verify that it is "
						+ "read/write for your profile or permission set.", field.name());
			}
			record.put(field.name(), convert(field, entry.getValue()));
		}
		if (type.hasCompoundName()) {
			String first = (String) record.get("FirstName");
			String last = (String) record.get("LastName");
			record.put("Name", ((first != null) ? first + " " : "") + ((last != null) ? last : ""));
		}
		List<String> missing = new ArrayList<>();
		for (SObjectField field : type.fields()) {
			Object value = record.get(field.name());
			if (field.required() && (value == null || value instanceof String text && text.isBlank())) {
				missing.add(field.name());
			}
		}
		if (!missing.isEmpty()) {
			throw RestError.badRequest("REQUIRED_FIELD_MISSING",
					"Required fields are missing: " + missing.toString().replace(" ", ""), missing.toArray(String[]::new));
		}
	}

	private @Nullable Object convert(SObjectField field, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		try {
			return switch (field.type().kind()) {
				case TEXT -> text(value);
				case BOOLEAN -> (Boolean) value;
				case NUMBER -> number(field.type(), value);
				case DATE -> date(field.type(), (String) value);
				case ID -> reference(field, (String) value);
			};
		}
		catch (ClassCastException | NumberFormatException | ArithmeticException | DateTimeParseException ex) {
			throw RestError.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of "
					+ field.type().describeName() + " from " + jsonToken(value) + " value " + value
					+ " or request may be missing a required field");
		}
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

	private String reference(SObjectField field, String value) {
		Table target = (field.referenceTo() != null) ? this.tables.get(SObjectType.key(field.referenceTo())) : null;
		if (target == null || !SalesforceIds.isValid(value) || !value.startsWith(target.keyPrefix)) {
			throw RestError.badRequest("MALFORMED_ID", field.label() + ": id value of incorrect type: " + value,
					field.name());
		}
		Map<String, Object> referenced = target.find(value);
		if (referenced == null) {
			throw RestError.badRequest("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field.name());
		}
		if (isDeleted(referenced)) {
			throw RestError.badRequest("ENTITY_IS_DELETED", "entity is deleted", field.name());
		}
		return (String) referenced.get("Id");
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

	private void checkUnique(Table table, Map<String, Object> record) {
		for (SObjectField field : table.type.fields()) {
			Object value = record.get(field.name());
			if (!field.externalId() || value == null) {
				continue;
			}
			for (Map<String, Object> other : table.rows.values()) {
				if (!isDeleted(other) && !other.get("Id").equals(record.get("Id"))
						&& value.toString().equalsIgnoreCase((String) other.get(field.name()))) {
					throw RestError.badRequest("DUPLICATE_VALUE", "duplicate value found: " + field.name()
							+ " duplicates value on record with id: " + other.get("Id"), field.name());
				}
			}
		}
	}

	private static String now() {
		return DATETIME_FORMAT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
	}

	static boolean isDeleted(Map<String, Object> record) {
		return Boolean.TRUE.equals(record.get("IsDeleted"));
	}

	private <T> T read(Supplier<T> action) {
		this.lock.readLock().lock();
		try {
			return action.get();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private <T> T write(Supplier<T> action) {
		this.lock.writeLock().lock();
		try {
			return action.get();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/**
	 * The records of one type.
	 */
	private static final class Table {

		private volatile SObjectType type;

		private final String keyPrefix;

		/**
		 * The records by the first 15 characters of their id, in creation order.
		 */
		private final Map<String, Map<String, Object>> rows = new LinkedHashMap<>();

		private long sequence;

		Table(SObjectType type, String keyPrefix) {
			this.type = type;
			this.keyPrefix = keyPrefix;
		}

		synchronized long nextSequence() {
			return ++this.sequence;
		}

		@Nullable Map<String, Object> find(String id) {
			return (SalesforceIds.isValid(id) && id.startsWith(this.keyPrefix)) ? this.rows.get(id.substring(0, 15))
					: null;
		}

		void redeclare(SObjectType type) {
			this.type = type;
			this.rows.replaceAll((id, record) -> {
				Map<String, Object> copy = new LinkedHashMap<>();
				for (SObjectField field : type.fields()) {
					Object value = record.get(field.name());
					copy.put(field.name(),
							(value == null && field.type() == FieldType.BOOLEAN) ? Boolean.FALSE : value);
				}
				return Collections.unmodifiableMap(copy);
			});
		}

	}

}
