package io.github.salesforcejwt.test;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;

/**
 * The record resources of the REST API of a fake org: {@code /sobjects} (describe
 * global), {@code /sobjects/<type>} (basic information, create),
 * {@code /sobjects/<type>/describe}, {@code /sobjects/<type>/<id>} (retrieve, update,
 * delete) and {@code /sobjects/<type>/<externalIdField>/<value>} (retrieve, upsert,
 * delete). The sObject collections are {@link SObjectCollections}.
 */
final class SObjectResources {

	private final OrgData data;

	private final RecordSaves saves;

	SObjectResources(OrgData data, RecordSaves saves) {
		this.data = data;
		this.saves = saves;
	}

	/**
	 * Answer a request under {@code /sobjects}.
	 * @param request the request
	 * @param version the API version
	 * @param segments the path segments after {@code sobjects}
	 * @return the answer
	 */
	ResponseDefinitionBuilder answer(Request request, String version, List<String> segments) {
		RequestMethod method = request.getMethod();
		if (segments.isEmpty()) {
			Requests.allow(method, "GET");
			return Responses.json(200, Describe.global(version, this.data));
		}
		SObjectType type = this.data.declaredType(segments.get(0));
		if (segments.size() == 1) {
			Requests.allow(method, "GET", "POST");
			if (method.equals(RequestMethod.GET)) {
				return Responses.json(200, Describe.basic(version, type, this.data));
			}
			Map<String, Object> record = this.data.create(type.name(), Requests.jsonObject(request));
			return Responses.json(201, Responses.saveResult((String) record.get("Id")));
		}
		if (segments.size() == 2 && segments.get(1).equals("describe")) {
			Requests.allow(method, "GET");
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
		Requests.allow(method, "GET", "PATCH", "DELETE");
		if (method.equals(RequestMethod.GET)) {
			return Responses.json(200, Responses.record(version, type, this.data.retrieve(type.name(), id),
					Requests.fields(type, Requests.parameter(request, "fields"))));
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
		Requests.allow(method, "GET", "PATCH", "DELETE");
		if (method.equals(RequestMethod.PATCH)) {
			Map<String, Object> result = this.saves.upsert(type, field, value, Requests.jsonObject(request))
				.action()
				.get();
			return Responses.json(Boolean.TRUE.equals(result.get("created")) ? 201 : 200, result);
		}
		List<Map<String, Object>> matches = this.data.findBy(type.name(), field, value);
		if (matches.isEmpty()) {
			throw RestError.notFound();
		}
		Map<String, Object> record = matches.get(0);
		if (method.equals(RequestMethod.GET)) {
			return Responses.json(200, Responses.record(version, type, record, type.fieldNames()));
		}
		this.data.delete(type.name(), (String) record.get("Id"));
		return ResponseDefinitionBuilder.responseDefinition().withStatus(204);
	}

}
