package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * The REST API of a fake org, under {@code /services/data}. Every request needs the access
 * token of a live session; the API answers 401 {@code INVALID_SESSION_ID} otherwise.
 */
final class RestApi extends OrgEndpoint {

	static final String NAME = "salesforce-rest-api";

	static final int DAILY_API_LIMIT = 15000;

	static final List<String> API_VERSIONS = List.of("64.0", "65.0", "66.0", "67.0", "68.0");

	private static final Pattern VERSIONED_PATH = Pattern.compile("/services/data/v(\\d+\\.\\d+)(/.*)?");

	private static final Pattern ACCOUNT_PATH = Pattern.compile("/sobjects/Account/?([A-Za-z0-9]{15,18})?/?");

	private static final Pattern SOQL = Pattern
		.compile("(?is)\\s*SELECT\\s+(.+?)\\s+FROM\\s+([A-Za-z_][A-Za-z0-9_]*)\\b(.*)");

	private static final Pattern WHERE = Pattern.compile("(?is)\\s*WHERE\\s+(Id|Name)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'.*");

	private static final Pattern LIMIT = Pattern.compile("(?is).*\\bLIMIT\\s+(\\d+)\\s*");

	RestApi(OrgState state) {
		super(NAME, state);
	}

	@Override
	ResponseDefinition answer(Request request) {
		String token = Requests.bearerToken(request);
		if (token == null || !state().isLive(token)) {
			return Responses
				.apiError(401, "INVALID_SESSION_ID", "Session expired or invalid")
				.withHeader("WWW-Authenticate", "Token")
				.build();
		}
		int apiCalls = state().recordApiCall();
		return handle(request)
			.withHeader("Sforce-Limit-Info", "api-usage=" + apiCalls + "/" + DAILY_API_LIMIT)
			.build();
	}

	private ResponseDefinitionBuilder handle(Request request) {
		String path = Requests.path(request);
		RequestMethod method = request.getMethod();
		if ((path.equals("/services/data") || path.equals("/services/data/")) && method.equals(RequestMethod.GET)) {
			return versions();
		}
		Matcher versioned = VERSIONED_PATH.matcher(path);
		if (versioned.matches()) {
			String version = versioned.group(1);
			String resource = (versioned.group(2) != null) ? versioned.group(2) : "/";
			if ((resource.equals("/query") || resource.equals("/query/")) && method.equals(RequestMethod.GET)) {
				return query(version, request.queryParameter("q"));
			}
			Matcher account = ACCOUNT_PATH.matcher(resource);
			if (account.matches()) {
				String id = account.group(1);
				if (id == null && method.equals(RequestMethod.POST)) {
					return createAccount(request.getBodyAsString());
				}
				if (id != null && method.equals(RequestMethod.GET)) {
					return getAccount(version, id);
				}
			}
		}
		return notFound();
	}

	private ResponseDefinitionBuilder versions() {
		List<Map<String, Object>> versions = new ArrayList<>();
		for (String version : API_VERSIONS) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("version", version);
			entry.put("url", "/services/data/v" + version);
			versions.add(entry);
		}
		return Responses.json(200, versions);
	}

	private ResponseDefinitionBuilder query(String version, QueryParameter q) {
		if (!q.isPresent() || q.firstValue().isBlank()) {
			return Responses.apiError(400, "MALFORMED_QUERY", "A query string has to be specified");
		}
		String soql = q.firstValue();
		Matcher matcher = SOQL.matcher(soql);
		if (!matcher.matches() || !matcher.group(2).equalsIgnoreCase("Account")) {
			return Responses.apiError(400, "MALFORMED_QUERY", "unexpected token: '" + soql.trim()
					+ "'. The fake Salesforce org only answers SELECT ... FROM Account");
		}
		List<String> fields = new ArrayList<>();
		for (String field : matcher.group(1).split(",")) {
			String name = field.trim();
			if (!name.equalsIgnoreCase("Id") && !name.equalsIgnoreCase("Name")) {
				return Responses.apiError(400, "INVALID_FIELD",
						"No such column '" + name + "' on entity 'Account'. The fake Salesforce org only knows Id and Name.");
			}
			fields.add(name.equalsIgnoreCase("Id") ? "Id" : "Name");
		}
		String clauses = matcher.group(3);
		Predicate<Account> filter = filter(clauses);
		int limit = limit(clauses);
		List<Map<String, Object>> records = new ArrayList<>();
		for (Account account : state().accounts()) {
			if (records.size() < limit && filter.test(account)) {
				records.add(toRecord(version, account, fields));
			}
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("totalSize", records.size());
		body.put("done", true);
		body.put("records", records);
		return Responses.json(200, body);
	}

	private Predicate<Account> filter(String clauses) {
		Matcher where = WHERE.matcher(clauses);
		if (!where.matches()) {
			return (account) -> true;
		}
		String value = where.group(2).replace("\\'", "'").replace("\\\\", "\\");
		if (where.group(1).equalsIgnoreCase("Id")) {
			return (account) -> account.id().equals(value) || account.id().substring(0, 15).equals(value);
		}
		return (account) -> account.name().equalsIgnoreCase(value);
	}

	private int limit(String clauses) {
		Matcher limit = LIMIT.matcher(clauses);
		if (!limit.matches()) {
			return Integer.MAX_VALUE;
		}
		try {
			return Integer.parseInt(limit.group(1));
		}
		catch (NumberFormatException ex) {
			return Integer.MAX_VALUE;
		}
	}

	private Map<String, Object> toRecord(String version, Account account, List<String> fields) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("type", "Account");
		attributes.put("url", "/services/data/v" + version + "/sobjects/Account/" + account.id());
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("attributes", attributes);
		for (String field : fields) {
			record.put(field, field.equals("Id") ? account.id() : account.name());
		}
		return record;
	}

	private ResponseDefinitionBuilder getAccount(String version, String id) {
		for (Account account : state().accounts()) {
			if (account.id().equals(id) || account.id().substring(0, 15).equals(id)) {
				return Responses.json(200, toRecord(version, account, List.of("Id", "Name")));
			}
		}
		return notFound();
	}

	private ResponseDefinitionBuilder createAccount(String body) {
		JsonNode json;
		try {
			json = Json.node(body);
		}
		catch (RuntimeException ex) {
			return Responses.apiError(400, "JSON_PARSER_ERROR", "The request body is not valid JSON");
		}
		JsonNode name = (json != null && json.isObject()) ? json.get("Name") : null;
		if (name == null || !name.isTextual() || name.asText().isBlank()) {
			return Responses.apiError(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", "Name");
		}
		Account account = state().createAccount(name.asText());
		Map<String, Object> created = new LinkedHashMap<>();
		created.put("id", account.id());
		created.put("success", true);
		created.put("errors", List.of());
		return Responses.json(201, created);
	}

	private ResponseDefinitionBuilder notFound() {
		return Responses.apiError(404, "NOT_FOUND", "The requested resource does not exist");
	}

}
