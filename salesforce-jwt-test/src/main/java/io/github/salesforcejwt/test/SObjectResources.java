package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import org.jspecify.annotations.Nullable;

/**
 * The record resources of the REST API of a fake org: {@code /sobjects} (describe
 * global), {@code /sobjects/<type>} (basic information, create),
 * {@code /sobjects/<type>/describe}, {@code /sobjects/<type>/<id>} (retrieve, update,
 * delete), {@code /sobjects/<type>/<externalIdField>/<value>} (retrieve, upsert, delete)
 * and the sObject collections of {@code /composite/sobjects}.
 */
final class SObjectResources {

	/**
	 * The most records a request to {@code /composite/sobjects} may carry.
	 */
	static final int MAX_COLLECTION_SIZE = 200;

	private final OrgData data;

	SObjectResources(OrgData data) {
		this.data = data;
	}

	/**
	 * Answer a request under {@code /sobjects}.
	 * @param request the request
	 * @param version the API version
	 * @param segments the path segments after {@code sobjects}
	 * @return the answer
	 */
	ResponseDefinitionBuilder sObjects(Request request, String version, List<String> segments) {
		RequestMethod method = request.getMethod();
		if (segments.isEmpty()) {
			allow(method, "GET");
			return Responses.json(200, Describe.global(version, this.data));
		}
		SObjectType type = type(segments.get(0));
		if (segments.size() == 1) {
			allow(method, "GET", "POST");
			if (method.equals(RequestMethod.GET)) {
				return Responses.json(200, Describe.basic(version, type, this.data));
			}
			Map<String, Object> record = this.data.create(type.name(), Requests.jsonObject(request));
			return Responses.json(201, Responses.saveResult((String) record.get("Id")));
		}
		if (segments.size() == 2 && segments.get(1).equals("describe")) {
			allow(method, "GET");
			return Responses.json(200, Describe.sObject(version, type, this.data));
		}
		if (segments.size() == 2 && SalesforceIds.isValid(segments.get(1))) {
			return record(request, version, type, segments.get(1));
		}
		SObjectField field = type.field(segments.get(1));
		if (field == null || !field.externalId() && field.type() != FieldType.ID || segments.size() != 3) {
			throw new RestError(404, "NOT_FOUND",
					"Provided external ID field does not exist or is not accessible: " + segments.get(1));
		}
		return byExternalId(request, version, type, field, segments.get(2));
	}

	private ResponseDefinitionBuilder record(Request request, String version, SObjectType type, String id) {
		RequestMethod method = request.getMethod();
		allow(method, "GET", "PATCH", "DELETE");
		if (method.equals(RequestMethod.GET)) {
			return Responses.json(200, Responses.record(version, type, this.data.retrieve(type.name(), id),
					fields(type, Requests.parameter(request, "fields"))));
		}
		if (method.equals(RequestMethod.PATCH)) {
			this.data.store(type.name(), this.data.prepareUpdate(type.name(), id, Requests.jsonObject(request)));
		}
		else {
			this.data.delete(type.name(), id);
		}
		return ResponseDefinitionBuilder.responseDefinition().withStatus(204);
	}

	private ResponseDefinitionBuilder byExternalId(Request request, String version, SObjectType type,
			SObjectField field, String value) {
		RequestMethod method = request.getMethod();
		allow(method, "GET", "PATCH", "DELETE");
		if (method.equals(RequestMethod.PATCH)) {
			Map<String, Object> result = upsert(type, field, value, Requests.jsonObject(request)).action()
				.get();
			return Responses.json(Boolean.TRUE.equals(result.get("created")) ? 201 : 200, result);
		}
		List<Map<String, Object>> matches = this.data.findBy(type.name(), field, value);
		if (matches.isEmpty()) {
			throw RestError.notFound();
		}
		Map<String, Object> record = matches.get(0);
		if (method.equals(RequestMethod.GET)) {
			return Responses.json(200, Responses.record(version, type, record, fields(type, null)));
		}
		this.data.delete(type.name(), (String) record.get("Id"));
		return ResponseDefinitionBuilder.responseDefinition().withStatus(204);
	}

