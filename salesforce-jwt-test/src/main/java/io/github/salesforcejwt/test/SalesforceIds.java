package io.github.salesforcejwt.test;

import org.springframework.util.Assert;

/**
 * Builds Salesforce record ids: 15 case-sensitive characters followed by the 3-character
 * case-insensitive suffix.
 */
final class SalesforceIds {

	private static final String SUFFIX_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

	private SalesforceIds() {
	}

	/**
	 * Return the 18-character form of the given 15-character id.
	 * @param id15 the case-sensitive id
	 * @return the id followed by its checksum suffix
	 */
	static String toCaseSafe(String id15) {
		Assert.isTrue(id15.length() == 15, "Id must have 15 characters");
		StringBuilder id = new StringBuilder(id15);
		for (int chunk = 0; chunk < 3; chunk++) {
			int flags = 0;
			for (int i = 0; i < 5; i++) {
				char c = id15.charAt(chunk * 5 + i);
				if (c >= 'A' && c <= 'Z') {
					flags |= 1 << i;
				}
			}
			id.append(SUFFIX_CHARACTERS.charAt(flags));
		}
		return id.toString();
	}

	/**
	 * Return an 18-character id made of a key prefix, a pod marker and a number.
	 * @param keyPrefix the 3-character key prefix of the object ({@code 001} for Account)
	 * @param number the sequence number
	 * @return the id
	 */
	static String of(String keyPrefix, long number) {
		Assert.isTrue(keyPrefix.length() == 3, "Key prefix must have 3 characters");
		return toCaseSafe(keyPrefix + "Fk" + String.format("%010d", number));
	}

	/**
	 * Return whether a string has the form of a record id: 15 letters and digits, or 18
	 * whose last 3 are the checksum of the first 15.
	 * @param value the string
	 * @return whether it is a well-formed id
	 */
	static boolean isValid(String value) {
		if (value.length() != 15 && value.length() != 18) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
				return false;
			}
		}
		return value.length() == 15
				|| toCaseSafe(value.substring(0, 15)).substring(15).equalsIgnoreCase(value.substring(15));
	}

	/**
	 * Return whether two ids name the same record: their first 15 characters are equal.
	 * @param id an id, 15 or 18 characters long
	 * @param other another id
	 * @return whether both are well-formed and name the same record
	 */
	static boolean same(String id, String other) {
		return isValid(id) && isValid(other) && id.substring(0, 15).equals(other.substring(0, 15));
	}

}
