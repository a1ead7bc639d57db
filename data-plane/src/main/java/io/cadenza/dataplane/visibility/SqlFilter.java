package io.cadenza.dataplane.visibility;

import java.util.List;

/**
 * A visibility query translated to SQL over {@code executions}, to be combined by the caller as
 *
 * <pre>
 * SELECT ... FROM executions WHERE namespace_id = $1 AND {where} ORDER BY {orderBy} LIMIT n      -- list
 * SELECT status, count(*) FROM executions WHERE namespace_id = $1 AND {where} GROUP BY status   -- count, grouped
 * </pre>
 *
 * @param where         a parenthesised boolean SQL expression (never empty: {@code TRUE} without a filter) whose
 *                      placeholders are {@code $first ... $(first + params.size() - 1)}
 * @param params        the placeholders' values in order, typed for the Vert.x PostgreSQL client: {@link String},
 *                      {@link Long}, {@link Double}, {@link Boolean}, {@link java.time.OffsetDateTime} (UTC) and
 *                      {@link io.vertx.core.json.JsonObject} (JSONB containment)
 * @param orderBy       the ORDER BY list without the words ORDER BY, e.g. {@code start_time DESC, run_id}; one of
 *                      {@link SortOrder}'s
 * @param groupByStatus the count query asked for {@code GROUP BY ExecutionStatus}
 */
public record SqlFilter(String where, List<Object> params, String orderBy, boolean groupByStatus) {

    public SqlFilter {
        params = List.copyOf(params);
    }

    /** The structured form of {@link #orderBy()}, for {@link KeysetPaging} and {@link PageToken}. */
    public SortOrder sortOrder() {
        return SortOrder.fromSql(orderBy);
    }
}
