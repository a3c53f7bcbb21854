package io.github.salesforcejwt.test;

/**
 * Makes labels from API names, as an admin would type them: {@code BillingCity} is
 * {@code Billing City}, {@code Invoice_Line__c} is {@code Invoice Line}.
 */
final class Labels {

	private Labels() {
	}

	static String of(String apiName) {
		String name = apiName.endsWith("__c") ? apiName.substring(0, apiName.length() - 3) : apiName;
		int namespace = name.indexOf("__");
		if (namespace != -1) {
			name = name.substring(namespace + 2);
		}
		StringBuilder label = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '_') {
				label.append(' ');
			}
			else {
				if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1))) {
					label.append(' ');
				}
				label.append(c);
			}
		}
		return label.toString();
	}

	static String plural(String label) {
		if (label.endsWith("y") && !label.endsWith("ey")) {
			return label.substring(0, label.length() - 1) + "ies";
		}
		if (label.endsWith("s") || label.endsWith("x") || label.endsWith("ch") || label.endsWith("sh")) {
			return label + "es";
		}
		return label + "s";
	}

}
