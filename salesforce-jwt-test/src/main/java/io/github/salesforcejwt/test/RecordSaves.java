package io.github.salesforcejwt.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Checks the saves of records against the records of a fake org and returns them ready
 * to apply, each with the save result Salesforce answers:
 * {@code {"id":...,"success":true,"errors":[]}}.
 */
final class RecordSaves {

	private final OrgData data;

	RecordSaves(OrgData data) {
		this.data = data;
	}

	Save create(String typeName, Map<String, Object> values) {
		return store(null, typeName, this.data.prepareCreate(typeName, values));
	}

	Save update(String typeName, String id, Map<String, Object> values) {
		return store(id, typeName, this.data.prepareUpdate(typeName, id, values));
	}

	private Save store(@Nullable String id, String typeName, Map<String, Object> record) {
		return new Save(id, () -> Responses.saveResult((String) this.data.store(typeName, record).get("Id")));
	}

	Save delete(String id) {
		this.data.checkDeletable(id);
		return new Save(id, () -> {
			this.data.delete(null, id);
			return Responses.saveResult(id);
		});
	}

	/**
	 * Check an upsert: of the record whose field has the value, or of a new one with that
	 * value.
	 * @param type the type of the record
	 * @param field the field, an external id or {@code Id}
	 * @param value the value of the field
	 * @param values the values to save
	 * @return the upsert, whose result has {@code created}
	 * @throws RestError {@code NOT_FOUND} for an upsert by {@code Id} of no record, or if
	 * Salesforce would refuse the values
	 */
	Save upsert(SObjectType type, SObjectField field, String value, Map<String, Object> values) {
		List<Map<String, Object>> matches = this.data.findBy(type.name(), field, value);
		boolean created = matches.isEmpty();
		Map<String, Object> record;
		if (!created) {
			record = this.data.prepareUpdate(type.name(), (String) matches.get(0).get("Id"), values);
		}
		else if (field.type() == FieldType.ID) {
			throw RestError.notFound();
		}
		else {
			Map<String, Object> withValue = new LinkedHashMap<>(values);
			withValue.keySet().removeIf(field.name()::equalsIgnoreCase);
			withValue.put(field.name(), value);
			record = this.data.prepareCreate(type.name(), withValue);
		}
		return new Save(created ? null : (String) record.get("Id"), () -> {
			Map<String, Object> result = Responses.saveResult((String) this.data.store(type.name(), record).get("Id"));
			result.put("created", created);
			return result;
		});
	}

}
