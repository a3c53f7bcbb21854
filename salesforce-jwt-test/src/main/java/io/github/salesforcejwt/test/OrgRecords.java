package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * The records of a fake org as its Java API offers them to a test: with the checks of the
 * REST API, whose refusals become {@link IllegalArgumentException}s.
 */
final class OrgRecords {

	private final OrgData data;

	OrgRecords(OrgData data) {
		this.data = data;
	}

	void declare(SObjectType... types) {
		Assert.noNullElements(types, "'types' must not contain null elements");
		for (SObjectType type : types) {
			this.data.declare(type);
		}
	}

	/**
	 * Create records, one after the other.
	 * @param type the name of a declared type
	 * @param records the values of each record
	 * @return the ids of the records, in order
	 * @throws IllegalArgumentException if a record is refused (those before it are
	 * created) or the type is not declared
	 */
	List<String> create(String type, List<? extends Map<String, ?>> records) {
		Assert.hasText(type, "'type' must not be empty");
		Assert.noNullElements(records, "'records' must not contain null elements");
		List<String> ids = new ArrayList<>(records.size());
		try {
			for (Map<String, ?> values : records) {
				ids.add((String) this.data.create(type, values).get("Id"));
			}
		}
		catch (RestError ex) {
			throw (ex.status() == 404) ? undeclared(type) : ex.toIllegalArgument();
		}
		return ids;
	}

	List<Map<String, Object>> records(String type) {
		Assert.hasText(type, "'type' must not be empty");
		if (this.data.type(type) == null) {
			throw undeclared(type);
		}
		return List.copyOf(this.data.records(type, false));
	}

	List<Account> accounts() {
		return records("Account").stream()
			.map((record) -> new Account((String) record.get("Id"), (String) record.get("Name")))
			.toList();
	}

	void delete(String id) {
		Assert.hasText(id, "'id' must not be empty");
		try {
			this.data.delete(null, id);
		}
		catch (RestError ex) {
			throw ex.toIllegalArgument();
		}
	}

	private static IllegalArgumentException undeclared(String type) {
		return new IllegalArgumentException("No type '" + type + "' is declared");
	}

}
