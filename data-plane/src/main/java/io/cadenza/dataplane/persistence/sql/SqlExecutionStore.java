package io.cadenza.dataplane.persistence.sql;

import static io.cadenza.dataplane.persistence.sql.SqlSupport.time;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.persistence.ConditionFailed;
import io.cadenza.dataplane.persistence.CurrentExecution;
import io.cadenza.dataplane.persistence.ExecutionRow;
import io.cadenza.dataplane.persistence.ExecutionStore;
import io.cadenza.dataplane.persistence.ExecutionUpdate;
import io.cadenza.dataplane.persistence.NewExecution;
import io.cadenza.dataplane.persistence.ShardOwnershipLost;
import io.cadenza.dataplane.persistence.StartDecision;
import io.cadenza.dataplane.persistence.StoredExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@link ExecutionStore} on the PostgreSQL wire protocol (PostgreSQL here, CockroachDB in production). */
public class SqlExecutionStore implements ExecutionStore {

    private static final String UPSERT_CURRENT =
            "INSERT INTO current_executions (namespace_id, workflow_id, run_id, status, start_request_id) "
                    + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (namespace_id, workflow_id) DO UPDATE SET "
                    + "run_id = excluded.run_id, status = excluded.status, start_request_id = excluded.start_request_id";
    private static final String INSERT_CURRENT =
            "INSERT INTO current_executions (namespace_id, workflow_id, run_id, status, start_request_id) "
                    + "VALUES ($1, $2, $3, $4, $5)";
    private static final String INSERT_EXECUTION =
            "INSERT INTO executions (namespace_id, workflow_id, run_id, shard_id, db_version, status, workflow_type, "
                    + "task_queue, start_time, execution_time, close_time, history_length, state, search_attributes, "
                    + "memo, execution_duration_ms, parent_workflow_id, root_workflow_id) "
                    + "VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17)";
    private static final String UPDATE_EXECUTION =
            "UPDATE executions SET db_version = db_version + 1, status = $4, close_time = $5, history_length = $6, "
                    + "state = $7 WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3 AND db_version = $8";
    private static final String INSERT_EVENT =
            "INSERT INTO history_events (namespace_id, workflow_id, run_id, event_id, data) VALUES ($1, $2, $3, $4, $5)";

    /**
     * The common case of a start, in one statement: a new workflow id. Every part is conditional on the shard
     * fence and on the current-run row being new; if the id already has a run, the transactional path decides.
     */
    private static final String CREATE_NEW_ID =
            "WITH fence AS (SELECT range_id FROM shards WHERE shard_id = $4 AND range_id = $13 FOR SHARE), "
                    + "cur AS (INSERT INTO current_executions (namespace_id, workflow_id, run_id, status, start_request_id) "
                    + "  SELECT $1, $2, $3, $5, $14 WHERE EXISTS (SELECT 1 FROM fence) "
                    + "  ON CONFLICT (namespace_id, workflow_id) DO NOTHING RETURNING 1), "
                    + "ex AS (INSERT INTO executions (namespace_id, workflow_id, run_id, shard_id, db_version, status, "
                    + "  workflow_type, task_queue, start_time, execution_time, close_time, history_length, state, "
                    + "  search_attributes, memo, execution_duration_ms, parent_workflow_id, root_workflow_id) "
                    + "  SELECT $1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10, $11, $12, $17::jsonb, $18, $19, $20, $21 "
                    + "  WHERE EXISTS (SELECT 1 FROM cur)), "
                    + "ev AS (INSERT INTO history_events (namespace_id, workflow_id, run_id, event_id, data) "
                    + "  SELECT $1, $2, $3, e.id, e.data FROM unnest($15::bigint[], $16::bytea[]) AS e(id, data) "
                    + "  WHERE EXISTS (SELECT 1 FROM cur)) "
                    + "SELECT (SELECT count(*) FROM fence), (SELECT count(*) FROM cur)";

