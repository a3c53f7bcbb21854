package io.github.salesforcejwt.test;

/**
 * The type of a field of an {@link SObjectType}, as {@code describe} names it. It decides
 * which JSON values the field takes and how SOQL compares it: text types compare without
 * regard to case, ids by their first 15 characters.
 *
 * @see SObjectType#withField(String, FieldType)
 */
public enum FieldType {

	/**
	 * The record id ({@code Id}).
	 */
	ID("id", "tns:ID", Kind.ID),

	/**
	 * The id of another record (a lookup), such as {@code Contact.AccountId}.
	 */
	REFERENCE("reference", "tns:ID", Kind.ID),

	/**
	 * Text of up to 255 characters.
	 */
	STRING("string", "xsd:string", Kind.TEXT),

	/**
	 * Long text.
	 */
	TEXTAREA("textarea", "xsd:string", Kind.TEXT),

	/**
	 * An email address, held as text.
	 */
	EMAIL("email", "xsd:string", Kind.TEXT),

	/**
	 * A phone number, held as text.
	 */
	PHONE("phone", "xsd:string", Kind.TEXT),

	/**
	 * A URL, held as text.
	 */
	URL("url", "xsd:string", Kind.TEXT),

	/**
	 * A picklist value, held as text (values are not restricted).
	 */
	PICKLIST("picklist", "xsd:string", Kind.TEXT),

	/**
	 * {@code true} or {@code false}.
	 */
	BOOLEAN("boolean", "xsd:boolean", Kind.BOOLEAN),

	/**
	 * A whole number.
	 */
	INT("int", "xsd:int", Kind.NUMBER),

	/**
	 * A number.
	 */
	DOUBLE("double", "xsd:double", Kind.NUMBER),

	/**
	 * An amount of money.
	 */
	CURRENCY("currency", "xsd:double", Kind.NUMBER),

	/**
	 * A date, {@code 2026-01-31} in JSON.
	 */
	DATE("date", "xsd:date", Kind.DATE),

	/**
	 * An instant, {@code 2026-01-31T12:00:00.000+0000} in JSON.
	 */
	DATETIME("datetime", "xsd:dateTime", Kind.DATE);

	private final String describeName;

	private final String soapType;

	private final Kind kind;

	FieldType(String describeName, String soapType, Kind kind) {
		this.describeName = describeName;
		this.soapType = soapType;
		this.kind = kind;
	}

	/**
	 * Return the name of the type in {@code describe}, such as {@code string}.
	 * @return the name
	 */
	String describeName() {
		return this.describeName;
	}

	String soapType() {
		return this.soapType;
	}

	Kind kind() {
		return this.kind;
	}

	/**
	 * How values of a field type are held and compared.
	 */
	enum Kind {

		/**
		 * A record id, compared by its first 15 characters.
		 */
		ID,

		/**
		 * A string, compared without regard to case.
		 */
		TEXT,

		/**
		 * A boolean.
		 */
		BOOLEAN,

		/**
		 * A number.
		 */
		NUMBER,

		/**
		 * A date or an instant, held as text in Salesforce's format.
		 */
		DATE

	}

}
