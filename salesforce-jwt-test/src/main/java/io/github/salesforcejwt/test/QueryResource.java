package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import org.jspecify.annotations.Nullable;

/**
 * The query resources of the REST API of a fake org: {@code /query?q=} and
 * {@code /queryAll?q=} run a query with {@link SoqlEngine}; {@code /query/<locator>} and
 * {@code /queryAll/<locator>} answer the next page. A page has at most
 * {@value #DEFAULT_BATCH_SIZE} records, or the {@code batchSize} of the
 * {@code Sforce-Query-Options} header (kept between {@value #MIN_BATCH_SIZE} and
 * {@value #DEFAULT_BATCH_SIZE}); while records remain, the answer has {@code done} false
 * and a {@code nextRecordsUrl} of the form
 * {@code /services/data/vXX.X/query/<cursorId>-<offset>}.
 */
final class QueryResource {

	static final int DEFAULT_BATCH_SIZE = 2000;

	static final int MIN_BATCH_SIZE = 200;

	private final OrgData data;

	private final QueryCursors cursors;

	QueryResource(OrgData data, QueryCursors cursors) {
		this.data = data;
		this.cursors = cursors;
	}

	/**
	 * Answer a request under {@code /query} or {@code /queryAll}.
	 * @param request the request
	 * @param user the user of the session
	 * @param version the API version
	 * @param all whether the request is to {@code queryAll}
	 * @param segments the path segments after {@code query} or {@code queryAll}
	 * @return the answer
	 */
	ResponseDefinitionBuilder answer(Request request, OrgUser user, String version, boolean all,
			List<String> segments) {
		Requests.allow(request.getMethod(), "GET");
		if (segments.size() == 1) {
			return nextPage(user, version, segments.get(0));
		}
		if (!segments.isEmpty() || !request.getMethod().equals(RequestMethod.GET)) {
			throw RestError.notFound();
		}
		String soql = Requests.parameter(request, "q");
		if (soql == null || soql.isBlank()) {
			throw RestError.badRequest("MALFORMED_QUERY", "A query string has to be specified");
		}
		SoqlEngine.Result result = SoqlEngine.run(soql, this.data, all);
		int batchSize = batchSize(request.getHeader("Sforce-Query-Options"));
		String cursor = (result.records().size() > batchSize) ? this.cursors.open(user, result, batchSize) : null;
		return Responses.json(200, page(version, result, 0, batchSize, cursor));
	}

	private ResponseDefinitionBuilder nextPage(OrgUser user, String version, String locator) {
		int dash = locator.lastIndexOf('-');
		QueryCursors.Cursor cursor = (dash > 0) ? this.cursors.find(user, locator.substring(0, dash)) : null;
		int offset = -1;
		if (cursor != null) {
			try {
				offset = Integer.parseInt(locator.substring(dash + 1));
			}
			catch (NumberFormatException ex) {
				// answered below
			}
		}
		if (cursor == null || offset < 0 || offset >= cursor.result().records().size()) {
			throw RestError.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
		}
		return Responses.json(200,
				page(version, cursor.result(), offset, cursor.batchSize(), locator.substring(0, dash)));
	}

	private Map<String, Object> page(String version, SoqlEngine.Result result, int offset, int batchSize,
			@Nullable String cursor) {
		List<Map<String, Object>> records = result.records();
		int end = Math.min(records.size(), offset + batchSize);
		List<Map<String, Object>> page = new ArrayList<>(end - offset);
		for (Map<String, Object> record : records.subList(offset, end)) {
			page.add(Responses.record(version, result.type(), record, result.fields()));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("totalSize", result.totalSize());
		body.put("done", end == records.size());
		if (end < records.size()) {
			body.put("nextRecordsUrl", "/services/data/v" + version + "/query/" + cursor + "-" + end);
		}
		body.put("records", page);
		return body;
	}

	/**
	 * Return the batch size a request asks for with
	 * {@code Sforce-Query-Options: batchSize=N}: like Salesforce, the fake org takes it
	 * as a hint and keeps it between 200 and 2,000.
	 * @param options the header, if any
	 * @return the batch size
	 */
	static int batchSize(@Nullable String options) {
		if (options == null) {
			return DEFAULT_BATCH_SIZE;
		}
		for (String option : options.split(",")) {
			int equals = option.indexOf('=');
			if (equals != -1 && option.substring(0, equals).trim().equalsIgnoreCase("batchSize")) {
				try {
					int batchSize = Integer.parseInt(option.substring(equals + 1).trim());
					return Math.max(MIN_BATCH_SIZE, Math.min(DEFAULT_BATCH_SIZE, batchSize));
				}
				catch (NumberFormatException ex) {
					return DEFAULT_BATCH_SIZE;
				}
			}
		}
		return DEFAULT_BATCH_SIZE;
	}

}
