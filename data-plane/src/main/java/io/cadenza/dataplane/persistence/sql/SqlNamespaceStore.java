package io.cadenza.dataplane.persistence.sql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceStore;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

public class SqlNamespaceStore implements NamespaceStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code namespaces.state}: registered and usable. */
    static final int REGISTERED = 1;
    /** {@code namespaces.state}: deleted; its data is being purged and the row goes last. */
    static final int DELETED = 2;

    /**
     * Batched deletes of what a deleted namespace may still own once its runs are purged, children before parents
     * (audit rows before their inbox task). Each deletes at most $2 rows selected by the namespace ($1) through a
     * primary-key subquery, which PostgreSQL and CockroachDB both accept (neither needs DELETE ... LIMIT).
     */
    private static final List<String> REMAINING_DATA = List.of(
            "DELETE FROM inbox_task_events WHERE task_id IN (SELECT task_id FROM inbox_tasks WHERE namespace_id = $1 "
                    + "ORDER BY task_id LIMIT $2)",
            "DELETE FROM inbox_tasks WHERE task_id IN (SELECT task_id FROM inbox_tasks WHERE namespace_id = $1 "
                    + "ORDER BY task_id LIMIT $2)",
            "DELETE FROM history_events WHERE (namespace_id, workflow_id, run_id, event_id) IN (SELECT namespace_id, "
                    + "workflow_id, run_id, event_id FROM history_events WHERE namespace_id = $1 LIMIT $2)",
            "DELETE FROM current_executions WHERE (namespace_id, workflow_id) IN (SELECT namespace_id, workflow_id "
                    + "FROM current_executions WHERE namespace_id = $1 LIMIT $2)",
            "DELETE FROM executions WHERE (namespace_id, workflow_id, run_id) IN (SELECT namespace_id, workflow_id, "
                    + "run_id FROM executions WHERE namespace_id = $1 LIMIT $2)",
            "DELETE FROM schedules WHERE (namespace_id, schedule_id) IN (SELECT namespace_id, schedule_id "
                    + "FROM schedules WHERE namespace_id = $1 LIMIT $2)",
            // Standalone activities, running or not: a deleted namespace's activities are simply gone.
            "DELETE FROM standalone_activities WHERE (namespace_id, activity_id, run_id) IN (SELECT namespace_id, "
                    + "activity_id, run_id FROM standalone_activities WHERE namespace_id = $1 LIMIT $2)",
            // Batch operations: a job of a deleted namespace stops (its runner sees the namespace gone), then goes.
            "DELETE FROM batch_operation_targets WHERE (namespace_id, job_id, seq) IN (SELECT namespace_id, job_id, "
                    + "seq FROM batch_operation_targets WHERE namespace_id = $1 LIMIT $2)",
            "DELETE FROM batch_operations WHERE (namespace_id, job_id) IN (SELECT namespace_id, job_id "
                    + "FROM batch_operations WHERE namespace_id = $1 LIMIT $2)");

    private final Pool pool;

    public SqlNamespaceStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<Boolean> create(Namespace ns) {
        return pool.preparedQuery("INSERT INTO namespaces (id, name, state, description, owner_email, "
                        + "retention_seconds, data, created_at, updated_at, search_attributes) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                        + "ON CONFLICT (name) DO NOTHING")
                .execute(Tuple.from(new Object[]{ns.id(), ns.name(), REGISTERED, ns.description(), ns.ownerEmail(),
                        ns.retentionMillis() / 1000, json(ns.data()), SqlSupport.time(ns.createdAtMillis()),
                        SqlSupport.time(ns.updatedAtMillis()), json(types(ns))}))
                .map(rows -> rows.rowCount() == 1)
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> update(Namespace ns) {
        return pool.preparedQuery("UPDATE namespaces SET description = $2, owner_email = $3, retention_seconds = $4, "
                        + "data = $5, updated_at = $6, search_attributes = $7 WHERE id = $1 AND state = $8")
                .execute(Tuple.from(new Object[]{ns.id(), ns.description(), ns.ownerEmail(),
                        ns.retentionMillis() / 1000, json(ns.data()), SqlSupport.time(ns.updatedAtMillis()),
                        json(types(ns)), REGISTERED}))
                .map(rows -> rows.rowCount() == 1)
                .toCompletionStage();
    }

    @Override
    public CompletionStage<List<Namespace>> list() {
        return list(REGISTERED);
    }

    @Override
    public CompletionStage<List<Namespace>> listDeleted() {
        return list(DELETED);
    }

    @Override
    public CompletionStage<Void> markDeleted(String namespaceId, long nowMillis) {
        return pool.preparedQuery("UPDATE namespaces SET state = $2, updated_at = $3 WHERE id = $1 AND state <> $2")
                .execute(Tuple.of(namespaceId, DELETED, SqlSupport.time(nowMillis)))
                .<Void>mapEmpty()
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Integer> deleteRemainingData(String namespaceId, int limit) {
        return deleteRemaining(namespaceId, limit, 0).toCompletionStage();
    }

    private io.vertx.core.Future<Integer> deleteRemaining(String namespaceId, int limit, int statement) {
        if (statement == REMAINING_DATA.size()) {
            return io.vertx.core.Future.succeededFuture(0);
        }
        return pool.preparedQuery(REMAINING_DATA.get(statement))
                .execute(Tuple.of(namespaceId, limit))
                .compose(rows -> rows.rowCount() > 0 ? io.vertx.core.Future.succeededFuture(rows.rowCount())
                        : deleteRemaining(namespaceId, limit, statement + 1));
    }

    @Override
    public CompletionStage<Void> removeDeleted(String namespaceId) {
        return pool.preparedQuery("DELETE FROM namespaces WHERE id = $1 AND state = $2")
                .execute(Tuple.of(namespaceId, DELETED))
                .<Void>mapEmpty()
                .toCompletionStage();
    }

    private CompletionStage<List<Namespace>> list(int state) {
        return pool.preparedQuery("SELECT id, name, description, owner_email, retention_seconds, data, created_at, "
                        + "updated_at, search_attributes FROM namespaces WHERE state = $1 ORDER BY name")
                .execute(Tuple.of(state))
                .map(rows -> {
                    List<Namespace> result = new ArrayList<>();
                    for (Row r : rows) {
                        result.add(new Namespace(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                                r.getLong(4) * 1000, parse(r.getString(5)),
                                SqlSupport.millis(r.getOffsetDateTime(6)), SqlSupport.millis(r.getOffsetDateTime(7)),
                                attributeTypes(parse(r.getString(8)))));
                    }
                    return result;
                })
                .toCompletionStage();
    }

    private static Map<String, String> types(Namespace ns) {
        Map<String, String> out = new java.util.TreeMap<>();
        ns.searchAttributes().forEach((k, v) -> out.put(k, v.name()));
        return out;
    }

    private static Map<String, io.temporal.api.enums.v1.IndexedValueType> attributeTypes(Map<String, String> names) {
        Map<String, io.temporal.api.enums.v1.IndexedValueType> out = new java.util.HashMap<>();
        names.forEach((k, v) -> out.put(k, io.temporal.api.enums.v1.IndexedValueType.valueOf(v)));
        return out;
    }

    private static String json(Map<String, String> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
