package io.cadenza.dataplane.persistence;

import io.cadenza.dataplane.common.ExecutionKey;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Durable storage of runs: mutable state rows, the current-run pointer per workflow id, and history events.
 * Every write checks that this instance still owns the run's shard, and updates are guarded by the row's
 * version, so two writers can never interleave changes to one run.
 */
public interface ExecutionStore {

    /** The stored run, or null when there is none. */
    CompletionStage<StoredExecution> load(ExecutionKey key);

    /**
     * Creates a run and points its workflow id at it, in one transaction. {@code decide} sees the workflow id's
     * current run (null if none) inside that transaction and may refuse the start or redirect to that run.
     */
    CompletionStage<StartDecision> create(NewExecution execution, Function<CurrentExecution, StartDecision> decide);

    /** Commits an update of a run if its version is still {@code expectedVersion}. */
    CompletionStage<Void> update(ExecutionUpdate update);

    /**
     * Commits an update that closes a run together with the creation of its successor (continue-as-new, cron),
     * which takes over the workflow id's current-run row, in one transaction.
     */
    CompletionStage<Void> updateAndContinue(ExecutionUpdate update, NewExecution successor);

    /** Up to {@code limit} events of a run with ids from {@code fromEventId}, in order. */
    CompletionStage<List<HistoryEvent>> readHistory(ExecutionKey key, long fromEventId, int limit);

    /** The run a workflow id currently points at, or null. */
    CompletionStage<CurrentExecution> current(String namespaceId, String workflowId);

    /**
     * Deletes up to {@code limit} runs of a namespace that closed before {@code closedBeforeMillis}, with their
     * history and, when it still points at them, their workflow id's current-run row. Completes with the keys.
     */
    CompletionStage<List<ExecutionKey>> deleteClosedBefore(String namespaceId, long closedBeforeMillis, int limit);

    /**
     * Deletes one closed run with its history, inbox rows and, when it still points at it, its workflow id's
     * current-run row (DeleteWorkflowExecution of a batch). Completes with false when the run is not there or is
     * still running (nothing is deleted then).
     */
    CompletionStage<Boolean> deleteClosed(ExecutionKey key);

    /** Up to {@code limit} open runs of a namespace (to terminate them when it is deleted). */
    CompletionStage<List<ExecutionKey>> openExecutions(String namespaceId, int limit);

    /** Open runs of a shard, for recovery after taking the shard over. */
    CompletionStage<List<ExecutionKey>> openExecutions(int shardId);
}
