package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The records of one declared type of a fake org, by the first 15 characters of their
 * id, in creation order. Not safe for concurrent use: {@link OrgData} guards it.
 */
final class SObjectTable {

	private volatile SObjectType type;

	private final String keyPrefix;

	private final Map<String, Map<String, Object>> rows = new LinkedHashMap<>();

	private long sequence;

	SObjectTable(SObjectType type, String keyPrefix) {
		this.type = type;
		this.keyPrefix = keyPrefix;
	}

	SObjectType type() {
		return this.type;
	}

	String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Return the id of a new record of the table.
	 * @return the 18-character id
	 */
	synchronized String nextId() {
		return SalesforceIds.of(this.keyPrefix, ++this.sequence);
	}

	/**
	 * Return the record of an id, deleted or not.
	 * @param id the id, 15 or 18 characters
	 * @return the record, or {@code null} if the table has no record of that id
	 */
	@Nullable Map<String, Object> find(String id) {
		return (SalesforceIds.isValid(id) && id.startsWith(this.keyPrefix)) ? this.rows.get(id.substring(0, 15))
				: null;
	}

	/**
	 * Return the records in creation order.
	 * @param includeDeleted whether to include deleted records
	 * @return the records, in a new list
	 */
	List<Map<String, Object>> records(boolean includeDeleted) {
		List<Map<String, Object>> records = new ArrayList<>(this.rows.size());
		for (Map<String, Object> record : this.rows.values()) {
			if (includeDeleted || !isDeleted(record)) {
				records.add(record);
			}
		}
		return records;
	}

	/**
	 * Store a record, new or in place of the one with its id.
	 * @param record the record
	 * @return the record as stored, unmodifiable
	 */
	Map<String, Object> put(Map<String, Object> record) {
		Map<String, Object> stored = Collections.unmodifiableMap(record);
		this.rows.put(((String) record.get("Id")).substring(0, 15), stored);
		return stored;
	}

	/**
	 * Check that no other live record has the value of an external id field of a record.
	 * @param record the record
	 * @throws RestError {@code DUPLICATE_VALUE} if one has
	 */
	void checkUnique(Map<String, Object> record) {
		for (SObjectField field : this.type.fields()) {
			Object value = record.get(field.name());
			if (!field.externalId() || value == null) {
				continue;
			}
			for (Map<String, Object> other : this.rows.values()) {
				if (!isDeleted(other) && !other.get("Id").equals(record.get("Id"))
						&& value.toString().equalsIgnoreCase((String) other.get(field.name()))) {
					throw RestError.badRequest("DUPLICATE_VALUE", "duplicate value found: " + field.name()
							+ " duplicates value on record with id: " + other.get("Id"), field.name());
				}
			}
		}
	}

	/**
	 * Declare the type of the table again, with other fields: the records keep their
	 * values of the fields it still has, and take {@code null} (or {@code false}) for the
	 * new ones.
	 * @param type the type
	 */
	void redeclare(SObjectType type) {
		this.type = type;
		this.rows.replaceAll((id, record) -> {
			Map<String, Object> copy = new LinkedHashMap<>();
			for (SObjectField field : type.fields()) {
				Object value = record.get(field.name());
				copy.put(field.name(), (value == null && field.type() == FieldType.BOOLEAN) ? Boolean.FALSE : value);
			}
			return Collections.unmodifiableMap(copy);
		});
	}

	static boolean isDeleted(Map<String, Object> record) {
		return Boolean.TRUE.equals(record.get("IsDeleted"));
	}

}
