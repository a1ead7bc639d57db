package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.human.inbox.InboxQuery;
import io.cadenza.dataplane.human.inbox.InboxStore;
import io.cadenza.dataplane.human.inbox.InboxTask;
import io.cadenza.dataplane.human.inbox.InboxTaskState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** {@link InboxStore} in {@code inbox_tasks} and {@code inbox_task_events}; see {@link SqlInboxWrites}. */
public class SqlInboxStore implements InboxStore {

    private static final String COLUMNS = "task_id, namespace_id, workflow_id, run_id, scheduled_event_id, "
            + "activity_id, workflow_type, title, priority, due_at, expires_at, state, overdue, escalated, assignee, "
            + "candidate_users, candidate_groups, principals, request::text, result::text, completed_by, closed_at, "
            + "close_reason, created_at, updated_at, version";

    private static final String CHANGE =
            "WITH t AS (UPDATE inbox_tasks SET state = $3, assignee = $4, principals = $5::text[], updated_at = $6, "
                    + "  version = version + 1 WHERE task_id = $1 AND version = $2 "
                    + "  AND state IN ('open', 'claimed') RETURNING version) "
                    + "INSERT INTO inbox_task_events (task_id, seq, at, actor, action, detail) "
                    + "SELECT $1, version, $6, $7, $8, $9::jsonb FROM t RETURNING seq";

    private final Pool pool;

    public SqlInboxStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<InboxTask> find(String namespaceId, String taskId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM inbox_tasks WHERE task_id = $1 AND namespace_id = $2")
                .execute(Tuple.of(taskId, namespaceId))
                .compose(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Future.succeededFuture((InboxTask) null);
                    }
                    InboxTask task = task(rows.iterator().next());
                    return pool.preparedQuery("SELECT seq, at, actor, action, detail::text FROM inbox_task_events "
                                    + "WHERE task_id = $1 ORDER BY seq")
                            .execute(Tuple.of(taskId))
                            .map(events -> {
                                List<InboxTask.AuditEntry> audit = new ArrayList<>();
                                for (Row r : events) {
                                    audit.add(new InboxTask.AuditEntry(r.getLong(0),
                                            SqlSupport.millis(r.getOffsetDateTime(1)), r.getString(2),
                                            r.getString(3), r.getString(4)));
                                }
                                return task.withAudit(audit);
                            });
                })
                .toCompletionStage();
    }

    @Override
    public CompletionStage<List<InboxTask>> list(InboxQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM inbox_tasks WHERE namespace_id = ")
                .append(param(params, q.namespaceId()));
        if (q.principals() != null) {
            sql.append(" AND principals && ").append(param(params, q.principals().toArray(String[]::new)))
                    .append("::text[]");
        }
        if (q.states() != null && !q.states().isEmpty()) {
            sql.append(" AND state = ANY(").append(param(params, q.states().toArray(String[]::new)))
                    .append("::text[])");
        }
        if (q.priority() != null) {
            sql.append(" AND priority = ").append(param(params, q.priority()));
        }
        if (q.dueBeforeMillis() != null) {
            sql.append(" AND due_at < ").append(param(params, SqlSupport.time(q.dueBeforeMillis())));
        }
        if (q.workflowType() != null) {
            sql.append(" AND workflow_type = ").append(param(params, q.workflowType()));
        }
        if (q.titleContains() != null) {
            String escaped = q.titleContains().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            sql.append(" AND title ILIKE ").append(param(params, "%" + escaped + "%"));
        }
        if (q.afterTaskId() != null) {
            sql.append(" AND (created_at, task_id) > (").append(param(params, SqlSupport.time(q.afterCreatedMillis())))
                    .append(", ").append(param(params, q.afterTaskId())).append(")");
        }
        sql.append(" ORDER BY created_at, task_id LIMIT ").append(param(params, q.pageSize() + 1));
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params))
                .map(rows -> {
                    List<InboxTask> out = new ArrayList<>();
                    rows.forEach(r -> out.add(task(r)));
                    return out;
                })
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> change(InboxTask task, InboxTaskState state, String assignee,
                                           List<String> principals, long nowMillis, String actor, String action,
                                           JsonObject detail) {
        Tuple params = Tuple.from(new Object[]{task.taskId(), task.version(), state.json(), assignee,
                principals.toArray(String[]::new), SqlSupport.time(nowMillis), actor, action, detail});
        return pool.preparedQuery(CHANGE).execute(params)
                .map(rows -> rows.rowCount() == 1)
                .toCompletionStage();
    }

    private static String param(List<Object> params, Object value) {
        params.add(value);
        return "$" + params.size();
    }

    private static InboxTask task(Row r) {
        return new InboxTask(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                r.getString(5), r.getString(6), r.getString(7), r.getInteger(8),
                SqlSupport.millis(r.getOffsetDateTime(9)), SqlSupport.millis(r.getOffsetDateTime(10)),
                InboxTaskState.fromJson(r.getString(11)), r.getBoolean(12), r.getBoolean(13), r.getString(14),
                strings(r.getArrayOfStrings(15)), strings(r.getArrayOfStrings(16)), strings(r.getArrayOfStrings(17)),
                r.getString(18), r.getString(19), r.getString(20), SqlSupport.millis(r.getOffsetDateTime(21)),
                r.getString(22), SqlSupport.millis(r.getOffsetDateTime(23)),
                SqlSupport.millis(r.getOffsetDateTime(24)), r.getLong(25), List.of());
    }

    private static List<String> strings(String[] a) {
        return a == null ? List.of() : Arrays.asList(a);
    }
}
