package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An object type that a {@link FakeSalesforceOrg} holds records of, with its fields: the
 * ready-made {@link #ACCOUNT} and {@link #CONTACT}, or a custom object of a test's own.
 * Instances are immutable: each {@code with...} method returns a new type.
 * <pre class="code">
 * SObjectType invoice = SObjectType.custom("Invoice__c")
 *     .withExternalId("Number__c")
 *     .withField("Amount__c", FieldType.CURRENCY)
 *     .withRequiredField("Status__c", FieldType.PICKLIST)
 *     .withReference("Account__c", "Account");
 * FakeSalesforceOrg org = FakeSalesforceOrg.builder().sObjectTypes(invoice).start();
 * </pre> Every type has the system fields {@code Id}, {@code IsDeleted},
 * {@code CreatedDate}, {@code LastModifiedDate} and {@code SystemModstamp}, which the org
 * sets and no request may. The org answers a field it does not know with Salesforce's
 * {@code INVALID_FIELD}, an object it does not know with {@code INVALID_TYPE} or
 * {@code NOT_FOUND}.
 *
 * @see FakeSalesforceOrg.Builder#sObjectTypes(SObjectType...)
 * @see FakeSalesforceOrg#declare(SObjectType...)
 */
public final class SObjectType {

	/**
	 * The standard Account object: {@code Name} (required), {@code AccountNumber},
	 * {@code Type}, {@code Industry}, {@code ParentId}, {@code Phone}, {@code Website},
	 * {@code BillingStreet}, {@code BillingCity}, {@code BillingState},
	 * {@code BillingPostalCode}, {@code BillingCountry}, {@code AnnualRevenue},
	 * {@code NumberOfEmployees}, {@code Description} and the system fields. Key prefix
	 * {@code 001}.
	 */
	public static final SObjectType ACCOUNT = new SObjectType("Account", "001", false,
			standardFields(SObjectField.required("Name", FieldType.STRING),
					SObjectField.of("AccountNumber", FieldType.STRING), SObjectField.of("Type", FieldType.PICKLIST),
					SObjectField.of("Industry", FieldType.PICKLIST), SObjectField.reference("ParentId", "Account"),
					SObjectField.of("Phone", FieldType.PHONE), SObjectField.of("Website", FieldType.URL),
					SObjectField.of("BillingStreet", FieldType.TEXTAREA),
					SObjectField.of("BillingCity", FieldType.STRING), SObjectField.of("BillingState", FieldType.STRING),
					SObjectField.of("BillingPostalCode", FieldType.STRING),
					SObjectField.of("BillingCountry", FieldType.STRING),
					SObjectField.of("AnnualRevenue", FieldType.CURRENCY),
					SObjectField.of("NumberOfEmployees", FieldType.INT),
					SObjectField.of("Description", FieldType.TEXTAREA)));

	/**
	 * The standard Contact object: {@code AccountId}, {@code FirstName},
	 * {@code LastName} (required), {@code Name} (read only: first and last name),
	 * {@code Title}, {@code Email}, {@code Phone}, {@code MobilePhone},
	 * {@code Department}, {@code MailingCity}, {@code MailingCountry},
	 * {@code Birthdate}, {@code Description} and the system fields. Key prefix
	 * {@code 003}.
	 */
	public static final SObjectType CONTACT = new SObjectType("Contact", "003", false,
			standardFields(SObjectField.reference("AccountId", "Account"),
					SObjectField.of("FirstName", FieldType.STRING), SObjectField.required("LastName", FieldType.STRING),
					SObjectField.readOnly("Name", FieldType.STRING), SObjectField.of("Title", FieldType.STRING),
					SObjectField.of("Email", FieldType.EMAIL), SObjectField.of("Phone", FieldType.PHONE),
					SObjectField.of("MobilePhone", FieldType.PHONE), SObjectField.of("Department", FieldType.STRING),
					SObjectField.of("MailingCity", FieldType.STRING),
					SObjectField.of("MailingCountry", FieldType.STRING), SObjectField.of("Birthdate", FieldType.DATE),
					SObjectField.of("Description", FieldType.TEXTAREA)));

	private static final List<String> SYSTEM_FIELDS = List.of("Id", "IsDeleted", "CreatedDate", "LastModifiedDate",
			"SystemModstamp");

	private final String name;

	private final @Nullable String keyPrefix;

	private final boolean custom;

	private final List<SObjectField> fields;

	private SObjectType(String name, @Nullable String keyPrefix, boolean custom, List<SObjectField> fields) {
		this.name = name;
		this.keyPrefix = keyPrefix;
		this.custom = custom;
		this.fields = Collections.unmodifiableList(fields);
	}

	private static List<SObjectField> standardFields(SObjectField... fields) {
		List<SObjectField> all = new ArrayList<>();
		all.add(SObjectField.readOnly("Id", FieldType.ID));
		all.add(SObjectField.readOnly("IsDeleted", FieldType.BOOLEAN));
		all.addAll(List.of(fields));
		all.add(SObjectField.readOnly("CreatedDate", FieldType.DATETIME));
		all.add(SObjectField.readOnly("LastModifiedDate", FieldType.DATETIME));
		all.add(SObjectField.readOnly("SystemModstamp", FieldType.DATETIME));
		return all;
	}

	/**
	 * Return a custom object with the system fields and an optional {@code Name}. The org
	 * gives it a key prefix of its own ({@code a00}, {@code a01}, ...) in the order the
	 * types are declared.
	 * @param name the API name, ending in {@code __c}, such as {@code Invoice__c}
	 * @return the type
	 */
	public static SObjectType custom(String name) {
		Assert.isTrue(name != null && isApiName(name) && name.endsWith("__c"),
				() -> "'name' must be the API name of a custom object, ending in __c, such as Invoice__c, not '" + name
						+ "'");
		return new SObjectType(name, null, true, standardFields(SObjectField.of("Name", FieldType.STRING)));
	}

	/**
	 * Return this type with one more optional text field, or with the field of that name
	 * made an optional text field.
	 * @param name the API name of the field, such as {@code Region__c}
	 * @return a new type
	 */
	public SObjectType withField(String name) {
		return withField(name, FieldType.STRING);
	}

	/**
	 * Return this type with one more optional field, or with the field of that name
	 * changed.
	 * @param name the API name of the field
	 * @param type the type of the field ({@link #withReference(String, String)} for a
	 * reference)
	 * @return a new type
	 */
	public SObjectType withField(String name, FieldType type) {
		Assert.notNull(type, "'type' must not be null");
		Assert.isTrue(type != FieldType.ID && type != FieldType.REFERENCE,
				"'type' must not be an id: use withReference(name, referenceTo) for a reference");
		return with(SObjectField.of(name, type));
	}

	/**
	 * Return this type with one more required field: creating a record without it, or
	 * setting it to {@code null}, is answered {@code REQUIRED_FIELD_MISSING}.
	 * @param name the API name of the field
	 * @param type the type of the field
	 * @return a new type
	 */
	public SObjectType withRequiredField(String name, FieldType type) {
		Assert.notNull(type, "'type' must not be null");
		Assert.isTrue(type != FieldType.ID && type != FieldType.REFERENCE && type != FieldType.BOOLEAN,
				"'type' must be neither an id nor a boolean");
		return with(SObjectField.required(name, type));
	}

	/**
	 * Return this type with one more text field that is an external id: records can be
	 * upserted by it ({@code PATCH /sobjects/<type>/<field>/<value>}).
	 * @param name the API name of the field, such as {@code Number__c}
	 * @return a new type
	 */
	public SObjectType withExternalId(String name) {
		return with(SObjectField.externalId(name));
	}

	/**
	 * Return this type with one more reference (lookup) field: its value must be the id of
	 * a record of the given type, which must exist.
	 * @param name the API name of the field, such as {@code Account__c}
	 * @param referenceTo the name of the type it refers to, such as {@code Account}
	 * @return a new type
	 */
	public SObjectType withReference(String name, String referenceTo) {
		Assert.isTrue(referenceTo != null && isApiName(referenceTo), "'referenceTo' must be an object's API name");
		return with(SObjectField.reference(name, referenceTo));
	}

	private SObjectType with(SObjectField field) {
		Assert.isTrue(field.name() != null && isApiName(field.name()),
				() -> "'name' must be a field's API name, not '" + field.name() + "'");
		Assert.isTrue(SYSTEM_FIELDS.stream().noneMatch(field.name()::equalsIgnoreCase),
				() -> "'" + field.name() + "' is a system field, which the org sets");
		List<SObjectField> fields = new ArrayList<>(this.fields);
		int existing = indexOf(field.name());
		if (existing != -1) {
			fields.set(existing, field);
		}
		else {
			// before CreatedDate, LastModifiedDate and SystemModstamp
			fields.add(fields.size() - 3, field);
		}
		return new SObjectType(this.name, this.keyPrefix, this.custom, fields);
	}

	private int indexOf(String fieldName) {
		for (int i = 0; i < this.fields.size(); i++) {
			if (this.fields.get(i).name().equalsIgnoreCase(fieldName)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Return the API name of the type, such as {@code Account} or {@code Invoice__c}.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the API names of the fields of the type, in the order {@code describe} lists
	 * them.
	 * @return the field names
	 */
	public List<String> fieldNames() {
		return this.fields.stream().map(SObjectField::name).toList();
	}

	@Nullable String keyPrefix() {
		return this.keyPrefix;
	}

	boolean custom() {
		return this.custom;
	}

	List<SObjectField> fields() {
		return this.fields;
	}

	/**
	 * Return the field of the given name, in any case, as Salesforce matches field names.
	 * @param fieldName the name
	 * @return the field, or {@code null} if the type has no such field
	 */
	@Nullable SObjectField field(String fieldName) {
		int index = indexOf(fieldName);
		return (index != -1) ? this.fields.get(index) : null;
	}

	/**
	 * Return whether {@code Name} is computed from {@code FirstName} and
	 * {@code LastName}, as it is for a Contact.
	 * @return whether the name is a compound of first and last name
	 */
	boolean hasCompoundName() {
		return this.name.equals("Contact");
	}

	String label() {
		return Labels.of(this.name);
	}

	static boolean isApiName(String name) {
		if (name.isEmpty() || !Character.isLetter(name.charAt(0)) || name.endsWith("_") && !name.endsWith("__c")) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "SObjectType[" + this.name + ": " + String.join(", ", fieldNames()) + "]";
	}

	/**
	 * Return the key of a type name in maps that find names in any case.
	 * @param name the name
	 * @return the key
	 */
	static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
