package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The describe documents of a fake org's declared types: describe global
 * ({@code /sobjects}), an object's basic information ({@code /sobjects/<type>}) and its
 * describe ({@code /sobjects/<type>/describe}), with the properties Salesforce documents
 * that clients read.
 */
final class Describe {

	private Describe() {
	}

	static Map<String, Object> global(String version, OrgData data) {
		List<Map<String, Object>> sObjects = new ArrayList<>();
		for (SObjectType type : data.types()) {
			sObjects.add(summary(version, type, data));
		}
		Map<String, Object> global = new LinkedHashMap<>();
		global.put("encoding", "UTF-8");
		global.put("maxBatchSize", SObjectCollections.MAX_COLLECTION_SIZE);
		global.put("sobjects", sObjects);
		return global;
	}

	static Map<String, Object> basic(String version, SObjectType type, OrgData data) {
		Map<String, Object> basic = new LinkedHashMap<>();
		basic.put("objectDescribe", summary(version, type, data));
		basic.put("recentItems", List.of());
		return basic;
	}

	static Map<String, Object> sObject(String version, SObjectType type, OrgData data) {
		Map<String, Object> describe = summary(version, type, data);
		List<Map<String, Object>> fields = new ArrayList<>();
		for (SObjectField field : type.fields()) {
			fields.add(field(field));
		}
		describe.put("fields", fields);
		describe.put("childRelationships", List.of());
		describe.put("recordTypeInfos", List.of());
		return describe;
	}

	private static Map<String, Object> summary(String version, SObjectType type, OrgData data) {
		String url = "/services/data/v" + version + "/sobjects/" + type.name();
		Map<String, String> urls = new LinkedHashMap<>();
		urls.put("sobject", url);
		urls.put("describe", url + "/describe");
		urls.put("rowTemplate", url + "/{ID}");
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("name", type.name());
		summary.put("label", type.label());
		summary.put("labelPlural", Labels.plural(type.label()));
		summary.put("keyPrefix", data.keyPrefix(type));
		summary.put("custom", type.custom());
		summary.put("createable", true);
		summary.put("updateable", true);
		summary.put("deletable", true);
		summary.put("undeletable", true);
		summary.put("queryable", true);
		summary.put("retrieveable", true);
		summary.put("searchable", true);
		summary.put("layoutable", true);
		summary.put("replicateable", true);
		summary.put("triggerable", true);
		summary.put("urls", urls);
		return summary;
	}

	private static Map<String, Object> field(SObjectField field) {
		boolean text = field.type().kind() == FieldType.Kind.TEXT;
		Map<String, Object> describe = new LinkedHashMap<>();
		describe.put("name", field.name());
		describe.put("label", field.label());
		describe.put("type", field.type().describeName());
		describe.put("soapType", field.type().soapType());
		describe.put("length", text ? ((field.type() == FieldType.TEXTAREA) ? 32000 : 255) : 0);
		describe.put("custom", field.custom());
		describe.put("nillable", !field.required() && field.type() != FieldType.BOOLEAN && !field.name().equals("Id"));
		describe.put("createable", field.writable());
		describe.put("updateable", field.writable());
		describe.put("defaultedOnCreate", field.type() == FieldType.BOOLEAN || !field.writable());
		describe.put("calculated", false);
		describe.put("externalId", field.externalId());
		describe.put("idLookup", field.externalId() || field.type() == FieldType.ID);
		describe.put("unique", field.externalId());
		describe.put("filterable", true);
		describe.put("sortable", field.type() != FieldType.TEXTAREA);
		describe.put("referenceTo", (field.referenceTo() != null) ? List.of(field.referenceTo()) : List.of());
		describe.put("relationshipName", relationshipName(field));
		describe.put("picklistValues", List.of());
		return describe;
	}

	private static @Nullable Object relationshipName(SObjectField field) {
		if (field.referenceTo() == null) {
			return null;
		}
		String name = field.name();
		if (name.endsWith("__c")) {
			return name.substring(0, name.length() - 3) + "__r";
		}
		return name.endsWith("Id") ? name.substring(0, name.length() - 2) : name;
	}

}
