package io.cadenza.dataplane.persistence.sql;

import static io.cadenza.dataplane.persistence.sql.SqlSupport.time;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.standalone.StandaloneActivity;
import io.cadenza.dataplane.execution.standalone.StandaloneActivityStore;
import io.cadenza.dataplane.persistence.ConditionFailed;
import io.cadenza.dataplane.persistence.ShardOwnershipLost;
import io.cadenza.dataplane.persistence.VisibilityStore;
import io.cadenza.dataplane.visibility.KeysetPaging;
import io.cadenza.dataplane.visibility.PageToken;
import io.cadenza.dataplane.visibility.SqlFilter;
import io.cadenza.dataplane.visibility.SqlFragment;
import io.cadenza.dataplane.visibility.VisibilityQueryTranslator;
import io.temporal.api.activity.v1.ActivityExecutionListInfo;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.ActivityExecutionStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link StandaloneActivityStore} in {@code standalone_activities}. Every write is
 * one statement carrying the shard fence (as {@link SqlExecutionStore} does), and updates are conditional on the
 * row version, so a former owner of the shard, or a stale cached copy, can never overwrite a newer state.
 */
public class SqlStandaloneActivityStore implements StandaloneActivityStore {

    private static final String FENCE =
            "WITH fence AS (SELECT range_id FROM shards WHERE shard_id = $1 AND range_id = $2 FOR SHARE), ";

    private static final String INSERT = FENCE
            + "ins AS (INSERT INTO standalone_activities (namespace_id, activity_id, run_id, run_seq, shard_id, "
            + "  db_version, status, activity_type, task_queue, start_request_id, schedule_time, execution_time, "
            + "  close_time, execution_duration_ms, search_attributes, state) "
            + "  SELECT $3, $4, $5, $6, $1, 1, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16 "
            + "  WHERE EXISTS (SELECT 1 FROM fence) RETURNING 1) "
            + "SELECT (SELECT count(*) FROM fence), (SELECT count(*) FROM ins)";

    private static final String UPDATE = FENCE
            + "upd AS (UPDATE standalone_activities SET db_version = db_version + 1, status = $6, close_time = $7, "
            + "  execution_duration_ms = $8, state = $9 WHERE namespace_id = $3 AND activity_id = $4 AND run_id = $5 "
            + "  AND db_version = $10 AND EXISTS (SELECT 1 FROM fence) RETURNING 1) "
            + "SELECT (SELECT count(*) FROM fence), (SELECT count(*) FROM upd)";

    private static final String DELETE = FENCE
            + "del AS (DELETE FROM standalone_activities WHERE namespace_id = $3 AND activity_id = $4 AND run_id = $5 "
            + "  AND EXISTS (SELECT 1 FROM fence) RETURNING 1) "
            + "SELECT (SELECT count(*) FROM fence), (SELECT count(*) FROM del)";

    /**
     * The list query's table: the columns under the names the visibility translator gives the executions' (see
     * {@code visibility.Attribute.ACTIVITY_SYSTEM}); ExecutionStatus in WorkflowExecutionStatus numbers (timed out
     * is 6 for activities, 7 for workflows).
     */
    private static final String VISIBLE = "(SELECT namespace_id, activity_id AS workflow_id, run_id, "
            + "activity_type AS workflow_type, task_queue, CASE status WHEN 6 THEN 7 ELSE status END AS status, "
            + "status AS activity_status, schedule_time AS start_time, execution_time, close_time, "
            + "execution_duration_ms, search_attributes FROM standalone_activities) AS a";

    private final Pool pool;
    private final SqlShardLeases shards;

    public SqlStandaloneActivityStore(Pool pool, SqlShardLeases shards) {
        this.pool = pool;
        this.shards = shards;
    }

    /** The latest run of an activity id, or null. */
    @Override
    public CompletionStage<Stored> latest(String namespaceId, String activityId) {
        return one("SELECT state, db_version, shard_id FROM standalone_activities WHERE namespace_id = $1 "
                + "AND activity_id = $2 ORDER BY run_seq DESC LIMIT 1", Tuple.of(namespaceId, activityId));
    }

    @Override
    public CompletionStage<Stored> load(String namespaceId, String activityId, String runId) {
        return one("SELECT state, db_version, shard_id FROM standalone_activities WHERE namespace_id = $1 "
                + "AND activity_id = $2 AND run_id = $3", Tuple.of(namespaceId, activityId, runId));
    }

