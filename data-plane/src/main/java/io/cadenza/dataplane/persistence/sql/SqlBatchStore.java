package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.persistence.BatchStore;
import io.cadenza.dataplane.visibility.SqlFilter;
import io.cadenza.dataplane.visibility.VisibilityQueryTranslator;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.BatchOperationState;
import io.temporal.api.enums.v1.BatchOperationType;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** {@link BatchStore} on the cell's PostgreSQL-wire database (made by {@link SqlStores}, which adds retries). */
public class SqlBatchStore implements BatchStore {

    private static final String COLUMNS = "namespace_id, job_id, shard_id, operation_type, state, request, reason, "
            + "identity, query, ops_per_second, start_time, close_time, total_count, completed_count, failed_count";

    private final Pool pool;

    public SqlBatchStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<Created> create(BatchJob job, String query, Map<String, IndexedValueType> attributes,
                                           List<WorkflowExecution> executions, int maxRunning) {
        // $1, $2 are the namespace and job id of the targets' insert: the filter's parameters follow them
        SqlFilter filter = query == null ? null : VisibilityQueryTranslator.forList(query, attributes, 3);
        return SqlSupport.inTransaction(pool, conn -> conn.preparedQuery(
                        "INSERT INTO batch_operations (" + COLUMNS + ") SELECT $1, $2, $3, $4, 1, $5, $6, $7, $8, $9, "
                                + "$10, NULL, 0, 0, 0 WHERE (SELECT count(*) FROM batch_operations "
                                + "WHERE namespace_id = $1 AND state = 1) < $11 ON CONFLICT DO NOTHING")
                .execute(Tuple.from(new Object[]{job.namespaceId(), job.jobId(), job.shardId(), job.type().getNumber(),
                        Buffer.buffer(job.request()), job.reason(), job.identity(), job.query(), job.opsPerSecond(),
                        SqlSupport.time(job.startMillis()), maxRunning}))
                .compose(inserted -> {
                    if (inserted.rowCount() == 1) {
                        return targets(conn, job, filter, executions).compose(total -> conn.preparedQuery(
                                        "UPDATE batch_operations SET total_count = $3 "
                                                + "WHERE namespace_id = $1 AND job_id = $2")
                                .execute(Tuple.of(job.namespaceId(), job.jobId(), total))
                                .map(Created.CREATED));
                    }
                    return conn.preparedQuery("SELECT 1 FROM batch_operations WHERE namespace_id = $1 AND job_id = $2")
                            .execute(Tuple.of(job.namespaceId(), job.jobId()))
                            .map(rows -> rows.size() > 0 ? Created.DUPLICATE_JOB_ID : Created.TOO_MANY_RUNNING);
                })).toCompletionStage();
    }

    /** Inserts the job's targets; completes with their number. */
    private static Future<Long> targets(SqlConnection conn, BatchJob job, SqlFilter filter,
                                        List<WorkflowExecution> executions) {
        if (filter != null) {
            List<Object> params = new ArrayList<>();
            params.add(job.namespaceId());
            params.add(job.jobId());
            params.addAll(filter.params());
            return conn.preparedQuery("INSERT INTO batch_operation_targets (namespace_id, job_id, seq, workflow_id, "
                            + "run_id) SELECT $1, $2, row_number() OVER (ORDER BY " + filter.orderBy() + "), "
                            + "workflow_id, run_id FROM executions WHERE namespace_id = $1 AND " + filter.where())
                    .execute(Tuple.from(params)).map(rows -> (long) rows.rowCount());
        }
        String[] workflowIds = executions.stream().map(WorkflowExecution::getWorkflowId).toArray(String[]::new);
        String[] runIds = executions.stream().map(WorkflowExecution::getRunId).toArray(String[]::new);
        // An execution without run id means the workflow id's current run: resolved now, so that an operation
        // applied again after a crash addresses the run it was meant for, not one started since.
        return conn.preparedQuery("INSERT INTO batch_operation_targets (namespace_id, job_id, seq, workflow_id, run_id) "
                        + "SELECT $1, $2, t.n, t.w, CASE WHEN t.r = '' THEN COALESCE(c.run_id, '') ELSE t.r END "
                        + "FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS t(w, r, n) "
                        + "LEFT JOIN current_executions c ON c.namespace_id = $1 AND c.workflow_id = t.w")
                .execute(Tuple.of(job.namespaceId(), job.jobId(), workflowIds, runIds))
                .map(rows -> (long) rows.rowCount());
    }

