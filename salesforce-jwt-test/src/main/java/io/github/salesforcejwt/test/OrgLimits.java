package io.github.salesforcejwt.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The limits of a fake org, as {@code /limits} reports them, and the REST API calls
 * counted against {@code DailyApiRequests}. Safe for concurrent use.
 */
final class OrgLimits {

	/**
	 * The limits of a new org (Developer Edition), by name: max, all remaining.
	 */
	private static final Map<String, Integer> DEFAULT_LIMITS = Map.of("DailyApiRequests", 15000,
			"DailyAsyncApexExecutions", 250000, "DailyBulkApiBatches", 15000, "DailyBulkV2QueryFileStorageMB",
			976562, "DailyBulkV2QueryJobs", 10000, "DailyStreamingApiEvents", 10000, "DataStorageMB", 5,
			"FileStorageMB", 20, "HourlyPublishedPlatformEvents", 250000, "SingleEmail", 15);

	/**
	 * REST API calls since start or reset, guarded by this.
	 */
	private int apiCallCount;

	/**
	 * The org's limits other than {@code DailyApiRequests}: name to max and remaining,
	 * guarded by this.
	 */
	private final Map<String, int[]> limits = new TreeMap<>();

	/**
	 * {@code DailyApiRequests}: the max, and the usage before the calls counted in
	 * {@link #apiCallCount}, guarded by this.
	 */
	private int dailyApiMax;

	private int apiUsageBase;

	OrgLimits() {
		reset();
	}

	/**
	 * Count a REST API call, unless the org's {@code DailyApiRequests} are used up.
	 * @return the API usage with this call, or -1 if the limit is reached
	 */
	synchronized int tryApiCall() {
		if (apiUsage() >= this.dailyApiMax) {
			return -1;
		}
		this.apiCallCount++;
		return apiUsage();
	}

	synchronized int apiCallCount() {
		return this.apiCallCount;
	}

	/**
	 * Return the API usage as {@code Sforce-Limit-Info} reports it.
	 * @return the requests used of {@code DailyApiRequests}
	 */
	synchronized int apiUsage() {
		return this.apiUsageBase + this.apiCallCount;
	}

	synchronized int dailyApiMax() {
		return this.dailyApiMax;
	}

	/**
	 * Set a limit. For {@code DailyApiRequests}, the usage {@code Sforce-Limit-Info}
	 * reports becomes {@code max - remaining}, and each API call adds one.
	 * @param name the name of the limit, such as {@code DailyApiRequests}
	 * @param max the maximum
	 * @param remaining what remains
	 */
	synchronized void set(String name, int max, int remaining) {
		if (name.equals("DailyApiRequests")) {
			this.dailyApiMax = max;
			this.apiUsageBase = max - remaining - this.apiCallCount;
		}
		else {
			this.limits.put(name, new int[] { max, remaining });
		}
	}

	/**
	 * Return the limits as {@code /limits} answers them.
	 * @return the limits by name, each with {@code Max} and {@code Remaining}
	 */
	synchronized Map<String, Object> byName() {
		Map<String, int[]> all = new TreeMap<>(this.limits);
		all.put("DailyApiRequests", new int[] { this.dailyApiMax, this.dailyApiMax - apiUsage() });
		Map<String, Object> limits = new LinkedHashMap<>();
		all.forEach((name, values) -> {
			Map<String, Object> limit = new LinkedHashMap<>();
			limit.put("Max", values[0]);
			limit.put("Remaining", values[1]);
			limits.put(name, limit);
		});
		return limits;
	}

	/**
	 * Go back to the default limits, all remaining, and no API calls.
	 */
	synchronized void reset() {
		this.apiCallCount = 0;
		this.apiUsageBase = 0;
		this.limits.clear();
		DEFAULT_LIMITS.forEach((name, max) -> set(name, max, max));
	}

}
