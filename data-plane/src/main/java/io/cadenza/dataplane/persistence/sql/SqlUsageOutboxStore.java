package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.metering.StorageSampler;
import io.cadenza.dataplane.metering.UsageOutboxStore;
import io.cadenza.dataplane.metering.UsageRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** {@link UsageOutboxStore} in {@code usage_outbox} (the same rows a run's commit writes with it). */
public class SqlUsageOutboxStore implements UsageOutboxStore {

    private final Pool pool;
    private final InstantSource clock;

    public SqlUsageOutboxStore(Pool pool, InstantSource clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> write(List<UsageRecord> usage) {
        return SqlUsageWrites.insert(pool, usage, clock.millis()).toCompletionStage();
    }

    @Override
    public CompletionStage<List<UsageRecord>> oldest(int limit) {
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
                })
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Void> delete(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.<Void>succeededFuture().toCompletionStage();
        }
        return pool.preparedQuery("DELETE FROM usage_outbox WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(String[]::new))).<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public CompletionStage<Long> pending() {
        return pool.query("SELECT count(*) FROM usage_outbox").execute()
                .map(rows -> rows.iterator().next().getLong(0)).toCompletionStage();
    }

    @Override
    public CompletionStage<List<StorageSampler.Bytes>> historyBytes() {
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
                })
                .toCompletionStage();
    }
}
