package io.cadenza.dataplane.metering;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The usage outbox outside a run's commit: facts that change nothing else (answered queries, storage samples) are
 * written here on their own; the relay reads the oldest rows and deletes what the broker acknowledged. Stored
 * through {@link UsageOutboxStore}.
 */
@ApplicationScoped
public class UsageOutbox {

    private final UsageOutboxStore store;
    private final Metering metering;

    public UsageOutbox(UsageOutboxStore store, Metering metering) {
        this.store = store;
        this.metering = metering;
    }

    /** Writes {@code usage} (rows with an existing id are skipped); does nothing when metering is off. */
    public CompletionStage<Void> write(List<UsageRecord> usage) {
        if (!metering.enabled() || usage.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return store.write(usage);
    }

    /** Up to {@code limit} rows, oldest first. */
    public Future<List<UsageRecord>> oldest(int limit) {
        return Future.fromCompletionStage(store.oldest(limit));
    }

    /** Removes published rows. */
    public Future<Void> delete(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture();
        }
        return Future.fromCompletionStage(store.delete(ids));
    }

    /** Rows waiting to be published (diagnostics, tests). */
    public Future<Long> pending() {
        return Future.fromCompletionStage(store.pending());
    }

    /**
     * Bytes of history per namespace, split into open runs (active storage) and closed runs still within
     * retention (retained storage: the retention sweeper deletes older ones).
     */
    public Future<List<StorageSampler.Bytes>> historyBytes() {
        return Future.fromCompletionStage(store.historyBytes());
    }
}