    private CompletionStage<Stored> one(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return (Stored) null;
            }
            Row r = rows.iterator().next();
            return new Stored(StandaloneActivity.decode(r.getBuffer(0).getBytes()), r.getLong(1), r.getInteger(2));
        }).toCompletionStage();
    }

    @Override
    public CompletionStage<Void> insert(StandaloneActivity a, int shardId,
                                        java.util.List<io.cadenza.dataplane.metering.UsageRecord> usage,
                                        long nowMillis) {
        long range = shards.rangeIdOrZero(shardId);
        if (range == 0) {
            return CompletableFuture.failedFuture(new ShardOwnershipLost(shardId));
        }
        Tuple params = Tuple.from(new Object[]{shardId, range, a.namespaceId, a.activityId, a.runId, a.runSeq,
                a.status, a.activity.attributes().getActivityType().getName(),
                a.activity.attributes().getTaskQueue().getName(), a.startRequestId, time(a.scheduleTimeMillis),
                time(a.executionTimeMillis), time(a.closeTimeMillis), duration(a),
                new JsonObject(a.searchAttributesJson == null ? "{}" : a.searchAttributesJson),
                Buffer.buffer(a.encode())});
        String sql = usage.isEmpty() ? INSERT : SqlUsageWrites.withUsage(INSERT, 17, "ins");
        Tuple all = usage.isEmpty() ? params
                : Tuple.from(SqlUsageWrites.concat(tupleValues(params), SqlUsageWrites.params(usage, nowMillis)));
        Future<RowSet<Row>> write = pool.preparedQuery(sql).execute(all)
                .recover(e -> SqlSupport.isUniqueViolation(e)
                        ? Future.failedFuture(new ConditionFailed("activity " + a.activityId + " already has a "
                        + "running run or run " + a.runId)) : Future.failedFuture(e));
        return checked(write, shardId, "activity " + a.activityId + " run " + a.runId + " exists");
    }

    @Override
    public CompletionStage<Void> update(StandaloneActivity a, int shardId, long expectedVersion,
                                        java.util.List<io.cadenza.dataplane.metering.UsageRecord> usage,
                                        long nowMillis) {
        long range = shards.rangeIdOrZero(shardId);
        if (range == 0) {
            return CompletableFuture.failedFuture(new ShardOwnershipLost(shardId));
        }
        Tuple params = Tuple.from(new Object[]{shardId, range, a.namespaceId, a.activityId, a.runId, a.status,
                time(a.closeTimeMillis), duration(a), Buffer.buffer(a.encode()), expectedVersion});
        String sql = usage.isEmpty() ? UPDATE : SqlUsageWrites.withUsage(UPDATE, 11, "upd");
        Tuple all = usage.isEmpty() ? params
                : Tuple.from(SqlUsageWrites.concat(tupleValues(params), SqlUsageWrites.params(usage, nowMillis)));
        return checked(pool.preparedQuery(sql).execute(all), shardId,
                "activity " + a.activityId + " run " + a.runId + " changed since it was loaded");
    }

    @Override
    public CompletionStage<Void> delete(String namespaceId, String activityId, String runId, int shardId) {
        long range = shards.rangeIdOrZero(shardId);
        if (range == 0) {
            return CompletableFuture.failedFuture(new ShardOwnershipLost(shardId));
        }
        Tuple params = Tuple.of(shardId, range, namespaceId, activityId, runId);
        return pool.preparedQuery(DELETE).execute(params).map(rows -> {
            if (rows.iterator().next().getLong(0) == 0) {
                shards.lost(shardId);
                throw new ShardOwnershipLost(shardId);
            }
            return (Void) null;
        }).toCompletionStage();
    }

    private static Object[] tupleValues(Tuple t) {
        Object[] values = new Object[t.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = t.getValue(i);
        }
        return values;
    }

    private CompletionStage<Void> checked(Future<RowSet<Row>> write, int shardId, String conflict) {
        return write.map(rows -> {
            Row r = rows.iterator().next();
            if (r.getLong(0) == 0) {
                shards.lost(shardId);
                throw new ShardOwnershipLost(shardId);
            }
            if (r.getLong(1) == 0) {
                throw new ConditionFailed(conflict);
            }
            return (Void) null;
        }).toCompletionStage();
    }

    /** Retention: deletes up to {@code limit} runs that closed before the cutoff; completes with how many. */
    @Override
    public CompletionStage<Integer> deleteClosedBefore(String namespaceId, long closedBeforeMillis, int limit) {
        return pool.preparedQuery("DELETE FROM standalone_activities WHERE (namespace_id, "
                        + "activity_id, run_id) IN (SELECT namespace_id, activity_id, run_id FROM standalone_activities "
                        + "WHERE namespace_id = $1 AND close_time < $2 ORDER BY close_time LIMIT $3)")
                .execute(Tuple.of(namespaceId, time(closedBeforeMillis), limit))
                .map(rows -> rows.rowCount()).toCompletionStage();
    }

    /** (namespace id, activity id) of every running activity of a shard, for recovery. */
    @Override
    public CompletionStage<List<String[]>> running(int shardId) {
        return pool.preparedQuery("SELECT namespace_id, activity_id FROM standalone_activities "
                        + "WHERE shard_id = $1 AND status = 1")
                .execute(Tuple.of(shardId)).map(rows -> {
                    List<String[]> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new String[]{r.getString(0), r.getString(1)}));
                    return out;
                }).toCompletionStage();
    }

    @Override
    public CompletionStage<Page> list(String namespaceId, String query, Map<String, IndexedValueType> types,
                                      PageToken after, int pageSize) {
        SqlFilter filter = VisibilityQueryTranslator.forActivityList(query, types, 2);
        List<Object> params = new ArrayList<>();
        params.add(namespaceId);
        params.addAll(filter.params());
        StringBuilder sql = new StringBuilder("SELECT workflow_id, run_id, workflow_type, task_queue, "
                + "activity_status, start_time, execution_time, close_time, execution_duration_ms, "
                + "search_attributes::text FROM ").append(VISIBLE).append(" WHERE namespace_id = $1 AND ")
                .append(filter.where());
        if (after != null) {
            SqlFragment continuation = KeysetPaging.after(filter, after, params.size() + 1);
            sql.append(" AND ").append(continuation.sql());
            params.addAll(continuation.params());
        }
        sql.append(" ORDER BY ").append(filter.orderBy()).append(" LIMIT ").append(pageSize + 1);
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<ActivityExecutionListInfo> out = new ArrayList<>();
            PageToken next = null;
            int i = 0;
            for (Row r : rows) {
                if (i++ == pageSize) {
                    ActivityExecutionListInfo last = out.get(out.size() - 1);
                    var order = filter.sortOrder();
                    OffsetDateTime sortTime = switch (order.attribute()) {
                        case "CloseTime" -> last.hasCloseTime() ? time(Protos.millis(last.getCloseTime())) : null;
                        case "ExecutionTime" -> time(Protos.millis(last.getExecutionTime()));
                        default -> time(Protos.millis(last.getScheduleTime()));
                    };
                    next = new PageToken(order, sortTime, last.getRunId());
                    break;
                }
                out.add(listInfo(r, types));
            }
            return new Page(out, next);
        }).toCompletionStage();
    }

    @Override
    public CompletionStage<VisibilityStore.Count> count(String namespaceId, String query,
                                                        Map<String, IndexedValueType> types) {
        SqlFilter filter = VisibilityQueryTranslator.forActivityCount(query, types, 2);
        List<Object> params = new ArrayList<>();
        params.add(namespaceId);
        params.addAll(filter.params());
        String sql = filter.groupByStatus()
                ? "SELECT activity_status, count(*) FROM " + VISIBLE + " WHERE namespace_id = $1 AND "
                + filter.where() + " GROUP BY activity_status ORDER BY activity_status"
                : "SELECT -1, count(*) FROM " + VISIBLE + " WHERE namespace_id = $1 AND " + filter.where();
        return pool.preparedQuery(sql).execute(Tuple.from(params))
                .map(rows -> SqlVisibilityStore.counts(rows, filter)).toCompletionStage();
    }

    private static ActivityExecutionListInfo listInfo(Row r, Map<String, IndexedValueType> types) {
        ActivityExecutionListInfo.Builder b = ActivityExecutionListInfo.newBuilder()
                .setActivityId(r.getString(0))
                .setRunId(r.getString(1))
                .setActivityType(ActivityType.newBuilder().setName(r.getString(2)))
                .setTaskQueue(r.getString(3))
                .setStatus(ActivityExecutionStatus.forNumber(r.getInteger(4)))
                .setScheduleTime(Protos.timestamp(SqlSupport.millis(r.getOffsetDateTime(5))))
                .setExecutionTime(Protos.timestamp(SqlSupport.millis(r.getOffsetDateTime(6))))
                .setSearchAttributes(SqlVisibilityStore.searchAttributes(r.getString(9), types));
        if (r.getOffsetDateTime(7) != null) {
            b.setCloseTime(Protos.timestamp(SqlSupport.millis(r.getOffsetDateTime(7))));
        }
        if (r.getLong(8) != null) {
            b.setExecutionDuration(Protos.duration(r.getLong(8)));
        }
        return b.build();
    }

    private static Long duration(StandaloneActivity a) {
        return a.closeTimeMillis == 0 ? null : Math.max(0, a.closeTimeMillis - a.scheduleTimeMillis);
    }
}
