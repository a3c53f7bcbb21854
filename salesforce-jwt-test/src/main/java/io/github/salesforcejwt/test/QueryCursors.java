package io.github.salesforcejwt.test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The open query cursors of a fake org: the results of queries with more records than one
 * page, which {@code nextRecordsUrl} pages through. As in Salesforce, a cursor belongs to
 * a user (any session of that user may read it), and a user has at most
 * {@value #MAX_PER_USER} open: opening another releases the oldest. Safe for concurrent
 * use.
 */
final class QueryCursors {

	static final int MAX_PER_USER = 10;

	private final AtomicLong sequence = new AtomicLong();

	private final Map<String, Cursor> cursors = new HashMap<>();

	private final Map<OrgUser, Deque<String>> byUser = new HashMap<>();

	/**
	 * Open a cursor.
	 * @param user the user whose query it is
	 * @param result the whole result
	 * @param batchSize the size of its pages
	 * @return the id of the cursor, such as {@code 01gFk0000000001AAA}
	 */
	synchronized String open(OrgUser user, SoqlEngine.Result result, int batchSize) {
		String id = SalesforceIds.of("01g", this.sequence.incrementAndGet());
		this.cursors.put(id, new Cursor(user, result, batchSize));
		Deque<String> open = this.byUser.computeIfAbsent(user, (key) -> new ArrayDeque<>());
		open.addLast(id);
		if (open.size() > MAX_PER_USER) {
			this.cursors.remove(open.removeFirst());
		}
		return id;
	}

	/**
	 * Return an open cursor of a user.
	 * @param user the user
	 * @param id the id of the cursor
	 * @return the cursor, or {@code null} if the user has no open cursor of that id
	 */
	synchronized @Nullable Cursor find(OrgUser user, String id) {
		Cursor cursor = this.cursors.get(id);
		return (cursor != null && cursor.user().equals(user)) ? cursor : null;
	}

	synchronized void clear() {
		this.cursors.clear();
		this.byUser.clear();
	}

	/**
	 * An open cursor.
	 *
	 * @param user the user whose query it is
	 * @param result the whole result of the query
	 * @param batchSize the size of its pages
	 */
	record Cursor(OrgUser user, SoqlEngine.Result result, int batchSize) {

	}

}
