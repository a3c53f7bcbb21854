package io.github.salesforcejwt.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The records of a fake org, by object type, with the checks Salesforce makes when a
 * record is created or updated ({@link RecordValues}). Records are immutable maps from
 * field name to value (text, {@link Boolean}, {@link Long} or {@link Double}, or
 * {@code null}); an update replaces the map, so a query can read a snapshot without a
 * lock. Deleted records stay, with {@code IsDeleted} true, for {@code queryAll}. Safe for
 * concurrent use.
 */
final class OrgData {

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	/**
	 * The tables by lower-case type name, in declaration order.
	 */
	private final Map<String, SObjectTable> tables = new LinkedHashMap<>();

	private final RecordValues values = new RecordValues((typeName) -> this.tables.get(SObjectType.key(typeName)));

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
			SObjectTable existing = this.tables.get(SObjectType.key(type.name()));
			if (existing != null) {
				existing.redeclare(type);
				return null;
			}
			String keyPrefix = type.keyPrefix();
			if (keyPrefix == null) {
				keyPrefix = "a0" + Character.forDigit(this.customTypeCount++, 36);
			}
			this.tables.put(SObjectType.key(type.name()), new SObjectTable(type, keyPrefix));
			return null;
		});
	}

	/**
	 * Return the declared type of the given name, in any case.
	 * @param name the name
	 * @return the type, or {@code null} if no type of that name is declared
	 */
	@Nullable SObjectType type(String name) {
		SObjectTable table = read(() -> this.tables.get(SObjectType.key(name)));
		return (table != null) ? table.type() : null;
	}

	/**
	 * Return the declared type of the given name, in any case.
	 * @param name the name
	 * @return the type
	 * @throws RestError {@code NOT_FOUND} if no type of that name is declared
	 */
	SObjectType declaredType(String name) {
		return table(name).type();
	}

	List<SObjectType> types() {
		return read(() -> this.tables.values().stream().map(SObjectTable::type).toList());
	}

	String keyPrefix(SObjectType type) {
		return table(type.name()).keyPrefix();
	}

	/**
	 * Return every record of a type, live first by creation, in a snapshot.
	 * @param typeName the type
	 * @param includeDeleted whether to include deleted records
	 * @return the records
	 */
	List<Map<String, Object>> records(String typeName, boolean includeDeleted) {
		SObjectTable table = table(typeName);
		return read(() -> table.records(includeDeleted));
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
		if (record == null || SObjectTable.isDeleted(record)) {
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
		SObjectTable table = table(typeName);
		return read(() -> this.values.created(table, values));
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
		SObjectTable table = table(typeName);
		return read(() -> {
			Map<String, Object> current = table.find(id);
			if (current == null) {
				throw RestError.notFound();
			}
			if (SObjectTable.isDeleted(current)) {
				throw new RestError(404, "ENTITY_IS_DELETED", "entity is deleted");
			}
			return this.values.updated(table.type(), current, id, values);
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
		SObjectTable table = table(typeName);
		return write(() -> {
			table.checkUnique(record);
			return table.put(record);
		});
	}

	/**
	 * Create a record: {@link #prepareCreate} and {@link #store}.
	 * @param typeName the type
	 * @param values the values, by field name in any case
	 * @return the record as stored
	 * @throws RestError if Salesforce would refuse the values
	 */
	Map<String, Object> create(String typeName, Map<String, ?> values) {
		return store(typeName, prepareCreate(typeName, values));
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
			SObjectTable table = (typeName != null) ? table(typeName) : tableOf(id);
			Map<String, Object> current = (table != null) ? table.find(id) : null;
			if (current == null && typeName != null) {
				throw RestError.notFound();
			}
			checkDeletable(id);
			Map<String, Object> deleted = new LinkedHashMap<>(current);
			deleted.put("IsDeleted", Boolean.TRUE);
			table.put(deleted);
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
			SObjectTable table = tableOf(id);
			Map<String, Object> current = (table != null) ? table.find(id) : null;
			if (current == null) {
				throw new RestError(404, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
			}
			if (SObjectTable.isDeleted(current)) {
				throw new RestError(404, "ENTITY_IS_DELETED", "entity is deleted");
			}
			return null;
		});
	}

	private @Nullable SObjectTable tableOf(String id) {
		if (!SalesforceIds.isValid(id)) {
			return null;
		}
		for (SObjectTable table : this.tables.values()) {
			if (id.startsWith(table.keyPrefix())) {
				return table;
			}
		}
		return null;
	}

	private SObjectTable table(String typeName) {
		SObjectTable table = read(() -> this.tables.get(SObjectType.key(typeName)));
		if (table == null) {
			throw RestError.notFound();
		}
		return table;
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

}
