package io.github.salesforcejwt.test;

import org.jspecify.annotations.Nullable;

/**
 * A field of an {@link SObjectType}.
 *
 * @param name the API name, such as {@code Name} or {@code Amount__c}
 * @param type the type
 * @param required whether a record must have a value (not nillable, and no default)
 * @param writable whether create and update may set it (system and computed fields may
 * not)
 * @param externalId whether it is an external id, usable to upsert
 * @param referenceTo the object a {@link FieldType#REFERENCE} field refers to
 */
record SObjectField(String name, FieldType type, boolean required, boolean writable, boolean externalId,
		@Nullable String referenceTo) {

	static SObjectField of(String name, FieldType type) {
		return new SObjectField(name, type, false, true, false, null);
	}

	static SObjectField readOnly(String name, FieldType type) {
		return new SObjectField(name, type, false, false, false, null);
	}

	static SObjectField required(String name, FieldType type) {
		return new SObjectField(name, type, true, true, false, null);
	}

	static SObjectField reference(String name, String referenceTo) {
		return new SObjectField(name, FieldType.REFERENCE, false, true, false, referenceTo);
	}

	static SObjectField externalId(String name) {
		return new SObjectField(name, FieldType.STRING, false, true, true, null);
	}

	boolean custom() {
		return this.name.endsWith("__c");
	}

	/**
	 * Return the label of the field: its name without {@code __c}, words apart, and
	 * {@code ID} for a reference (as in {@code Account ID}).
	 * @return the label
	 */
	String label() {
		if (this.type == FieldType.REFERENCE && !custom() && this.name.endsWith("Id")) {
			return Labels.of(this.name.substring(0, this.name.length() - 2)) + " ID";
		}
		return Labels.of(this.name);
	}

}
