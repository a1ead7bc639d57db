package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.metering.UsageRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Rows of {@code usage_outbox}, written with the change they meter: as one more CTE of a run's single-statement
 * commit (guarded like its other parts, so they exist exactly when the change does), or as one statement inside a
 * commit's transaction. A row whose id exists already (a commit retried after an unknown outcome) is skipped.
 */
public final class SqlUsageWrites {

    private static final String COLUMNS = "usage_outbox (id, namespace_id, type, action, quantity, occurred_at_ms, "
            + "created_at_ms)";

    private SqlUsageWrites() {
    }

    /** Parameters the CTE or statement takes, starting at the given placeholder number. */
    public static final int PARAMS = 7;

    /**
     * A CTE named {@code us} inserting the usage rows given as parameters from {@code $firstParam}, if
     * {@code guard} (an earlier CTE) has a row.
     */
    public static String cte(int firstParam, String guard) {
        return "us AS (INSERT INTO " + COLUMNS + " " + select(firstParam) + " WHERE EXISTS (SELECT 1 FROM " + guard
                + ") ON CONFLICT (id) DO NOTHING)";
    }

    private static String select(int p) {
        return "SELECT u.id, u.ns, u.type, u.action, u.qty, u.at, $" + (p + 6) + "::bigint FROM unnest($" + p
                + "::text[], $" + (p + 1) + "::text[], $" + (p + 2) + "::text[], $" + (p + 3) + "::text[], $"
                + (p + 4) + "::bigint[], $" + (p + 5) + "::bigint[]) AS u(id, ns, type, action, qty, at)";
    }

    /**
     * {@code sql} (a statement of CTEs ending in {@code SELECT (SELECT count(*) FROM fence), ...}) with one more
     * CTE that inserts the usage rows given as parameters from {@code $firstParam}, if {@code guard} has a row.
     */
    static String withUsage(String sql, int firstParam, String guard) {
        String tail = " SELECT (SELECT count(*) FROM fence)";
        int at = sql.lastIndexOf(tail);
        if (at < 0) {
            throw new IllegalArgumentException("not a fenced CTE statement: " + sql);
        }
        return sql.substring(0, at) + ", " + cte(firstParam, guard) + sql.substring(at);
    }

    /** The parameter values for {@link #withUsage} or {@link #insert}, in order. */
    public static Object[] params(List<UsageRecord> usage, long nowMillis) {
        int n = usage.size();
        String[] ids = new String[n];
        String[] namespaces = new String[n];
        String[] types = new String[n];
        String[] actions = new String[n];
        Long[] quantities = new Long[n];
        Long[] times = new Long[n];
        for (int i = 0; i < n; i++) {
            UsageRecord r = usage.get(i);
            ids[i] = r.id();
            namespaces[i] = r.namespaceId();
            types[i] = r.type();
            actions[i] = r.action();
            quantities[i] = r.quantity();
            times[i] = r.occurredAtMillis();
        }
        return new Object[]{ids, namespaces, types, actions, quantities, times, nowMillis};
    }

    /** Appends {@code values} to {@code head}. */
    public static Object[] concat(Object[] head, Object[] values) {
        Object[] all = java.util.Arrays.copyOf(head, head.length + values.length);
        System.arraycopy(values, 0, all, head.length, values.length);
        return all;
    }

    /** Inserts usage rows as one statement (inside the caller's transaction when {@code client} is one). */
    public static Future<Void> insert(SqlClient client, List<UsageRecord> usage, long nowMillis) {
        if (usage.isEmpty()) {
            return Future.succeededFuture();
        }
        return client.preparedQuery("INSERT INTO " + COLUMNS + " " + select(1) + " ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(params(usage, nowMillis))).mapEmpty();
    }
}
