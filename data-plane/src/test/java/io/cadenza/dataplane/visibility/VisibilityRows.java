package io.cadenza.dataplane.visibility;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The executions {@link VisibilitySqlPostgresTest} queries, written the way the engine must write them (see the
 * data-plane README): search_attributes as JSON by type, execution_duration_ms = close - execution time.
 */
final class VisibilityRows {

    static final String NAMESPACE = "ns";
    static final String OTHER_NAMESPACE = "other";
    static final String BULK_NAMESPACE = "bulk";
    static final OffsetDateTime BASE = OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 0, ZoneOffset.UTC);

    static final int RUNNING = 1;
    static final int COMPLETED = 2;
    static final int FAILED = 3;
    static final int CANCELED = 4;
    static final int TERMINATED = 5;
    static final int CONTINUED_AS_NEW = 6;
    static final int TIMED_OUT = 7;

    /**
     * One run. Times are minutes after {@link #BASE}: start, execution delay after start, and duration after the
     * execution time ({@code null} while running).
     */
    record Run(String namespace, String workflowId, String runId, String type, String queue, int status,
               long startMinute, long delayMinutes, Duration duration, long historyLength, String parent,
               String searchAttributes) {

        OffsetDateTime start() {
            return BASE.plusMinutes(startMinute);
        }

        OffsetDateTime executionTime() {
            return start().plusMinutes(delayMinutes);
        }

        OffsetDateTime closeTime() {
            return duration == null ? null : executionTime().plus(duration);
        }
    }

    private static Run run(String id, String type, String queue, int status, long start, Duration duration,
                           long history, String searchAttributes) {
        return new Run(NAMESPACE, id, "run-" + id, type, queue, status, start, 0, duration, history, null,
                searchAttributes);
    }

    private static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    // Three runs start at the same minute (12) with run ids out of workflow-id order, and several close at the same
    // time, so ordering ties are decided by run_id; some run ids sort before others' ("r-" < "run-").
    static final List<Run> RUNS = List.of(
            run("wf-01", "Order", "q-a", RUNNING, 1, null, 5, "{\"CustomerId\":\"c-1\",\"Priority\":1,"
                    + "\"Tags\":[\"vip\",\"eu\"],\"Vip\":true,\"Description\":\"Rush order for ACME\"}"),
            run("wf-02", "Order", "q-b", COMPLETED, 2, min(10), 20, "{\"CustomerId\":\"c-2\",\"Priority\":2,"
                    + "\"Tags\":[\"eu\"],\"Score\":1.5,\"DueAt\":\"2026-11-26T00:00:00Z\"}"),
            run("wf-03", "Order", "q-a", FAILED, 3, min(1), 7,
                    "{\"CustomerId\":\"c-1\",\"Priority\":3,\"Score\":2.5,\"Vip\":false}"),
            new Run(NAMESPACE, "wf-04", "run-wf-04", "Payment", "q-a", RUNNING, 4, 5, null, 3, null,
                    "{\"CustomerId\":\"c-3\",\"Tags\":[\"us\"],\"DueAt\":\"2026-11-25T12:00:00+02:00\"}"),
            run("wf-05", "Payment", "q-b", CANCELED, 5, min(90), 11,
                    "{\"Priority\":10,\"Description\":\"Refund requested by customer\"}"),
            run("wf-06", "Payment", "q-a", TERMINATED, 6, min(2), 9, "{}"),
            run("wf-07", "Shipping", "q-c", TIMED_OUT, 7, min(60), 40,
                    "{\"CustomerId\":\"c_%1\",\"Custom Name\":\"special\"}"),
            run("wf-08", "Shipping", "q-c", CONTINUED_AS_NEW, 8, min(30), 100, "{\"Tags\":[\"vip\"],\"Score\":-0.5}"),
            new Run(NAMESPACE, "order-1", "run-order-1", "Order", "q-b", RUNNING, 9, 0, null, 1, "wf-01",
                    "{\"Description\":\"rush delivery to ACME HQ\",\"Priority\":1}"),
            new Run(NAMESPACE, "order-2", "run-order-2", "Order", "q-b", COMPLETED, 10, 0, Duration.ofMillis(250), 4,
                    "wf-01", "{\"CustomerId\":\"c-2\",\"Tags\":[\"vip\",\"us\"]}"),
            run("ORDER-3", "Order", "q-a", COMPLETED, 11, min(1), 6, "{\"CustomerId\":\"C-1\"}"),
            new Run(NAMESPACE, "wf-12", "r-c", "Shipping", "q-a", RUNNING, 12, 60, null, 2, null,
                    "{\"Priority\":5,\"Score\":10,\"DueAt\":\"2026-11-25T09:59:59.999Z\"}"),
            new Run(NAMESPACE, "wf-13", "r-a", "Payment", "q-c", FAILED, 12, 0, min(5), 15, null,
                    "{\"Vip\":true,\"Tags\":[]}"),
            new Run(NAMESPACE, "wf-14", "r-b", "Order", "q-c", COMPLETED, 12, 0, min(10), 20, null,
                    "{\"Description\":\"Regular order\"}"),
            run("wf-15", "Payment", "q-b", RUNNING, 13, null, 8, "{\"Score\":3}"),
            run("wf-16", "Order", "q-a", COMPLETED, 14, min(8), 30, "{\"CustomerId\":\"c-4\",\"Priority\":4}"),
            run("wf-17", "Shipping", "q-b", RUNNING, 15, null, 12, "{\"Custom Name\":\"special\",\"CustomerId\":\"c-5\"}"),
            run("wf-18", "Shipping", "q-b", COMPLETED, 16, min(3), 13,
                    "{\"Description\":\"Fragile: glass\",\"Tags\":[\"fragile\",\"eu\"]}"),
            run("wf-19", "Order", "q-c", TERMINATED, 17, min(4), 14, "{\"Priority\":-1}"),
            run("wf-20", "Payment", "q-a", RUNNING, 18, null, 2, "{\"Score\":2.5,\"Vip\":false}"),
            run("wf-21", "Payment", "q-a", COMPLETED, 19, min(2), 21, "{\"DueAt\":\"2026-11-27T08:30:00.5-05:00\"}"),
            run("wf-22", "Order", "q-b", FAILED, 20, min(20), 22, "{\"CustomerId\":\"c-1\",\"Tags\":[\"eu\",\"us\"]}"),
            run("wf-23", "Shipping", "q-c", RUNNING, 21, null, 23, "{}"),
            run("wf-24", "Order", "q-a", CANCELED, 22, min(45), 24, "{\"Priority\":7,\"Score\":7.0}"),
            // Another namespace whose runs match many of the same filters: none may ever leak into NAMESPACE.
            new Run(OTHER_NAMESPACE, "x-01", "run-x-01", "Order", "q-a", RUNNING, 1, 0, null, 5, null,
                    "{\"CustomerId\":\"c-1\",\"Priority\":1,\"Tags\":[\"vip\"]}"),
            new Run(OTHER_NAMESPACE, "x-02", "run-x-02", "Payment", "q-b", COMPLETED, 2, 0, min(1), 20, null,
                    "{\"Vip\":true}"));

    private static final String INSERT = "INSERT INTO executions (namespace_id, workflow_id, run_id, shard_id, "
            + "db_version, status, workflow_type, task_queue, start_time, execution_time, close_time, history_length,"
            + " state, search_attributes, memo, execution_duration_ms, parent_workflow_id, root_workflow_id) "
            + "VALUES (?, ?, ?, 0, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)";

    private VisibilityRows() {
    }

    static void insert(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Run run : RUNS) {
                insert.setString(1, run.namespace());
                insert.setString(2, run.workflowId());
                insert.setString(3, run.runId());
                insert.setInt(4, run.status());
                insert.setString(5, run.type());
                insert.setString(6, run.queue());
                insert.setObject(7, run.start());
                insert.setObject(8, run.executionTime());
                insert.setObject(9, run.closeTime());
                insert.setLong(10, run.historyLength());
                insert.setBytes(11, new byte[0]);
                insert.setString(12, run.searchAttributes());
                insert.setBytes(13, new byte[] {1, 2, 3});
                if (run.duration() == null) {
                    insert.setNull(14, Types.BIGINT);
                } else {
                    insert.setLong(14, run.duration().toMillis());
                }
                insert.setString(15, run.parent());
                insert.setString(16, run.parent());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Enough runs in {@link #BULK_NAMESPACE} for the planner to prefer indexes: 2% running, a distinct CustomerId
     * each. Statistics are refreshed and the table vacuumed so the plans reflect them.
     */
    static void insertBulk(Connection connection, int count) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO executions (namespace_id, workflow_id, run_id, shard_id, db_version, status,"
                    + " workflow_type, task_queue, start_time, execution_time, close_time, history_length, state,"
                    + " search_attributes, execution_duration_ms) "
                    + "SELECT '" + BULK_NAMESPACE + "', 'bulk-' || i, 'run-' || i, i % 16, 1,"
                    + " CASE WHEN i % 50 = 0 THEN 1 ELSE 2 END, 'Type' || (i % 7), 'q-' || (i % 5),"
                    + " TIMESTAMPTZ '2026-11-25 10:00:00+00' + i * INTERVAL '1 second',"
                    + " TIMESTAMPTZ '2026-11-25 10:00:00+00' + i * INTERVAL '1 second',"
                    + " CASE WHEN i % 50 = 0 THEN NULL ELSE TIMESTAMPTZ '2026-11-25 11:00:00+00' + i * INTERVAL '1 second' END,"
                    + " i % 100, ''::bytea, jsonb_build_object('CustomerId', 'cust-' || i, 'Priority', i % 10),"
                    + " CASE WHEN i % 50 = 0 THEN NULL ELSE 3600000 END "
                    + "FROM generate_series(1, " + count + ") AS i");
            // VACUUM also moves the GIN index's pending list (where fast-update parks new entries) into the index
            // proper, as autovacuum would in a running cell; until then the planner prices GIN scans high.
            statement.execute("VACUUM ANALYZE executions");
        }
    }
}
