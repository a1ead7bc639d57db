package io.cadenza.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Direct JDBC access to the cell database for {@link VisibilityBenchmark}: bulk-loading {@link ExecutionRows} with
 * {@code COPY}, {@code VACUUM ANALYZE}, and {@code EXPLAIN ANALYZE} of hand-written equivalents of the list queries.
 */
final class VisibilityDatabase implements AutoCloseable {

    /** The columns {@code SqlVisibilityStore} selects for a list page. */
    static final String LIST_COLUMNS = "workflow_id, run_id, workflow_type, task_queue, status, start_time, "
            + "execution_time, close_time, history_length, memo, search_attributes::text, execution_duration_ms, "
            + "parent_workflow_id, root_workflow_id";
    private static final int ROWS_PER_WRITE = 5000;
    private static final int COPY_BUFFER_BYTES = 1 << 20;

    private final Connection connection;

    private VisibilityDatabase(Connection connection) {
        this.connection = connection;
    }

    static VisibilityDatabase connect(String jdbcUrl, String user, String password) throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        connection.setAutoCommit(true); // VACUUM cannot run inside a transaction block
        return new VisibilityDatabase(connection);
    }

    /** The id of the namespace called {@code name}. */
    String namespaceId(String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM namespaces WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no namespace called " + name);
                }
                return rows.getString(1);
            }
        }
    }

    /** COPYs {@code count} rows of {@link ExecutionRows} into {@code executions}, in one transaction. */
    void load(String namespaceId, int count, Instant now, long seed) throws SQLException, IOException {
        ExecutionRows rows = new ExecutionRows(namespaceId, now, seed);
        PGConnection pg = connection.unwrap(PGConnection.class);
        String copy = "COPY executions (" + ExecutionRows.COLUMNS + ") FROM STDIN";
        StringBuilder chunk = new StringBuilder(ROWS_PER_WRITE * 300);
        try (OutputStream out = new PGCopyOutputStream(pg, copy, COPY_BUFFER_BYTES)) {
            for (int i = 0; i < count; i++) {
                rows.append(i, chunk);
                if ((i + 1) % ROWS_PER_WRITE == 0 || i == count - 1) {
                    out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                    chunk.setLength(0);
                }
            }
        }
    }

    void vacuumAnalyze() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE executions");
        }
    }

    /** The number of executions of a namespace. */
    long count(String namespaceId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM executions WHERE namespace_id = ?")) {
            query.setString(1, namespaceId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The size of {@code executions} with its indexes and TOAST, in bytes. */
    long executionsBytes() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_total_relation_size('executions')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The plan of {@code sql} as run, with actual row counts and times: {@code EXPLAIN (ANALYZE, COSTS OFF)}.
     *
     * @param params bound in order to the {@code ?} placeholders of {@code sql}
     */
    List<String> explainAnalyze(String sql, Object... params) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF) " + sql)) {
            for (int i = 0; i < params.length; i++) {
                explain.setObject(i + 1, params[i]);
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return lines;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