    /**
     * An update in one statement (one round trip, its own transaction): the shard fence, the versioned update of
     * the run's row, its new events, and the current-run row's status when the run closed. The events and the
     * status change happen only if the versioned update did.
     */
    private static final String UPDATE_RUN =
            "WITH fence AS (SELECT range_id FROM shards WHERE shard_id = $9 AND range_id = $10 FOR SHARE), "
                    + "upd AS (UPDATE executions SET db_version = db_version + 1, status = $4, close_time = $5, "
                    + "  history_length = $6, state = $7, search_attributes = $13::jsonb, memo = $14, "
                    + "  execution_duration_ms = $15 WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3 "
                    + "  AND db_version = $8 AND EXISTS (SELECT 1 FROM fence) RETURNING 1), "
                    + "ev AS (INSERT INTO history_events (namespace_id, workflow_id, run_id, event_id, data) "
                    + "  SELECT $1, $2, $3, e.id, e.data FROM unnest($11::bigint[], $12::bytea[]) AS e(id, data) "
                    + "  WHERE EXISTS (SELECT 1 FROM upd)), "
                    + "cur AS (UPDATE current_executions SET status = $4 WHERE namespace_id = $1 AND workflow_id = $2 "
                    + "  AND run_id = $3 AND $4 <> 1 AND EXISTS (SELECT 1 FROM upd)) "
                    + "SELECT (SELECT count(*) FROM fence), (SELECT count(*) FROM upd)";

    /** {@link #CREATE_NEW_ID} that also writes the start's usage rows ($22..$28) when the run is created. */
    private static final String CREATE_NEW_ID_METERED = SqlUsageWrites.withUsage(CREATE_NEW_ID, 22, "cur");
    /** {@link #UPDATE_RUN} that also writes the update's usage rows ($16..$22) when the update applies. */
    private static final String UPDATE_RUN_METERED = SqlUsageWrites.withUsage(UPDATE_RUN, 16, "upd");

    private final Pool pool;
    private final SqlShardLeases shards;
    private final InstantSource clock;

    public SqlExecutionStore(Pool pool, SqlShardLeases shards, InstantSource clock) {
        this.pool = pool;
        this.shards = shards;
        this.clock = clock;
    }

