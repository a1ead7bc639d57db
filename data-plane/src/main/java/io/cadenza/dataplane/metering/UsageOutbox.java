package io.cadenza.dataplane.metering;

import io.cadenza.dataplane.persistence.sql.SqlSupport;
import io.cadenza.dataplane.persistence.sql.SqlUsageWrites;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code usage_outbox} table outside a run's commit: facts that change nothing else (answered queries, storage
 * samples) are written here on their own; the relay reads the oldest rows and deletes what the broker acknowledged.
 */
@ApplicationScoped
public class UsageOutbox {

    private final Pool pool;
    private final Metering metering;

    public UsageOutbox(Pool pool, Metering metering) {
        this.pool = pool;
        this.metering = metering;
    }

    /** Writes {@code usage} (rows with an existing id are skipped); does nothing when metering is off. */
    public CompletionStage<Void> write(List<UsageRecord> usage) {
        if (!metering.enabled() || usage.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return SqlSupport.retrying(() -> SqlUsageWrites.insert(pool, usage)).toCompletionStage();
    }

    /** Up to {@code limit} rows, oldest first. */
    public Future<List<UsageRecord>> oldest(int limit) {
        return pool.preparedQuery("SELECT id, namespace_id, type, action, quantity, occurred_at_ms FROM usage_outbox "
                        + "ORDER BY created_at_ms, id LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<UsageRecord> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(new UsageRecord(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                                r.getLong(4), r.getLong(5)));
                    }
                    return out;
                });
    }

    /** Removes published rows. */
    public Future<Void> delete(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture();
        }
        return SqlSupport.retrying(() -> pool.preparedQuery("DELETE FROM usage_outbox WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))).mapEmpty();
    }

    /** Rows waiting to be published (diagnostics, tests). */
    public Future<Long> pending() {
        return pool.query("SELECT count(*) FROM usage_outbox").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Bytes of history per namespace, split into open runs (active storage) and closed runs still within
     * retention (retained storage: the retention sweeper deletes older ones).
     */
    public Future<List<StorageSampler.Bytes>> historyBytes() {
        return pool.query("SELECT e.namespace_id, e.status = 1, sum(length(h.data))::bigint FROM history_events h "
                        + "JOIN executions e ON e.namespace_id = h.namespace_id AND e.workflow_id = h.workflow_id "
                        + "AND e.run_id = h.run_id GROUP BY e.namespace_id, e.status = 1")
                .execute()
                .map(rows -> {
                    List<StorageSampler.Bytes> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new StorageSampler.Bytes(r.getString(0), r.getBoolean(1), r.getLong(2)));
                    }
                    return out;
                });
    }
}
