package io.cadenza.dataplane.namespace;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Persistence of the namespaces registered on a cell. */
public interface NamespaceStore {

    /** Inserts a namespace; completes with false if the name is taken. */
    CompletionStage<Boolean> create(Namespace namespace);

    /**
     * Saves a registered namespace's settings; completes with false (nothing written) when it is not registered
     * anymore (deleted).
     */
    CompletionStage<Boolean> update(Namespace namespace);

    /** The registered (not deleted) namespaces. */
    CompletionStage<List<Namespace>> list();

    /** Namespaces marked deleted whose data is still being purged. */
    CompletionStage<List<Namespace>> listDeleted();

    /** Marks a namespace deleted (idempotent); from then on it is no longer listed as registered. */
    CompletionStage<Void> markDeleted(String namespaceId, long nowMillis);

    /**
     * Deletes up to {@code limit} rows of one table that still belong to a deleted namespace (whatever the
     * per-run purge left: orphaned history, inbox rows, current-run pointers, schedules), tables in dependency
     * order. Completes with the number of rows deleted; 0 means nothing is left.
     */
    CompletionStage<Integer> deleteRemainingData(String namespaceId, int limit);

    /** Removes the row of a deleted namespace (the last step of its purge); a registered one is never removed. */
    CompletionStage<Void> removeDeleted(String namespaceId);
}
