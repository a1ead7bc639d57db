package io.cadenza.dataplane.metering;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The usage outbox outside a run's commit: facts that change nothing else (answered queries, storage samples) are
 * written on their own; the relay reads the oldest rows and deletes what the broker acknowledged. Rows are keyed by
 * the fact's id, so writing a fact twice stores it once.
 */
public interface UsageOutboxStore {

    /** Writes {@code usage}; rows whose id is already stored are skipped. */
    CompletionStage<Void> write(List<UsageRecord> usage);

    /** Up to {@code limit} rows, oldest first. */
    CompletionStage<List<UsageRecord>> oldest(int limit);

    /** Removes published rows (ids not stored are ignored). */
    CompletionStage<Void> delete(List<String> ids);

    /** Rows waiting to be published. */
    CompletionStage<Long> pending();

    /**
     * Bytes of history per namespace, split into open runs (active storage) and closed runs still within retention
     * (retained storage).
     */
    CompletionStage<List<StorageSampler.Bytes>> historyBytes();
}