    @Override
    public CompletionStage<Optional<BatchJob>> find(String namespaceId, String jobId) {
        return pool.preparedQuery("SELECT " + COLUMNS
                                + " FROM batch_operations WHERE namespace_id = $1 AND job_id = $2")
                        .execute(Tuple.of(namespaceId, jobId))
                .map(rows -> rows.size() == 0 ? Optional.<BatchJob>empty()
                        : Optional.of(job(rows.iterator().next())))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<List<BatchJob>> list(String namespaceId, long afterStartMillis, String afterJobId,
                                                int limit) {
        String sql = "SELECT " + COLUMNS + " FROM batch_operations WHERE namespace_id = $1"
                + (afterJobId == null ? "" : " AND (start_time, job_id) < ($3, $4)")
                + " ORDER BY start_time DESC, job_id DESC LIMIT $2";
        Tuple params = afterJobId == null ? Tuple.of(namespaceId, limit)
                : Tuple.of(namespaceId, limit, SqlSupport.time(afterStartMillis), afterJobId);
        return pool.preparedQuery(sql).execute(params)
                .map(SqlBatchStore::jobs).toCompletionStage();
    }

    @Override
    public CompletionStage<List<BatchJob>> running() {
        return pool.preparedQuery("SELECT " + COLUMNS
                        + " FROM batch_operations WHERE state = 1 ORDER BY start_time").execute()
                .map(SqlBatchStore::jobs).toCompletionStage();
    }

    @Override
    public CompletionStage<List<Target>> pending(String namespaceId, String jobId, long afterSeq, int limit) {
        return pool.preparedQuery("SELECT seq, workflow_id, run_id "
                                + "FROM batch_operation_targets WHERE namespace_id = $1 AND job_id = $2 AND seq > $3 "
                                + "AND outcome = 0 ORDER BY seq LIMIT $4")
                        .execute(Tuple.of(namespaceId, jobId, afterSeq, limit))
                .map(rows -> {
                    List<Target> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Target(r.getLong(0), r.getString(1), r.getString(2))));
                    return out;
                }).toCompletionStage();
    }

    @Override
    public CompletionStage<Void> record(String namespaceId, String jobId, long seq, Outcome outcome, String error) {
        String counter = outcome == Outcome.DONE ? "completed_count" : "failed_count";
        return pool.preparedQuery("WITH t AS (UPDATE batch_operation_targets "
                                + "SET outcome = $4, error = $5 WHERE namespace_id = $1 AND job_id = $2 AND seq = $3 "
                                + "AND outcome = 0 RETURNING 1) UPDATE batch_operations SET " + counter + " = "
                                + counter + " + (SELECT count(*) FROM t) WHERE namespace_id = $1 AND job_id = $2")
                        .execute(Tuple.of(namespaceId, jobId, seq, outcome.code, error))
                .<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> close(String namespaceId, String jobId, BatchOperationState state,
                                          long closeMillis) {
        return pool.preparedQuery("UPDATE batch_operations SET state = $3, close_time = $4 "
                                + "WHERE namespace_id = $1 AND job_id = $2 AND state = 1")
                        .execute(Tuple.of(namespaceId, jobId, state.getNumber(), SqlSupport.time(closeMillis)))
                .map(rows -> rows.rowCount() == 1).toCompletionStage();
    }

    private static List<BatchJob> jobs(Iterable<Row> rows) {
        List<BatchJob> out = new ArrayList<>();
        rows.forEach(r -> out.add(job(r)));
        return out;
    }

    private static BatchJob job(Row r) {
        return new BatchJob(r.getString(0), r.getString(1), r.getInteger(2),
                BatchOperationType.forNumber(r.getInteger(3)), BatchOperationState.forNumber(r.getInteger(4)),
                r.getBuffer(5).getBytes(), r.getString(6), r.getString(7), r.getString(8), r.getDouble(9),
                SqlSupport.millis(r.getOffsetDateTime(10)), SqlSupport.millis(r.getOffsetDateTime(11)), r.getLong(12),
                r.getLong(13), r.getLong(14));
    }
}
