package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * The REST API of a fake org, under {@code /services/data} on the instance. Every request
 * needs the access token of a live session; the API answers 401
 * {@code INVALID_SESSION_ID} otherwise, and 403 {@code REQUEST_LIMIT_EXCEEDED} once the
 * org's {@code DailyApiRequests} are used up. Answers carry
 * {@code Sforce-Limit-Info: api-usage=<used>/<max>}.
 */
final class RestApi extends OrgEndpoint {

	static final String NAME = "salesforce-rest-api";

	/**
	 * The paths the REST API answers, as a regular expression.
	 */
	static final String PATHS = "/services/data(/.*)?";

	/**
	 * The oldest API version the org answers.
	 */
	static final int OLDEST_VERSION = 31;

	/**
	 * The newest API version the org answers (Winter '27).
	 */
	static final int NEWEST_VERSION = 68;

	private final SObjectResources sObjects;

	private final SObjectCollections collections;

	private final QueryResource query;

	RestApi(OrgState state) {
		super(NAME, state);
		RecordSaves saves = new RecordSaves(state.data());
		this.sObjects = new SObjectResources(state.data(), saves);
		this.collections = new SObjectCollections(state.data(), saves);
		this.query = new QueryResource(state.data(), state.cursors());
	}

	@Override
	ResponseDefinition answer(Request request) {
		String token = Requests.bearerToken(request);
		OrgUser user = (token != null) ? state().sessions().user(token) : null;
		if (user == null) {
			return Responses.apiError(401, "INVALID_SESSION_ID", "Session expired or invalid")
				.withHeader("WWW-Authenticate", "Token")
				.build();
		}
		int usage = state().limits().tryApiCall();
		ResponseDefinitionBuilder response;
		if (usage == -1) {
			usage = state().limits().apiUsage();
			response = Responses.apiError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
		}
		else {
			try {
				response = handle(request, user);
			}
			catch (RestError ex) {
				response = Responses.apiError(ex);
			}
		}
		return response.withHeader("Sforce-Limit-Info", "api-usage=" + usage + "/" + state().limits().dailyApiMax()).build();
	}

	private ResponseDefinitionBuilder handle(Request request, OrgUser user) {
		List<String> segments = new ArrayList<>(Arrays.asList(Requests.path(request).split("/")));
		// "", "services", "data"
		segments.subList(0, Math.min(3, segments.size())).clear();
		if (segments.isEmpty()) {
			Requests.allow(request.getMethod(), "GET");
			return Responses.json(200, versions());
		}
		String version = version(segments.remove(0));
		if (segments.isEmpty()) {
			Requests.allow(request.getMethod(), "GET");
			return Responses.json(200, resources(version, user));
		}
		String resource = segments.remove(0);
		switch (resource) {
			case "sobjects":
				return this.sObjects.answer(request, version, segments);
			case "query":
			case "queryAll":
				return this.query.answer(request, user, version, resource.equals("queryAll"), segments);
			case "limits":
				Requests.allow(request.getMethod(), "GET");
				return Responses.json(200, state().limits().byName());
			case "composite":
				if (!segments.isEmpty() && segments.get(0).equals("sobjects")) {
					return this.collections.answer(request, version, segments.subList(1, segments.size()));
				}
				break;
			default:
				break;
		}
		throw new RestError(404, "NOT_FOUND", Responses
			.notImplemented(request.getMethod().getName() + " " + Requests.path(request) + " on the instance"));
	}

	/**
	 * Return the version of a path segment such as {@code v66.0}.
	 * @param segment the segment
	 * @return the version, such as {@code 66.0}
	 * @throws RestError {@code NOT_FOUND} if the org does not answer that version
	 */
	private static String version(String segment) {
		for (int version = OLDEST_VERSION; version <= NEWEST_VERSION; version++) {
			if (segment.equals("v" + version + ".0")) {
				return version + ".0";
			}
		}
		throw RestError.notFound();
	}

	private static List<Map<String, Object>> versions() {
		List<Map<String, Object>> versions = new ArrayList<>();
		for (int version = OLDEST_VERSION; version <= NEWEST_VERSION; version++) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("label", label(version));
			entry.put("url", "/services/data/v" + version + ".0");
			entry.put("version", version + ".0");
			versions.add(entry);
		}
		return versions;
	}

	/**
	 * Return the release of an API version: three a year, 66.0 is Spring '26, 67.0 Summer
	 * '26, 68.0 Winter '27.
	 * @param version the major version
	 * @return the label, such as {@code Spring '26}
	 */
	static String label(int version) {
		int year = (version + 1) / 3 + 4;
		String season = switch (version % 3) {
			case 0 -> "Spring";
			case 1 -> "Summer";
			default -> "Winter";
		};
		return season + " '" + String.format("%02d", year);
	}

	private Map<String, Object> resources(String version, OrgUser user) {
		String base = "/services/data/v" + version + "/";
		Map<String, Object> resources = new LinkedHashMap<>();
		for (String resource : List.of("sobjects", "query", "queryAll", "limits", "composite")) {
			resources.put(resource, base + resource);
		}
		resources.put("identity", state().identityUrl(user));
		return resources;
	}

}
