package io.github.salesforcejwt;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * One page of a SOQL query's answer, {@code {"totalSize":N,"done":false,"nextRecordsUrl":
 * "...","records":[...]}}, with its records decoded: the one place both the reactive and
 * the blocking queries read pages, as a stream of tokens (the page is never held as a
 * tree).
 *
 * @param <T> the type of the records
 * @param records the page's records, in order
 * @param nextRecordsUrl the path of the next page, or {@code null} on the last page
 * @author salesforce-jwt
 */
record SoqlPage<T>(List<T> records, @Nullable String nextRecordsUrl) {

	/**
	 * Name of the header that asks for a batch size.
	 */
	static final String QUERY_OPTIONS_HEADER = "Sforce-Query-Options";

	static final int MIN_BATCH_SIZE = 200;

	static final int MAX_BATCH_SIZE = 2000;

	static <T> SoqlPage<T> read(JsonMapper mapper, byte[] body, Class<T> type) {
		try (JsonParser parser = mapper.createParser(body)) {
			return read(mapper, parser, type);
		}
	}

	static <T> SoqlPage<T> read(JsonMapper mapper, InputStream body, Class<T> type) {
		try (JsonParser parser = mapper.createParser(body)) {
			return read(mapper, parser, type);
		}
	}

	private static <T> SoqlPage<T> read(JsonMapper mapper, JsonParser parser, Class<T> type) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			throw new IllegalStateException("A SOQL query page must be a JSON object");
		}
		List<T> records = new ArrayList<>();
		String next = null;
		boolean done = true;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (name) {
				case "done" -> done = value == JsonToken.VALUE_TRUE;
				case "nextRecordsUrl" -> next = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
				case "records" -> {
					if (value == JsonToken.START_ARRAY) {
						// Each record is one value of many in the page
						ObjectReader reader = mapper.readerFor(type)
							.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
						while (parser.nextToken() != JsonToken.END_ARRAY) {
							records.add(reader.readValue(parser));
						}
					}
					else {
						parser.skipChildren();
					}
				}
				default -> parser.skipChildren();
			}
		}
		return new SoqlPage<>(records, done ? null : next);
	}

	static void batchSize(HttpHeaders headers, @Nullable Integer batchSize) {
		if (batchSize != null) {
			headers.set(QUERY_OPTIONS_HEADER, "batchSize=" + batchSize);
		}
	}

	static int validBatchSize(int batchSize) {
		Assert.isTrue(batchSize >= MIN_BATCH_SIZE && batchSize <= MAX_BATCH_SIZE,
				() -> "'batchSize' must be between " + MIN_BATCH_SIZE + " and " + MAX_BATCH_SIZE + ", not "
						+ batchSize);
		return batchSize;
	}

	static String apiPath(String apiVersion, String resource) {
		return "/services/data/v" + apiVersion + "/" + resource;
	}

}
