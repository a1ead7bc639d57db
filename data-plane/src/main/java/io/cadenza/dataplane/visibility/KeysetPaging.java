package io.cadenza.dataplane.visibility;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Keyset ("seek") paging: the next page is the rows after the last one returned in the query's order, found
 * through the index instead of skipping an OFFSET, and stable while rows are added.
 *
 * <p>Usage, page n + 1 of a list whose filter takes {@code $2..$k}:
 * <pre>
 * SqlFragment after = KeysetPaging.after(filter, PageToken.decode(token), k + 1);
 * sql = "... WHERE namespace_id = $1 AND " + filter.where() + " AND " + after.sql() + " ORDER BY " + filter.orderBy()
 * </pre>
 * and the token handed out with a page is {@code new PageToken(order, lastRow[order.column()], lastRow.run_id)}.
 */
public final class KeysetPaging {

    private KeysetPaging() {
    }

    /**
     * The rows after {@code token}'s, for the page after it.
     *
     * @throws IllegalArgumentException when the token was issued for another ORDER BY than {@code filter}'s
     */
    public static SqlFragment after(SqlFilter filter, PageToken token, int firstParamIndex) {
        if (token.order() != filter.sortOrder()) {
            throw new IllegalArgumentException("next page token was issued for ORDER BY " + token.order().attribute()
                    + (token.order().descending() ? " DESC" : " ASC") + ", not for this query");
        }
        return after(token.order(), token.sortTime(), token.runId(), firstParamIndex);
    }

    /**
     * The rows that come after the row ({@code lastSortTime}, {@code lastRunId}) in {@code order}: those with a later
     * (or, descending, earlier) sort time, and those with the same one and a greater run id. Open runs (a NULL close
     * time) come first when descending and last when ascending, as in {@link SortOrder}.
     *
     * @param lastSortTime the last row's {@link SortOrder#column()} value; {@code null} for an open run's close time
     */
    public static SqlFragment after(SortOrder order, OffsetDateTime lastSortTime, String lastRunId,
                                    int firstParamIndex) {
        if (firstParamIndex < 1) {
            throw new IllegalArgumentException("placeholders start at $1, not $" + firstParamIndex);
        }
        String column = order.column();
        String time = "$" + firstParamIndex;
        if (lastSortTime == null) {
            if (!order.nullable()) {
                throw new IllegalArgumentException(column + " is never NULL");
            }
            String run = "$" + firstParamIndex;
            String sameTime = column + " IS NULL AND run_id > " + run;
            // Descending, open runs came first: the rest of them, then every closed run. Ascending, they come last.
            String sql = order.descending()
                    ? "((" + sameTime + ") OR " + column + " IS NOT NULL)" : "(" + sameTime + ")";
            return new SqlFragment(sql, List.of(lastRunId));
        }
        String run = "$" + (firstParamIndex + 1);
        String beyond = column + (order.descending() ? " < " : " > ") + time;
        String sameTime = "(" + column + " = " + time + " AND run_id > " + run + ")";
        // Ascending on close time, the open runs come after every closed one.
        String openLast = order.nullable() && !order.descending() ? " OR " + column + " IS NULL" : "";
        return new SqlFragment("(" + beyond + " OR " + sameTime + openLast + ")", List.of(lastSortTime, lastRunId));
    }
}