    @Override
    public CompletionStage<StoredExecution> load(ExecutionKey key) {
        return pool.preparedQuery("SELECT db_version, shard_id, state FROM executions "
                        + "WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3")
                .execute(Tuple.of(key.namespaceId(), key.workflowId(), key.runId()))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new StoredExecution(r.getBuffer("state").getBytes(), r.getLong("db_version"),
                            r.getInteger("shard_id"));
                })
                .toCompletionStage();
    }

    @Override
    public CompletionStage<StartDecision> create(NewExecution e, Function<CurrentExecution, StartDecision> decide) {
        StartDecision forNewId = decide.apply(null);
        if (forNewId.outcome() != StartDecision.Outcome.CREATE) {
            return createDeciding(e, decide);
        }
        ExecutionKey key = e.key();
        ExecutionRow row = e.row();
        long range = shards.rangeIdOrZero(e.shardId());
        if (range == 0) {
            return CompletableFuture.failedFuture(new ShardOwnershipLost(e.shardId()));
        }
        Object[] values = {key.namespaceId(), key.workflowId(), key.runId(), e.shardId(),
                row.status(), row.workflowType(), row.taskQueue(), time(row.startTimeMillis()),
                time(row.executionTimeMillis()), time(row.closeTimeMillis()), row.historyLength(),
                Buffer.buffer(e.state()), range, e.startRequestId(), eventIds(e.events()), eventData(e.events()),
                jsonb(row.searchAttributesJson()), bytes(row.memo()), row.executionDurationMillis(), row.parentWorkflowId(),
                row.rootWorkflowId()};
        boolean metered = !e.usage().isEmpty();
        Tuple params = Tuple.from(metered
                ? SqlUsageWrites.concat(values, SqlUsageWrites.params(e.usage(), clock.millis()))
                : values);
        String sql = metered ? CREATE_NEW_ID_METERED : CREATE_NEW_ID;
        return pool.preparedQuery(sql).execute(params)
                .toCompletionStage()
                .thenCompose(rows -> {
                    Row r = rows.iterator().next();
                    if (r.getLong(0) == 0) {
                        shards.lost(e.shardId());
                        return CompletableFuture.failedFuture(new ShardOwnershipLost(e.shardId()));
                    }
                    if (r.getLong(1) == 1) {
                        return CompletableFuture.completedFuture(forNewId);
                    }
                    // The workflow id already has a run: apply the reuse and conflict policies to it.
                    return createDeciding(e, decide);
                });
    }

    private CompletionStage<StartDecision> createDeciding(NewExecution e,
                                                          Function<CurrentExecution, StartDecision> decide) {
        return createDeciding(e, decide, 1);
    }

    /** Two starts of a new workflow id race to insert its current-run row: the loser decides again. */
    private CompletionStage<StartDecision> createDeciding(NewExecution e,
                                                          Function<CurrentExecution, StartDecision> decide,
                                                          int attempt) {
        return createInTransaction(e, decide).exceptionallyCompose(err -> {
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            return attempt < 3 && SqlSupport.isUniqueViolation(cause)
                    ? createDeciding(e, decide, attempt + 1) : CompletableFuture.failedFuture(cause);
        });
    }

    private CompletionStage<StartDecision> createInTransaction(NewExecution e,
                                                               Function<CurrentExecution, StartDecision> decide) {
        ExecutionKey key = e.key();
        return SqlSupport.inTransaction(pool, conn -> shards.fence(conn, e.shardId())
                        .compose(v -> conn.preparedQuery("SELECT run_id, status, start_request_id FROM current_executions "
                                        + "WHERE namespace_id = $1 AND workflow_id = $2 FOR UPDATE")
                                .execute(Tuple.of(key.namespaceId(), key.workflowId())))
                        .compose(rows -> {
                            CurrentExecution current = null;
                            if (rows.iterator().hasNext()) {
                                Row r = rows.iterator().next();
                                current = new CurrentExecution(r.getString(0), r.getInteger(1), r.getString(2));
                            }
                            StartDecision decision = decide.apply(current);
                            if (decision.outcome() != StartDecision.Outcome.CREATE) {
                                return Future.succeededFuture(decision);
                            }
                            ExecutionRow row = e.row();
                            String currentSql = current == null ? INSERT_CURRENT : UPSERT_CURRENT;
                            return conn.preparedQuery(currentSql)
                                    .execute(Tuple.of(key.namespaceId(), key.workflowId(), key.runId(), row.status(),
                                            e.startRequestId()))
                                    .compose(x -> conn.preparedQuery(INSERT_EXECUTION).execute(insertParams(e)))
                                    .compose(x -> insertEvents(conn, key, e.events()))
                                    .compose(x -> SqlUsageWrites.insert(conn, e.usage(), clock.millis()))
                                    .map(x -> decision);
                        }))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Void> update(ExecutionUpdate u) {
        ExecutionKey key = u.key();
        ExecutionRow row = u.row();
        long range = shards.rangeIdOrZero(u.shardId());
        if (range == 0) {
            return CompletableFuture.failedFuture(new ShardOwnershipLost(u.shardId()));
        }
        Tuple params = updateParams(u, range);
        if (!u.inboxWrites().isEmpty()) {
            // Inbox rows change with the run: one transaction, still one round trip for the run itself.
            return SqlSupport.inTransaction(pool, conn -> conn.preparedQuery(UPDATE_RUN).execute(params)
                            .compose(rows -> updated(rows, u))
                            .compose(v -> SqlInboxWrites.apply(conn, u.inboxWrites()))
                            .compose(v -> SqlUsageWrites.insert(conn, u.usage(), clock.millis())))
                    .toCompletionStage();
        }
        if (!u.usage().isEmpty()) {
            Tuple metered = Tuple.from(SqlUsageWrites.concat(updateValues(u, range),
                    SqlUsageWrites.params(u.usage(), clock.millis())));
            return pool.preparedQuery(UPDATE_RUN_METERED).execute(metered)
                    .compose(rows -> updated(rows, u))
                    .toCompletionStage();
        }
        return pool.preparedQuery(UPDATE_RUN).execute(params)
                .compose(rows -> updated(rows, u))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Void> updateAndContinue(ExecutionUpdate u, NewExecution n) {
        ExecutionKey key = u.key();
        ExecutionRow row = u.row();
        ExecutionKey next = n.key();
        ExecutionRow nextRow = n.row();
        long range = shards.rangeIdOrZero(u.shardId());
        if (range == 0) {
            return CompletableFuture.failedFuture(new ShardOwnershipLost(u.shardId()));
        }
        Tuple params = updateParams(u, range);
        return SqlSupport.inTransaction(pool, conn -> conn.preparedQuery(UPDATE_RUN).execute(params)
                        .compose(rows -> updated(rows, u))
                        .compose(v -> SqlInboxWrites.apply(conn, u.inboxWrites()))
                        .compose(v -> conn.preparedQuery("UPDATE current_executions SET run_id = $4, status = $5, "
                                            + "start_request_id = $6 WHERE namespace_id = $1 AND workflow_id = $2 "
                                            + "AND run_id = $3")
                                .execute(Tuple.of(key.namespaceId(), key.workflowId(), key.runId(), next.runId(),
                                        nextRow.status(), n.startRequestId())))
                        .compose(x -> conn.preparedQuery(INSERT_EXECUTION).execute(insertParams(n)))
                        .compose(x -> insertEvents(conn, next, n.events()))
                        .compose(x -> SqlUsageWrites.insert(conn, usageOf(u, n), clock.millis())))
                .toCompletionStage();
    }

    private static List<io.cadenza.dataplane.metering.UsageRecord> usageOf(ExecutionUpdate u, NewExecution n) {
        if (n.usage().isEmpty()) {
            return u.usage();
        }
        List<io.cadenza.dataplane.metering.UsageRecord> all = new ArrayList<>(u.usage());
        all.addAll(n.usage());
        return all;
    }

    /** Parameters of {@link #UPDATE_RUN} for an update under shard range {@code range}. */
    private static Tuple updateParams(ExecutionUpdate u, long range) {
        return Tuple.from(updateValues(u, range));
    }

    private static Object[] updateValues(ExecutionUpdate u, long range) {
        ExecutionKey key = u.key();
        ExecutionRow row = u.row();
        return new Object[]{key.namespaceId(), key.workflowId(), key.runId(), row.status(),
                time(row.closeTimeMillis()), row.historyLength(), Buffer.buffer(u.state()), u.expectedVersion(),
                u.shardId(), range, eventIds(u.events()), eventData(u.events()), jsonb(row.searchAttributesJson()),
                bytes(row.memo()), row.executionDurationMillis()};
    }

    /** Whether {@link #UPDATE_RUN} applied: it fails if the shard moved or the run's version did. */
    private Future<Void> updated(io.vertx.sqlclient.RowSet<Row> rows, ExecutionUpdate u) {
        Row r = rows.iterator().next();
        if (r.getLong(0) == 0) {
            shards.lost(u.shardId());
            return Future.failedFuture(new ShardOwnershipLost(u.shardId()));
        }
        if (r.getLong(1) == 0) {
            return Future.failedFuture(new ConditionFailed("run " + u.key() + " changed concurrently"));
        }
        return Future.succeededFuture();
    }

    /** Parameters of {@link #INSERT_EXECUTION} for a new run. */
    private static Tuple insertParams(NewExecution n) {
        ExecutionKey key = n.key();
        ExecutionRow row = n.row();
        return Tuple.from(new Object[]{key.namespaceId(), key.workflowId(), key.runId(), n.shardId(), row.status(),
                row.workflowType(), row.taskQueue(), time(row.startTimeMillis()), time(row.executionTimeMillis()),
                time(row.closeTimeMillis()), row.historyLength(), Buffer.buffer(n.state()),
                jsonb(row.searchAttributesJson()), bytes(row.memo()), row.executionDurationMillis(),
                row.parentWorkflowId(), row.rootWorkflowId()});
    }

    /** A jsonb parameter must be a JsonObject: the client would send a String as a JSON string value. */
    private static io.vertx.core.json.JsonObject jsonb(String json) {
        return new io.vertx.core.json.JsonObject(json == null ? "{}" : json);
    }

    private static Buffer bytes(byte[] b) {
        return b == null ? null : Buffer.buffer(b);
    }

    private static Long[] eventIds(List<HistoryEvent> events) {
        Long[] ids = new Long[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = events.get(i).getEventId();
        }
        return ids;
    }

    private static Buffer[] eventData(List<HistoryEvent> events) {
        Buffer[] data = new Buffer[events.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = Buffer.buffer(events.get(i).toByteArray());
        }
        return data;
    }

    private Future<Void> insertEvents(SqlConnection conn, ExecutionKey key, List<HistoryEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> batch = new ArrayList<>(events.size());
        for (HistoryEvent e : events) {
            batch.add(Tuple.of(key.namespaceId(), key.workflowId(), key.runId(), e.getEventId(),
                    Buffer.buffer(e.toByteArray())));
        }
        return conn.preparedQuery(INSERT_EVENT).executeBatch(batch).mapEmpty();
    }

    @Override
    public CompletionStage<List<HistoryEvent>> readHistory(ExecutionKey key, long fromEventId, int limit) {
        return pool.preparedQuery("SELECT data FROM history_events WHERE namespace_id = $1 AND workflow_id = $2 "
                        + "AND run_id = $3 AND event_id >= $4 ORDER BY event_id LIMIT $5")
                .execute(Tuple.of(key.namespaceId(), key.workflowId(), key.runId(), fromEventId, limit))
                .map(rows -> {
                    List<HistoryEvent> events = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        try {
                            events.add(HistoryEvent.parseFrom(r.getBuffer(0).getBytes()));
                        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                            throw new IllegalStateException("corrupt history event of " + key, ex);
                        }
                    }
                    return events;
                })
                .toCompletionStage();
    }

    @Override
    public CompletionStage<CurrentExecution> current(String namespaceId, String workflowId) {
        return pool.preparedQuery("SELECT run_id, status, start_request_id FROM current_executions "
                        + "WHERE namespace_id = $1 AND workflow_id = $2")
                .execute(Tuple.of(namespaceId, workflowId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new CurrentExecution(r.getString(0), r.getInteger(1), r.getString(2));
                })
                .toCompletionStage();
    }

    @Override
    public CompletionStage<List<ExecutionKey>> deleteClosedBefore(String namespaceId, long closedBeforeMillis,
                                                                  int limit) {
        return SqlSupport.inTransaction(pool, conn -> conn.preparedQuery(
                        "SELECT workflow_id, run_id FROM executions WHERE namespace_id = $1 AND close_time < $2 "
                                + "ORDER BY close_time LIMIT $3")
                .execute(Tuple.of(namespaceId, time(closedBeforeMillis), limit))
                .compose(rows -> {
                    List<ExecutionKey> keys = new ArrayList<>();
                    rows.forEach(r -> keys.add(new ExecutionKey(namespaceId, r.getString(0), r.getString(1))));
                    if (keys.isEmpty()) {
                        return Future.succeededFuture(keys);
                    }
                    List<Tuple> batch = keys.stream()
                            .map(k -> Tuple.of(k.namespaceId(), k.workflowId(), k.runId())).toList();
                    return conn.preparedQuery("DELETE FROM inbox_task_events WHERE task_id IN (SELECT task_id "
                                    + "FROM inbox_tasks WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3)")
                            .executeBatch(batch)
                            .compose(x -> conn.preparedQuery("DELETE FROM inbox_tasks WHERE namespace_id = $1 "
                                    + "AND workflow_id = $2 AND run_id = $3").executeBatch(batch))
                            .compose(x -> conn.preparedQuery("DELETE FROM history_events WHERE namespace_id = $1 "
                                    + "AND workflow_id = $2 AND run_id = $3").executeBatch(batch))
                            .compose(x -> conn.preparedQuery("DELETE FROM current_executions WHERE namespace_id = $1 "
                                    + "AND workflow_id = $2 AND run_id = $3").executeBatch(batch))
                            .compose(x -> conn.preparedQuery("DELETE FROM executions WHERE namespace_id = $1 "
                                    + "AND workflow_id = $2 AND run_id = $3").executeBatch(batch))
                            .map(x -> keys);
                }))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> deleteClosed(ExecutionKey key) {
        Tuple run = Tuple.of(key.namespaceId(), key.workflowId(), key.runId());
        return SqlSupport.inTransaction(pool, conn -> conn.preparedQuery("SELECT 1 FROM executions WHERE "
                        + "namespace_id = $1 AND workflow_id = $2 AND run_id = $3 AND status <> $4 FOR UPDATE")
                .execute(Tuple.of(key.namespaceId(), key.workflowId(), key.runId(),
                        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE))
                .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false) : conn.preparedQuery(
                                "DELETE FROM inbox_task_events WHERE task_id IN (SELECT task_id FROM inbox_tasks "
                                        + "WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3)").execute(run)
                        .compose(x -> conn.preparedQuery("DELETE FROM inbox_tasks WHERE namespace_id = $1 "
                                + "AND workflow_id = $2 AND run_id = $3").execute(run))
                        .compose(x -> conn.preparedQuery("DELETE FROM history_events WHERE namespace_id = $1 "
                                + "AND workflow_id = $2 AND run_id = $3").execute(run))
                        .compose(x -> conn.preparedQuery("DELETE FROM current_executions WHERE namespace_id = $1 "
                                + "AND workflow_id = $2 AND run_id = $3").execute(run))
                        .compose(x -> conn.preparedQuery("DELETE FROM executions WHERE namespace_id = $1 "
                                + "AND workflow_id = $2 AND run_id = $3").execute(run))
                        .map(x -> true)))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<List<ExecutionKey>> openExecutions(String namespaceId, int limit) {
        // executions_by_status (namespace_id, status, start_time) serves this.
        return pool.preparedQuery("SELECT workflow_id, run_id FROM executions WHERE namespace_id = $1 AND status = $2 "
                        + "LIMIT $3")
                .execute(Tuple.of(namespaceId, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE, limit))
                .map(rows -> {
                    List<ExecutionKey> keys = new ArrayList<>(rows.size());
                    rows.forEach(r -> keys.add(new ExecutionKey(namespaceId, r.getString(0), r.getString(1))));
                    return keys;
                })
                .toCompletionStage();
    }

    @Override
    public CompletionStage<List<ExecutionKey>> openExecutions(int shardId) {
        return pool.preparedQuery("SELECT namespace_id, workflow_id, run_id FROM executions "
                        + "WHERE shard_id = $1 AND status = $2")
                .execute(Tuple.of(shardId, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE))
                .map(rows -> {
                    List<ExecutionKey> keys = new ArrayList<>(rows.size());
                    rows.forEach(r -> keys.add(new ExecutionKey(r.getString(0), r.getString(1), r.getString(2))));
                    return keys;
                })
                .toCompletionStage();
    }
}
