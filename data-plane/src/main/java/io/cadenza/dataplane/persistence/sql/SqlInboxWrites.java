package io.cadenza.dataplane.persistence.sql;

import static io.cadenza.dataplane.persistence.sql.SqlSupport.time;

import io.cadenza.dataplane.persistence.InboxWrite;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Inbox changes inside a run's commit transaction. Each statement changes one task and appends its audit entry
 * (sequence = the task's new version) in one CTE, so an entry exists exactly when the change does.
 */
final class SqlInboxWrites {

    private static final String INSERT =
            "WITH t AS (INSERT INTO inbox_tasks (task_id, namespace_id, workflow_id, run_id, scheduled_event_id, "
                    + "  activity_id, workflow_type, title, priority, due_at, expires_at, state, assignee, "
                    + "  candidate_users, candidate_groups, principals, request, created_at, updated_at, version) "
                    + "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text[], $15::text[], "
                    + "  $16::text[], $17::jsonb, $18, $18, 1) ON CONFLICT (task_id) DO NOTHING RETURNING version) "
                    + "INSERT INTO inbox_task_events (task_id, seq, at, actor, action, detail) "
                    + "SELECT $1, version, $18, 'system', 'created', $19::jsonb FROM t";

    private static final String CLOSE =
            "WITH t AS (UPDATE inbox_tasks SET state = $2, result = $3::jsonb, completed_by = $4, close_reason = $5, "
                    + "  closed_at = $6, updated_at = $6, version = version + 1 "
                    + "  WHERE task_id = $1 AND state IN ('open', 'claimed') RETURNING version) "
                    + "INSERT INTO inbox_task_events (task_id, seq, at, actor, action, detail) "
                    + "SELECT $1, version, $6, $7, $8, $9::jsonb FROM t";

    private static final String OVERDUE =
            "WITH t AS (UPDATE inbox_tasks SET overdue = true, escalated = $3, "
                    + "  candidate_groups = array_cat(candidate_groups, $2::text[]), "
                    + "  principals = array_cat(principals, $4::text[]), updated_at = $5, version = version + 1 "
                    + "  WHERE task_id = $1 AND state IN ('open', 'claimed') AND NOT overdue RETURNING version) "
                    + "INSERT INTO inbox_task_events (task_id, seq, at, actor, action, detail) "
                    + "SELECT $1, version, $5, 'system', $6, $7::jsonb FROM t";

    private SqlInboxWrites() {
    }

    static Future<Void> apply(SqlConnection conn, List<InboxWrite> writes) {
        Future<Void> chain = Future.succeededFuture();
        for (InboxWrite w : writes) {
            chain = chain.compose(v -> apply(conn, w));
        }
        return chain;
    }

    private static Future<Void> apply(SqlConnection conn, InboxWrite write) {
        if (write instanceof InboxWrite.Insert i) {
            return conn.preparedQuery(INSERT).execute(Tuple.from(new Object[]{
                    i.taskId(), i.namespaceId(), i.workflowId(), i.runId(), i.scheduledEventId(), i.activityId(),
                    i.workflowType(), i.title(), i.priority(), time(i.dueAtMillis()), time(i.expiresAtMillis()),
                    i.assignee() == null ? "open" : "claimed", i.assignee(), i.candidateUsers().toArray(String[]::new),
                    i.candidateGroups().toArray(String[]::new), principals(i).toArray(String[]::new),
                    new JsonObject(i.requestJson()), time(i.atMillis()),
                    new JsonObject().put("assignee", i.assignee())})).mapEmpty();
        }
        if (write instanceof InboxWrite.Close c) {
            return conn.preparedQuery(CLOSE).execute(Tuple.from(new Object[]{
                    c.taskId(), c.state(), c.resultJson() == null ? null : new JsonObject(c.resultJson()),
                    "completed".equals(c.state()) ? c.actor() : null, c.reason(), time(c.atMillis()), c.actor(),
                    c.state(), closeDetail(c)})).mapEmpty();
        }
        InboxWrite.Overdue o = (InboxWrite.Overdue) write;
        return conn.preparedQuery(OVERDUE).execute(Tuple.from(new Object[]{
                o.taskId(), o.escalateTo().toArray(String[]::new), !o.escalateTo().isEmpty(),
                o.escalateTo().stream().map(g -> "group:" + g).toArray(String[]::new), time(o.atMillis()),
                o.escalateTo().isEmpty() ? "overdue" : "escalated",
                new JsonObject().put("escalateTo", o.escalateTo())})).mapEmpty();
    }

    private static JsonObject closeDetail(InboxWrite.Close c) {
        JsonObject detail = new JsonObject();
        if (c.reason() != null) {
            detail.put("reason", c.reason());
        }
        if (c.resultJson() != null) {
            JsonObject result = new JsonObject(c.resultJson());
            detail.put("outcome", result.getString("outcome")).put("comment", result.getString("comment"));
        }
        return detail;
    }

    /** Who may see a task: its candidate users and groups and its assignee (see the principals column). */
    static List<String> principals(InboxWrite.Insert i) {
        java.util.LinkedHashSet<String> p = new java.util.LinkedHashSet<>();
        i.candidateUsers().forEach(u -> p.add("user:" + u));
        i.candidateGroups().forEach(g -> p.add("group:" + g));
        if (i.assignee() != null) {
            p.add("user:" + i.assignee());
        }
        return List.copyOf(p);
    }
}
