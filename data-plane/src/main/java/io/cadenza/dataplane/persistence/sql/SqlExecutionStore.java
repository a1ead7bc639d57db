package io.cadenza.dataplane.persistence.sql;

import static io.cadenza.dataplane.persistence.sql.SqlSupport.time;

import io.cadenza.dataplane.execution.ExecutionKey;
import io.cadenza.dataplane.persistence.ConditionFailed;
import io.cadenza.dataplane.persistence.CurrentExecution;
import io.cadenza.dataplane.persistence.ExecutionRow;
import io.cadenza.dataplane.persistence.ExecutionStore;
import io.cadenza.dataplane.persistence.ExecutionUpdate;
import io.cadenza.dataplane.persistence.NewExecution;
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
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@link ExecutionStore} on the PostgreSQL wire protocol (PostgreSQL here, CockroachDB in production). */
@ApplicationScoped
public class SqlExecutionStore implements ExecutionStore {

    private static final String UPSERT_CURRENT =
            "INSERT INTO current_executions (namespace_id, workflow_id, run_id, status, start_request_id) "
                    + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (namespace_id, workflow_id) DO UPDATE SET "
                    + "run_id = excluded.run_id, status = excluded.status, start_request_id = excluded.start_request_id";
    private static final String INSERT_EXECUTION =
            "INSERT INTO executions (namespace_id, workflow_id, run_id, shard_id, db_version, status, workflow_type, "
                    + "task_queue, start_time, execution_time, close_time, history_length, state) "
                    + "VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10, $11, $12)";
    private static final String UPDATE_EXECUTION =
            "UPDATE executions SET db_version = db_version + 1, status = $4, close_time = $5, history_length = $6, "
                    + "state = $7 WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3 AND db_version = $8";
    private static final String INSERT_EVENT =
            "INSERT INTO history_events (namespace_id, workflow_id, run_id, event_id, data) VALUES ($1, $2, $3, $4, $5)";

    private final Pool pool;
    private final ShardOwnership shards;

    public SqlExecutionStore(Pool pool, ShardOwnership shards) {
        this.pool = pool;
        this.shards = shards;
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
                            return conn.preparedQuery(UPSERT_CURRENT)
                                    .execute(Tuple.of(key.namespaceId(), key.workflowId(), key.runId(), row.status(),
                                            e.startRequestId()))
                                    .compose(x -> conn.preparedQuery(INSERT_EXECUTION).execute(Tuple.from(new Object[]{
                                            key.namespaceId(), key.workflowId(), key.runId(), e.shardId(), row.status(),
                                            row.workflowType(), row.taskQueue(), time(row.startTimeMillis()),
                                            time(row.executionTimeMillis()), time(row.closeTimeMillis()),
                                            row.historyLength(), Buffer.buffer(e.state())})))
                                    .compose(x -> insertEvents(conn, key, e.events()))
                                    .map(x -> decision);
                        }))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Void> update(ExecutionUpdate u) {
        ExecutionKey key = u.key();
        ExecutionRow row = u.row();
        return SqlSupport.inTransaction(pool, conn -> shards.fence(conn, u.shardId())
                        .compose(v -> conn.preparedQuery(UPDATE_EXECUTION).execute(Tuple.from(new Object[]{
                                key.namespaceId(), key.workflowId(), key.runId(), row.status(),
                                time(row.closeTimeMillis()), row.historyLength(), Buffer.buffer(u.state()),
                                u.expectedVersion()})))
                        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture()
                                : Future.failedFuture(new ConditionFailed("run " + key + " changed concurrently")))
                        .compose(v -> insertEvents(conn, key, u.events()))
                        .compose(v -> row.status() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE
                                ? Future.<Void>succeededFuture()
                                : conn.preparedQuery("UPDATE current_executions SET status = $4 WHERE namespace_id = $1 "
                                                + "AND workflow_id = $2 AND run_id = $3")
                                        .execute(Tuple.of(key.namespaceId(), key.workflowId(), key.runId(), row.status()))
                                        .mapEmpty()))
                .toCompletionStage();
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
                    return conn.preparedQuery("DELETE FROM history_events WHERE namespace_id = $1 "
                                    + "AND workflow_id = $2 AND run_id = $3").executeBatch(batch)
                            .compose(x -> conn.preparedQuery("DELETE FROM current_executions WHERE namespace_id = $1 "
                                    + "AND workflow_id = $2 AND run_id = $3").executeBatch(batch))
                            .compose(x -> conn.preparedQuery("DELETE FROM executions WHERE namespace_id = $1 "
                                    + "AND workflow_id = $2 AND run_id = $3").executeBatch(batch))
                            .map(x -> keys);
                }))
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
