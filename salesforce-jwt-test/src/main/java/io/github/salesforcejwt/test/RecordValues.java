package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Makes the record that a create or an update would store, from the values of a request,
 * with the checks Salesforce makes: known and writable fields, values of the fields'
 * types, references to existing records, required fields. The org sets {@code Id},
 * {@code IsDeleted} and the dates.
 */
final class RecordValues {

	private final Function<String, @Nullable SObjectTable> tables;

	/**
	 * Create an instance that finds the records references refer to.
	 * @param tables the table of a type name, or {@code null} if no such type is declared
	 */
	RecordValues(Function<String, @Nullable SObjectTable> tables) {
		this.tables = tables;
	}

	/**
	 * Make a new record.
	 * @param table the table the record is for
	 * @param values the values, by field name in any case ({@code attributes} is ignored)
	 * @return the record to store
	 * @throws RestError if Salesforce would refuse the values
	 */
	Map<String, Object> created(SObjectTable table, Map<String, ?> values) {
		Map<String, Object> record = new LinkedHashMap<>();
		for (SObjectField field : table.type().fields()) {
			record.put(field.name(), (field.type() == FieldType.BOOLEAN) ? Boolean.FALSE : null);
		}
		setValues(table.type(), record, values, null);
		String now = FieldValues.now();
		record.put("Id", table.nextId());
		record.put("CreatedDate", now);
		record.put("LastModifiedDate", now);
		record.put("SystemModstamp", now);
		return record;
	}

	/**
	 * Make the updated record.
	 * @param type the type of the record
	 * @param current the record as it is
	 * @param id the id of the record, as the request gives it
	 * @param values the values to change, by field name in any case
	 * @return the updated record to store
	 * @throws RestError if Salesforce would refuse the values
	 */
	Map<String, Object> updated(SObjectType type, Map<String, Object> current, String id, Map<String, ?> values) {
		Map<String, Object> record = new LinkedHashMap<>(current);
		setValues(type, record, values, id);
		String now = FieldValues.now();
		record.put("LastModifiedDate", now);
		record.put("SystemModstamp", now);
		return record;
	}

	private void setValues(SObjectType type, Map<String, Object> record, Map<String, ?> values, @Nullable String id) {
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
			record.put(field.name(), FieldValues.convert(field, entry.getValue(), (value) -> reference(field, value)));
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

	private String reference(SObjectField field, String value) {
		SObjectTable target = (field.referenceTo() != null) ? this.tables.apply(field.referenceTo()) : null;
		if (target == null || !SalesforceIds.isValid(value) || !value.startsWith(target.keyPrefix())) {
			throw RestError.badRequest("MALFORMED_ID", field.label() + ": id value of incorrect type: " + value,
					field.name());
		}
		Map<String, Object> referenced = target.find(value);
		if (referenced == null) {
			throw RestError.badRequest("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field.name());
		}
		if (SObjectTable.isDeleted(referenced)) {
			throw RestError.badRequest("ENTITY_IS_DELETED", "entity is deleted", field.name());
		}
		return (String) referenced.get("Id");
	}

}