	/**
	 * Check an upsert: of the record whose field has the value, or of a new one with that
	 * value.
	 * @return the upsert, whose result has {@code created}
	 */
	private Save upsert(SObjectType type, SObjectField field, String value, Map<String, Object> values) {
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

	/**
	 * Answer a request under {@code /composite/sobjects}.
	 * @param request the request
	 * @param version the API version
	 * @param segments the path segments after {@code sobjects}
	 * @return the answer
	 */
	ResponseDefinitionBuilder collections(Request request, String version, List<String> segments) {
		RequestMethod method = request.getMethod();
		if (segments.isEmpty()) {
			allow(method, "POST", "PATCH", "DELETE");
			if (method.equals(RequestMethod.DELETE)) {
				String ids = Requests.parameter(request, "ids");
				List<String> idList = (ids != null) ? Arrays.asList(ids.split(",")) : List.of();
				checkSize(idList.size());
				return Responses.json(200, save(allOrNone(Requests.parameter(request, "allOrNone")), idList,
						this::collectionDelete));
			}
			Map<String, Object> body = Requests.jsonObject(request);
			List<Map<String, Object>> records = records(body.get("records"));
			boolean create = method.equals(RequestMethod.POST);
			return Responses.json(200, save(Boolean.TRUE.equals(body.get("allOrNone")), records,
					(record) -> create ? collectionCreate(record) : collectionUpdate(record)));
		}
		SObjectType type = type(segments.get(0));
		if (segments.size() == 1) {
			allow(method, "GET", "POST");
			Map<String, Object> body = method.equals(RequestMethod.POST) ? Requests.jsonObject(request) : Map.of();
			List<String> ids = method.equals(RequestMethod.POST) ? strings(body.get("ids"))
					: strings(Requests.parameter(request, "ids"));
			List<String> fields = fields(type,
					method.equals(RequestMethod.POST) ? String.join(",", strings(body.get("fields")))
							: Requests.parameter(request, "fields"));
			checkSize(ids.size());
			List<@Nullable Object> found = new ArrayList<>();
			for (String id : ids) {
				Map<String, Object> record = null;
				try {
					record = this.data.retrieve(type.name(), id);
				}
				catch (RestError ex) {
					// Salesforce answers null for an id it does not find
				}
				found.add((record != null) ? Responses.record(version, type, record, fields) : null);
			}
			return Responses.json(200, found);
		}
		SObjectField field = type.field(segments.get(1));
		if (segments.size() != 2 || field == null || !field.externalId()) {
			throw new RestError(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: "
					+ String.join("/", segments.subList(1, segments.size())));
		}
		allow(method, "PATCH");
		Map<String, Object> body = Requests.jsonObject(request);
		return Responses.json(200, save(Boolean.TRUE.equals(body.get("allOrNone")), records(body.get("records")),
				(record) -> collectionUpsert(type, field, record)));
	}

	private Save collectionCreate(Map<String, Object> record) {
		String typeName = typeOf(record);
		Map<String, Object> prepared = this.data.prepareCreate(typeName, record);
		return new Save(null, () -> Responses.saveResult((String) this.data.store(typeName, prepared).get("Id")));
	}

	private Save collectionUpdate(Map<String, Object> record) {
		Object id = record.get("Id");
		if (!(id instanceof String idText) || !SalesforceIds.isValid(idText)) {
			throw RestError.badRequest("MISSING_ARGUMENT", "Id not specified in an update call", "Id");
		}
		String typeName = typeOf(record);
		Map<String, Object> prepared = this.data.prepareUpdate(typeName, idText, record);
		return new Save(idText, () -> Responses.saveResult((String) this.data.store(typeName, prepared).get("Id")));
	}

	private Save collectionDelete(String id) {
		this.data.checkDeletable(id);
		return new Save(id, () -> {
			this.data.delete(null, id);
			return Responses.saveResult(id);
		});
	}

	private Save collectionUpsert(SObjectType type, SObjectField field, Map<String, Object> record) {
		Object value = record.get(field.name());
		if (!(value instanceof String text) || text.isEmpty()) {
			throw RestError.badRequest("MISSING_ARGUMENT", field.name() + " not specified", field.name());
		}
		return upsert(type, field, text, record);
	}

	private String typeOf(Map<String, Object> record) {
		Object attributes = record.get("attributes");
		Object typeName = (attributes instanceof Map<?, ?> map) ? map.get("type") : null;
		if (!(typeName instanceof String name)) {
			throw RestError.badRequest("INVALID_TYPE", "Must send a concrete entity type.");
		}
		if (this.data.type(name) == null) {
			throw RestError.badRequest("INVALID_TYPE", "sObject type '" + name + "' is not supported.");
		}
		return name;
	}

	/**
	 * Save the elements of a collection request in order. Without {@code allOrNone},
	 * each is checked and saved before the next; with it, all are checked first and, if
	 * one fails, none is saved.
	 */
	private <T> List<Map<String, Object>> save(boolean allOrNone, List<T> elements, Function<T, Save> prepare) {
		List<Map<String, Object>> results = new ArrayList<>();
		if (!allOrNone) {
			for (T element : elements) {
				try {
					results.add(prepare.apply(element).apply());
				}
				catch (RestError ex) {
					results.add(failure(null, ex));
				}
			}
			return results;
		}
		List<@Nullable Save> saves = new ArrayList<>();
		List<@Nullable RestError> errors = new ArrayList<>();
		for (T element : elements) {
			try {
				saves.add(prepare.apply(element));
				errors.add(null);
			}
			catch (RestError ex) {
				saves.add(null);
				errors.add(ex);
			}
		}
		boolean failed = errors.stream().anyMatch(Objects::nonNull);
		for (int i = 0; i < saves.size(); i++) {
			RestError error = errors.get(i);
			if (error != null) {
				results.add(failure(null, error));
			}
			else if (failed) {
				results.add(failure(saves.get(i).id(), new RestError(400, "ALL_OR_NONE_OPERATION_ROLLED_BACK",
						"Record rolled back because not all records were valid and the request was using AllOrNone "
								+ "header")));
			}
			else {
				results.add(saves.get(i).apply());
			}
		}
		return results;
	}

	private static Map<String, Object> failure(@Nullable String id, RestError error) {
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("statusCode", error.errorCode());
		detail.put("message", error.getMessage());
		detail.put("fields", error.fields());
		Map<String, Object> result = new LinkedHashMap<>();
		if (id != null) {
			result.put("id", id);
		}
		result.put("success", false);
		result.put("errors", List.of(detail));
		return result;
	}

	private SObjectType type(String name) {
		SObjectType type = this.data.type(name);
		if (type == null) {
			throw RestError.notFound();
		}
		return type;
	}

	private static List<String> fields(SObjectType type, @Nullable String fieldList) {
		if (fieldList == null || fieldList.isBlank()) {
			return type.fieldNames();
		}
		List<String> fields = new ArrayList<>();
		for (String name : fieldList.split(",")) {
			SObjectField field = type.field(name.trim());
			if (field == null) {
				throw RestError.badRequest("INVALID_FIELD", "No such column '" + name.trim() + "' on entity '"
						+ type.name() + "'. If you are attempting to use a custom field, be sure to append the '__c' "
						+ "after the custom field name. Please reference your WSDL or the describe call for the "
						+ "appropriate names.");
			}
			fields.add(field.name());
		}
		return fields;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> records(@Nullable Object records) {
		if (!(records instanceof List<?> list) || list.stream().anyMatch((record) -> !(record instanceof Map))) {
			throw RestError.badRequest("JSON_PARSER_ERROR", "The request body must have a list of records: "
					+ "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Account\"},...}]}");
		}
		checkSize(list.size());
		return (List<Map<String, Object>>) list;
	}

	private static List<String> strings(@Nullable Object value) {
		if (value instanceof String text) {
			return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
		}
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	private static void checkSize(int size) {
		if (size > MAX_COLLECTION_SIZE) {
			throw RestError.badRequest("EXCEEDED_ID_LIMIT",
					"record limit reached. cannot submit more than " + MAX_COLLECTION_SIZE + " records into this call");
		}
	}

	private static boolean allOrNone(@Nullable String parameter) {
		return "true".equalsIgnoreCase(parameter);
	}

	/**
	 * Refuse a method a resource does not allow, as Salesforce does.
	 * @param method the method of the request
	 * @param allowed the methods the resource allows (besides {@code HEAD})
	 */
	static void allow(RequestMethod method, String... allowed) {
		if (!Arrays.asList(allowed).contains(method.getName())) {
			throw new RestError(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method.getName()
					+ "' not allowed. Allowed are HEAD," + String.join(",", allowed));
		}
	}

	/**
	 * A save of one record, checked and ready to apply.
	 *
	 * @param id the id of the record, or {@code null} for a new one
	 * @param action stores the record and returns the save result
	 */
	private record Save(@Nullable String id, Supplier<Map<String, Object>> action) {

		/**
		 * Store the record.
		 * @return the save result, or the failure if storing it failed
		 */
		Map<String, Object> apply() {
			try {
				return this.action.get();
			}
			catch (RestError ex) {
				return failure(this.id, ex);
			}
		}

	}

}
