package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import org.jspecify.annotations.Nullable;

/**
 * The sObject collections of the REST API of a fake org, {@code /composite/sobjects}:
 * create, update and delete records of any types, retrieve
 * ({@code /composite/sobjects/<type>}) and upsert
 * ({@code /composite/sobjects/<type>/<externalIdField>}) records of one type, up to
 * {@value #MAX_COLLECTION_SIZE} a request.
 */
final class SObjectCollections {

	/**
	 * The most records a request to {@code /composite/sobjects} may carry.
	 */
	static final int MAX_COLLECTION_SIZE = 200;

	private final OrgData data;

	private final RecordSaves saves;

	SObjectCollections(OrgData data, RecordSaves saves) {
		this.data = data;
		this.saves = saves;
	}

	/**
	 * Answer a request under {@code /composite/sobjects}.
	 * @param request the request
	 * @param version the API version
	 * @param segments the path segments after {@code sobjects}
	 * @return the answer
	 */
	ResponseDefinitionBuilder answer(Request request, String version, List<String> segments) {
		RequestMethod method = request.getMethod();
		if (segments.isEmpty()) {
			Requests.allow(method, "POST", "PATCH", "DELETE");
			if (method.equals(RequestMethod.DELETE)) {
				String ids = Requests.parameter(request, "ids");
				List<String> idList = (ids != null) ? Arrays.asList(ids.split(",")) : List.of();
				checkSize(idList.size());
				return Responses.json(200,
						Save.all(allOrNone(Requests.parameter(request, "allOrNone")), idList, this.saves::delete));
			}
			Map<String, Object> body = Requests.jsonObject(request);
			List<Map<String, Object>> records = records(body.get("records"));
			boolean create = method.equals(RequestMethod.POST);
			return Responses.json(200, Save.all(Boolean.TRUE.equals(body.get("allOrNone")), records,
					(record) -> create ? create(record) : update(record)));
		}
		SObjectType type = this.data.declaredType(segments.get(0));
		if (segments.size() == 1) {
			return retrieve(request, version, type);
		}
		SObjectField field = type.field(segments.get(1));
		if (segments.size() != 2 || field == null || !field.externalId()) {
			throw new RestError(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: "
					+ String.join("/", segments.subList(1, segments.size())));
		}
		Requests.allow(method, "PATCH");
		Map<String, Object> body = Requests.jsonObject(request);
		return Responses.json(200, Save.all(Boolean.TRUE.equals(body.get("allOrNone")), records(body.get("records")),
				(record) -> upsert(type, field, record)));
	}

	private ResponseDefinitionBuilder retrieve(Request request, String version, SObjectType type) {
		RequestMethod method = request.getMethod();
		Requests.allow(method, "GET", "POST");
		Map<String, Object> body = method.equals(RequestMethod.POST) ? Requests.jsonObject(request) : Map.of();
		List<String> ids = method.equals(RequestMethod.POST) ? strings(body.get("ids"))
				: strings(Requests.parameter(request, "ids"));
		List<String> fields = Requests.fields(type,
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

	private Save create(Map<String, Object> record) {
		return this.saves.create(typeOf(record), record);
	}

	private Save update(Map<String, Object> record) {
		Object id = record.get("Id");
		if (!(id instanceof String idText) || !SalesforceIds.isValid(idText)) {
			throw RestError.badRequest("MISSING_ARGUMENT", "Id not specified in an update call", "Id");
		}
		return this.saves.update(typeOf(record), idText, record);
	}

	private Save upsert(SObjectType type, SObjectField field, Map<String, Object> record) {
		Object value = record.get(field.name());
		if (!(value instanceof String text) || text.isEmpty()) {
			throw RestError.badRequest("MISSING_ARGUMENT", field.name() + " not specified", field.name());
		}
		return this.saves.upsert(type, field, text, record);
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

}
