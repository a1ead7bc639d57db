package io.cadenza.dataplane.persistence;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.BatchOperationState;
import io.temporal.api.enums.v1.BatchOperationType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Persistence of batch operations ({@code batch_operations}, {@code batch_operation_targets}): the job, the runs it
 * applies its operation to (resolved once, when it starts) and each run's outcome, with the job's counters kept in
 * step by the statement that records an outcome.
 */
public interface BatchStore {

    /** A batch job as stored. {@code closeMillis} is 0 while it runs. */
    record BatchJob(String namespaceId, String jobId, int shardId, BatchOperationType type, BatchOperationState state,
                    byte[] request, String reason, String identity, String query, double opsPerSecond,
                    long startMillis, long closeMillis, long total, long completed, long failed) {

        public boolean running() {
            return state == BatchOperationState.BATCH_OPERATION_STATE_RUNNING;
        }
    }

    /** One run a job applies its operation to; an empty run id means the workflow id's current run. */
    record Target(long seq, String workflowId, String runId) {
    }

    /** What became of a target. */
    enum Outcome {
        /** Applied, or found closed or gone (nothing left to do). */
        DONE(1),
        FAILED(2);

        public final int code;

        Outcome(int code) {
            this.code = code;
        }
    }

    /** The result of {@link #create}. */
    enum Created {
        CREATED, DUPLICATE_JOB_ID, TOO_MANY_RUNNING
    }

    /**
     * Inserts a running job (its counters at 0, {@code total} ignored) and, in the same transaction, its targets:
     * the runs of the namespace that {@code query} (Temporal's list filter over the namespace's {@code attributes})
     * matches now, or else, when {@code query} is null, {@code executions} in the given order. Refuses an existing
     * job id, and a new job while the namespace already runs {@code maxRunning}. An invalid query is refused at
     * once with {@link io.cadenza.dataplane.visibility.InvalidQueryException}.
     */
    CompletionStage<Created> create(BatchJob job, String query, Map<String, IndexedValueType> attributes,
                                    List<WorkflowExecution> executions, int maxRunning);

    CompletionStage<Optional<BatchJob>> find(String namespaceId, String jobId);

    /** A namespace's jobs, newest first, after the job ({@code afterStartMillis}, {@code afterJobId}) if given. */
    CompletionStage<List<BatchJob>> list(String namespaceId, long afterStartMillis, String afterJobId, int limit);

    /** Every running job of the cell. */
    CompletionStage<List<BatchJob>> running();

    /** Up to {@code limit} targets of a job with no outcome yet, in order, after {@code afterSeq}. */
    CompletionStage<List<Target>> pending(String namespaceId, String jobId, long afterSeq, int limit);

    /**
     * Records a target's outcome and counts it on the job, once: a target that already has one is left as it is.
     */
    CompletionStage<Void> record(String namespaceId, String jobId, long seq, Outcome outcome, String error);

    /** Closes a running job in {@code state}; completes with false when it was not running anymore. */
    CompletionStage<Boolean> close(String namespaceId, String jobId, BatchOperationState state, long closeMillis);
}
