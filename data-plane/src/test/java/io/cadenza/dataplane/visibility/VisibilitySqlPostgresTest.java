package io.cadenza.dataplane.visibility;

import static io.cadenza.dataplane.visibility.VisibilityRows.BULK_NAMESPACE;
import static io.cadenza.dataplane.visibility.VisibilityRows.NAMESPACE;
import static io.cadenza.dataplane.visibility.VisibilityRows.OTHER_NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.devstack.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The translator's SQL run on real PostgreSQL (embedded, schema by Flyway from V1 + V2), through the Vert.x client
 * the data plane uses, so the parameter types are checked by the real driver too. Plain JUnit: no Quarkus app.
 */
class VisibilitySqlPostgresTest {

    private static final String DATABASE = "visibility_test";

    @TempDir
    static Path tempDir;
    private static PostgresServer postgres;
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = PostgresServer.start(tempDir.resolve("pg"), 0);
        postgres.createDatabaseIfMissing(DATABASE);
        String url = postgres.jdbcUrl(DATABASE);
        Flyway.configure().dataSource(url, postgres.username(), postgres.password())
                .locations("classpath:db/migration").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
            VisibilityRows.insert(connection);
            VisibilityRows.insertBulk(connection, 5000);
        }
        vertx = Vertx.vertx();
        PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(postgres.port())
                .setDatabase(DATABASE).setUser(postgres.username()).setPassword(postgres.password());
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(options).using(vertx).build();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (pool != null) {
            pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ExecutionStatus = 'Running'                 | wf-01 wf-04 order-1 wf-12 wf-15 wf-17 wf-20 wf-23",
            "ExecutionStatus != 'Running'                | wf-02 wf-03 wf-05 wf-06 wf-07 wf-08 order-2 ORDER-3 wf-13"
                    + " wf-14 wf-16 wf-18 wf-19 wf-21 wf-22 wf-24",
            "ExecutionStatus IN ('Failed', 'Canceled')   | wf-03 wf-13 wf-22 wf-05 wf-24",
            "ExecutionStatus NOT IN ('Running', 'Completed') | wf-03 wf-13 wf-22 wf-05 wf-24 wf-06 wf-19 wf-07 wf-08",
            "ExecutionStatus = 6                         | wf-08",
            "WorkflowType = 'Order'                      | wf-01 wf-02 wf-03 order-1 order-2 ORDER-3 wf-14 wf-16 wf-19"
                    + " wf-22 wf-24",
            "WorkflowType = 'Order' AND ExecutionStatus = 'Running' | wf-01 order-1",
            "WorkflowType = 'Shipping' OR WorkflowType = 'Payment' AND ExecutionStatus = 'Running' | wf-07 wf-08 wf-12"
                    + " wf-17 wf-18 wf-23 wf-04 wf-15 wf-20",
            "(WorkflowType = 'Shipping' OR WorkflowType = 'Payment') AND ExecutionStatus = 'Running' | wf-12 wf-17"
                    + " wf-23 wf-04 wf-15 wf-20",
            "NOT (ExecutionStatus = 'Running' OR WorkflowType = 'Order') | wf-05 wf-06 wf-07 wf-08 wf-13 wf-18 wf-21",
            "TaskQueue = 'q-c'                           | wf-07 wf-08 wf-13 wf-14 wf-19 wf-23",
            "WorkflowId STARTS_WITH 'order'              | order-1 order-2",
            "WorkflowId NOT STARTS_WITH 'wf-'            | order-1 order-2 ORDER-3",
            "WorkflowId IN ('wf-01', 'order-2', 'nope')  | wf-01 order-2",
            "WorkflowId > 'wf-20'                        | wf-21 wf-22 wf-23 wf-24",
            "WorkflowId BETWEEN 'wf-05' AND 'wf-07'      | wf-05 wf-06 wf-07",
            "RunId = 'r-a'                               | wf-13",
            "StartTime >= '2026-11-25T10:20:00Z'         | wf-22 wf-23 wf-24",
            "StartTime < '2026-11-25T12:03:00+02:00'     | wf-01 wf-02",
            "StartTime BETWEEN '2026-11-25T10:12:00Z' AND '2026-11-25T10:13:00Z' | wf-12 wf-13 wf-14 wf-15",
            "StartTime = 1795601520000000000             | wf-12 wf-13 wf-14",
            "CloseTime IS NULL                           | wf-01 wf-04 order-1 wf-12 wf-15 wf-17 wf-20 wf-23",
            "CloseTime > '2026-11-25T10:30:00Z'          | wf-05 wf-07 wf-08 wf-22 wf-24",
            "ExecutionTime >= '2026-11-25T11:00:00Z'     | wf-12",
            "ExecutionDuration > '1h'                    | wf-05",
            "ExecutionDuration >= '1h'                   | wf-05 wf-07",
            "ExecutionDuration < '1s'                    | order-2",
            "ExecutionDuration = 250000000               | order-2",
            "ExecutionDuration BETWEEN '2m' AND '00:10:00' | wf-02 wf-06 wf-13 wf-14 wf-16 wf-18 wf-19 wf-21",
            "HistoryLength >= 20                         | wf-02 wf-07 wf-08 wf-14 wf-16 wf-21 wf-22 wf-23 wf-24",
            "HistoryLength < 2.5                         | order-1 wf-12 wf-20",
            "HistoryLength NOT BETWEEN 3 AND 30          | order-1 wf-12 wf-20 wf-07 wf-08",
            "ParentWorkflowId = 'wf-01'                  | order-1 order-2",
            "RootWorkflowId IS NOT NULL                  | order-1 order-2",
            // custom attributes
            "CustomerId = 'c-1'                          | wf-01 wf-03 wf-22",
            "CustomerId IN ('c-2', 'c-3')                | wf-02 order-2 wf-04",
            "CustomerId != 'c-1'                         | wf-02 wf-04 wf-07 order-2 ORDER-3 wf-16 wf-17",
            "CustomerId NOT IN ('c-1', 'c-2')            | wf-04 wf-07 ORDER-3 wf-16 wf-17",
            "CustomerId STARTS_WITH 'c_%'                | wf-07",
            "CustomerId >= 'c-3'                         | wf-04 wf-16 wf-17 wf-07",
            "CustomerId IS NULL                          | wf-05 wf-06 wf-08 order-1 wf-12 wf-13 wf-14 wf-15 wf-18 wf-19"
                    + " wf-20 wf-21 wf-23 wf-24",
            "Priority = 1                                | wf-01 order-1",
            "Priority > 2                                | wf-03 wf-05 wf-12 wf-16 wf-24",
            "Priority BETWEEN 2 AND 5                    | wf-02 wf-03 wf-12 wf-16",
            "Priority = -1                               | wf-19",
            "Priority IN (1, 10)                         | wf-01 order-1 wf-05",
            "Priority != 1                               | wf-02 wf-03 wf-05 wf-12 wf-16 wf-19 wf-24",
            "Priority >= 4.5                             | wf-05 wf-12 wf-24",
            "Score = 2.5                                 | wf-03 wf-20",
            "Score = 7                                   | wf-24",
            "Score = 10                                  | wf-12",
            "Score > 2                                   | wf-03 wf-12 wf-15 wf-20 wf-24",
            "Score BETWEEN -1 AND 2                      | wf-02 wf-08",
            "Vip = true                                  | wf-01 wf-13",
            "Vip != true                                 | wf-03 wf-20",
            "Vip IN (false)                              | wf-03 wf-20",
            "Tags = 'vip'                                | wf-01 wf-08 order-2",
            "Tags = 'eu'                                 | wf-01 wf-02 wf-18 wf-22",
            "Tags IN ('us', 'fragile')                   | wf-04 order-2 wf-22 wf-18",
            "Tags != 'eu'                                | wf-04 wf-08 order-2 wf-13",
            "Tags NOT IN ('eu', 'vip')                   | wf-04 wf-13",
            "Tags = 'vip' AND Tags = 'eu'                | wf-01",
            "DueAt > '2026-11-25T10:00:00Z'              | wf-02 wf-21",
            "DueAt >= '2026-11-25T10:00:00Z'             | wf-02 wf-04 wf-21",
            "DueAt = '2026-11-25T10:00:00Z'              | wf-04",
            "DueAt < '2026-11-25T10:00:00Z'              | wf-12",
            "DueAt BETWEEN '2026-11-26T00:00:00Z' AND '2026-11-27T13:30:00.5Z' | wf-02 wf-21",
            "Description = 'rush'                        | wf-01 order-1",
            "Description = 'acme RUSH'                   | wf-01 order-1",
            "Description = 'rush order'                  | wf-01",
            "Description = 'order'                       | wf-01 wf-14",
            "Description != 'order'                      | wf-05 order-1 wf-18",
            "Description = 'glass'                       | wf-18",
            "`Custom Name` = 'special'                   | wf-07 wf-17",
            "WorkflowType = 'Order' AND (Priority > 1 OR Tags = 'vip') AND ExecutionStatus != 'Failed' | wf-01 wf-02"
                    + " wf-16 wf-24 order-2"})
    void eachQueryReturnsExactlyTheExpectedWorkflows(String query, String expected) {
        assertThat(ids(NAMESPACE, query)).containsExactlyInAnyOrder(expected.split(" "));
    }

    @Test
    void anEmptyQueryListsTheNamespaceNewestFirstWithRunIdBreakingTies() {
        assertThat(ids(NAMESPACE, "")).containsExactly("wf-24", "wf-23", "wf-22", "wf-21", "wf-20", "wf-19", "wf-18",
                "wf-17", "wf-16", "wf-15", "wf-13", "wf-14", "wf-12", "ORDER-3", "order-2", "order-1", "wf-08", "wf-07",
                "wf-06", "wf-05", "wf-04", "wf-03", "wf-02", "wf-01");
        assertThat(ids(OTHER_NAMESPACE, "")).containsExactly("x-02", "x-01");
        assertThat(ids(OTHER_NAMESPACE, "CustomerId = 'c-1' OR Vip = true")).containsExactlyInAnyOrder("x-01", "x-02");
    }

    @Test
    void byCloseTimeDescendingOpenRunsComeFirst() {
        assertThat(ids(NAMESPACE, "ORDER BY CloseTime DESC")).containsExactly(
                "wf-12", "order-1", "wf-01", "wf-04", "wf-15", "wf-17", "wf-20", "wf-23",
                "wf-05", "wf-07", "wf-24", "wf-22", "wf-08", "wf-14", "wf-16", "wf-19", "wf-21", "wf-18", "wf-13",
                "ORDER-3", "wf-02", "order-2", "wf-06", "wf-03");
        List<String> ascending = ids(NAMESPACE, "ORDER BY CloseTime");
        assertThat(ascending.subList(0, 3)).containsExactly("wf-03", "wf-06", "order-2");
        assertThat(ascending.subList(16, 24)).containsExactly(
                "wf-12", "order-1", "wf-01", "wf-04", "wf-15", "wf-17", "wf-20", "wf-23");
    }

    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void keysetPagesConcatenateToTheWholeListInEveryOrder(SortOrder order) {
        String orderBy = "ORDER BY " + order.attribute() + (order.descending() ? " DESC" : " ASC");
        List<String> whole = ids(NAMESPACE, orderBy);
        assertThat(whole).hasSize(24);
        for (int pageSize : new int[] {1, 5, 7, 24}) {
            assertThat(pagedIds(orderBy, pageSize)).as("page size %d", pageSize).isEqualTo(whole);
        }
        String filtered = "WorkflowType = 'Order' " + orderBy;
        assertThat(pagedIds(filtered, 3)).isEqualTo(ids(NAMESPACE, filtered));
    }

    @Test
    void countsGroupByStatus() {
        SqlFilter filter = VisibilityQueryTranslator.forCount("GROUP BY ExecutionStatus", TestAttributes.CUSTOM, 2);
        assertThat(filter.groupByStatus()).isTrue();
        RowSet<Row> rows = run("SELECT status, count(*) AS n FROM executions WHERE namespace_id = $1 AND "
                + filter.where() + " GROUP BY status", NAMESPACE, filter.params());
        Map<Integer, Long> counts = new HashMap<>();
        rows.forEach(row -> counts.put(row.getInteger("status"), row.getLong("n")));
        assertThat(counts).isEqualTo(Map.of(1, 8L, 2, 7L, 3, 3L, 4, 2L, 5, 2L, 6, 1L, 7, 1L));
        SqlFilter orders = VisibilityQueryTranslator.forCount("WorkflowType = 'Order'", TestAttributes.CUSTOM, 2);
        assertThat(run("SELECT count(*) AS n FROM executions WHERE namespace_id = $1 AND " + orders.where(),
                NAMESPACE, orders.params()).iterator().next().getLong("n")).isEqualTo(11L);
    }

    @Test
    void injectionAttemptsAreHarmlessValues() {
        for (String attack : SqlInjectionTest.ATTACKS) {
            SqlFilter filter = VisibilityQueryTranslator.forList(attack, SqlInjectionTest.CUSTOM, 2);
            List<String> matched = new ArrayList<>();
            run("SELECT workflow_id FROM executions WHERE namespace_id = $1 AND " + filter.where(), NAMESPACE,
                    filter.params()).forEach(row -> matched.add(row.getString(0)));
            // Only the IS NULL alternative matches anything: no run has these attributes.
            if (!attack.contains("IS NULL")) {
                assertThat(matched).as(attack).isEmpty();
            }
        }
        assertThat(ids(NAMESPACE, "")).hasSize(24);
    }

    @Test
    void attributesWrittenBySearchAttributesJsonAreFoundByTheTranslator() {
        // given a run written through the Vert.x client with the search_attributes SearchAttributesJson builds
        JsonObject attributes = SearchAttributesJson.apply(new JsonObject(), SearchAttributesJsonTest.attributes(
                "DueAt", SearchAttributesJsonTest.json("\"2026-12-01T09:00:00+01:00\""),
                "Tags", SearchAttributesJsonTest.json("\"solo\""),
                "Priority", SearchAttributesJsonTest.json("42"),
                "Description", SearchAttributesJsonTest.json("\"Written by the engine\"")), TestAttributes.CUSTOM);
        run("INSERT INTO executions (namespace_id, workflow_id, run_id, shard_id, db_version, status, workflow_type,"
                + " task_queue, start_time, execution_time, history_length, state, search_attributes)"
                + " VALUES ($1, 'sdk-1', 'run-sdk-1', 0, 1, 1, 'T', 'q', $2, $2, 1, $3, $4::jsonb)", "sdk",
                List.of(VisibilityRows.BASE, Buffer.buffer(), attributes));
        // then each typed filter finds it
        for (String query : new String[] {"DueAt = '2026-12-01T08:00:00Z'", "Tags = 'solo'", "Priority = 42",
                "Priority > 41", "Description = 'ENGINE'"}) {
            assertThat(ids("sdk", query)).as(query).containsExactly("sdk-1");
        }
    }

    @Test
    void keywordEqualityUsesTheInvertedIndex() {
        String plan = explain("CustomerId = 'cust-42'");
        assertThat(plan).contains("executions_by_search_attributes").doesNotContain("Seq Scan");
        assertThat(ids(BULK_NAMESPACE, "CustomerId = 'cust-42'")).containsExactly("bulk-42");
        assertThat(explain("Tags = 'vip'")).contains("executions_by_search_attributes");
        assertThat(explain("CustomerId IN ('cust-1', 'cust-2')")).contains("executions_by_search_attributes");
    }

    @Test
    void statusEqualityUsesTheStatusIndex() {
        String plan = explain("ExecutionStatus = 'Running'");
        assertThat(plan).contains("executions_by_status").doesNotContain("Seq Scan");
        assertThat(ids(BULK_NAMESPACE, "ExecutionStatus = 'Running'")).hasSize(100).startsWith("bulk-5000");
    }

    /** EXPLAIN of a first page, as the list RPC will run it, with the real parameter values bound. */
    private static String explain(String query) {
        SqlFilter filter = VisibilityQueryTranslator.forList(query, TestAttributes.CUSTOM, 2);
        StringBuilder plan = new StringBuilder();
        run("EXPLAIN SELECT workflow_id, run_id FROM executions WHERE namespace_id = $1 AND " + filter.where()
                + " ORDER BY " + filter.orderBy() + " LIMIT 100", BULK_NAMESPACE, filter.params())
                .forEach(row -> plan.append(row.getString(0)).append('\n'));
        return plan.toString();
    }

    private static List<String> ids(String namespace, String query) {
        SqlFilter filter = VisibilityQueryTranslator.forList(query, TestAttributes.CUSTOM, 2);
        List<String> ids = new ArrayList<>();
        run("SELECT workflow_id FROM executions WHERE namespace_id = $1 AND " + filter.where() + " ORDER BY "
                + filter.orderBy(), namespace, filter.params()).forEach(row -> ids.add(row.getString(0)));
        return ids;
    }

    /** Pages through {@code query} as the list RPC will: LIMIT, then a token from the last row, decoded again. */
    private static List<String> pagedIds(String query, int pageSize) {
        SqlFilter filter = VisibilityQueryTranslator.forList(query, TestAttributes.CUSTOM, 2);
        SortOrder order = filter.sortOrder();
        List<String> ids = new ArrayList<>();
        byte[] token = null;
        for (int page = 0; page < 100; page++) {
            List<Object> params = new ArrayList<>(filter.params());
            String sql = "SELECT workflow_id, run_id, " + order.column() + " AS sort_time FROM executions"
                    + " WHERE namespace_id = $1 AND " + filter.where();
            if (token != null) {
                SqlFragment after = KeysetPaging.after(filter, PageToken.decode(token), 2 + filter.params().size());
                sql += " AND " + after.sql();
                params.addAll(after.params());
            }
            RowSet<Row> rows = run(sql + " ORDER BY " + filter.orderBy() + " LIMIT " + pageSize, NAMESPACE, params);
            Row last = null;
            for (Row row : rows) {
                ids.add(row.getString("workflow_id"));
                last = row;
            }
            if (rows.size() < pageSize) {
                return ids;
            }
            token = new PageToken(order, last.getOffsetDateTime("sort_time"), last.getString("run_id")).encode();
        }
        throw new AssertionError("paging did not end: " + ids);
    }

    private static RowSet<Row> run(String sql, String namespace, List<Object> params) {
        List<Object> all = new ArrayList<>();
        all.add(namespace);
        all.addAll(params);
        try {
            return pool.preparedQuery(sql).execute(Tuple.from(all))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(sql + " with " + Arrays.toString(all.toArray()), e);
        }
    }
}
