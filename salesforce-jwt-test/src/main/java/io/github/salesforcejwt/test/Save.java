package io.github.salesforcejwt.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A save of one record, checked and ready to apply; {@link #all} saves the records of a
 * collection request.
 *
 * @param id the id of the record, or {@code null} for a new one
 * @param action stores the record and returns the save result
 */
record Save(@Nullable String id, Supplier<Map<String, Object>> action) {

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

	/**
	 * Save the elements of a collection request in order. Without {@code allOrNone},
	 * each is checked and saved before the next; with it, all are checked first and, if
	 * one fails, none is saved.
	 * @param <T> the type of the elements
	 * @param allOrNone whether to save all or none
	 * @param elements the elements: records, or ids to delete
	 * @param prepare checks an element and returns its save
	 * @return the save result or failure of each element, in order
	 */
	static <T> List<Map<String, Object>> all(boolean allOrNone, List<T> elements, Function<T, Save> prepare) {
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

}
