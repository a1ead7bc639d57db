package io.cadenza.dataplane.batch;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.WorkflowResets;
import io.cadenza.dataplane.execution.WorkflowSignals;
import io.cadenza.dataplane.execution.WorkflowStops;
import io.cadenza.dataplane.execution.WorkflowTransitions;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.persistence.BatchStore.Target;
import io.cadenza.dataplane.persistence.ExecutionStore;
import io.temporal.api.batch.v1.BatchOperationReset;
import io.temporal.api.common.v1.ResetOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ResetReapplyType;
import io.temporal.api.enums.v1.ResetType;
import io.temporal.api.history.v1.HistoryEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Applies a batch's operation to one run, exactly as the single-run RPC would (through the same services of
 * {@code execution}: {@link WorkflowStops}, {@link WorkflowSignals}, {@link WorkflowResets}), with a request id
 * derived from the job and the run ({@link #requestId}) so that applying it again after a crash changes nothing:
 * the engine deduplicates signals and cancellations by request id, a terminated run is closed, a reset is recognised
 * by the start request id of the run it created, and a deleted run is gone. Completes normally when the run took the
 * operation or needs none (closed, gone); exceptionally (a {@code CadenzaException}) otherwise.
 */
@ApplicationScoped
public class BatchOperations {

    private final WorkflowStops stops;
    private final WorkflowSignals signals;
    private final WorkflowResets resets;
    private final ExecutionManager manager;
    private final ExecutionStore store;

    public BatchOperations(WorkflowStops stops, WorkflowSignals signals, WorkflowResets resets,
                           ExecutionManager manager, ExecutionStore store) {
        this.store = store;
        this.stops = stops;
        this.signals = signals;
        this.resets = resets;
        this.manager = manager;
    }

    /** The request id of a job's operation on one target: the same on every attempt. */
    static String requestId(String jobId, Target target) {
        return "batch:" + jobId + ":" + target.seq() + ":" + target.workflowId() + ":" + target.runId();
    }

    public CompletableFuture<Void> apply(Namespace ns, String jobId, BatchOperation operation, Target target) {
        String requestId = requestId(jobId, target);
        String reason = operation.reason();
        return call(() -> {
            if (operation instanceof BatchOperation.Terminate t) {
                return resolve(ns, target).thenCompose(key -> stops.terminate(key, reason, t.details(),
                        t.identity()));
            }
            if (operation instanceof BatchOperation.Cancel c) {
                return resolve(ns, target).thenCompose(key -> stops.requestCancel(key, reason, c.identity(),
                        requestId));
            }
            if (operation instanceof BatchOperation.Signal s) {
                WorkflowSignals.requireName(s.name());
                return resolve(ns, target).thenCompose(key -> signals.signal(key, s.name(), s.input(), s.header(),
                        s.identity(), requestId));
            }
            if (operation instanceof BatchOperation.Reset r) {
                return reset(ns, target, reason, r.options(), requestId);
            }
            if (operation instanceof BatchOperation.Delete d) {
                return delete(ns, target, reason, d.identity());
            }
            throw Errors.invalidArgument("Batch operation " + ((BatchOperation.Unsupported) operation).name()
                    + " is not supported.");
        });
    }

    /** The target's run: its run id, or the workflow id's current run. */
    private CompletableFuture<ExecutionKey> resolve(Namespace ns, Target target) {
        if (target.workflowId().isEmpty()) {
            throw Errors.invalidArgument("WorkflowId is not set on request.");
        }
        if (!target.runId().isEmpty()) {
            return CompletableFuture.completedFuture(new ExecutionKey(ns.id(), target.workflowId(), target.runId()));
        }
        return manager.current(ns.id(), target.workflowId()).thenApply(current -> {
            if (current == null) {
                throw Errors.notFound("Workflow execution not found: WorkflowId " + target.workflowId() + ".");
            }
            return new ExecutionKey(ns.id(), target.workflowId(), current.runId());
        });
    }

    /**
     * Resets the run to its first or last completed workflow task, or to a given one. Done already when the
     * workflow id's current run is the one a previous attempt created.
     */
    private CompletableFuture<Void> reset(Namespace ns, Target target, String reason, ResetOptions options,
                                          String requestId) {
        return manager.current(ns.id(), target.workflowId()).thenCompose(current -> {
            if (current == null) {
                throw Errors.notFound("Workflow execution not found: WorkflowId " + target.workflowId() + ".");
            }
            if (requestId.equals(current.startRequestId())) {
                return CompletableFuture.completedFuture(null);
            }
            String runId = target.runId().isEmpty() ? current.runId() : target.runId();
            if (options.getCurrentRunOnly() && !runId.equals(current.runId())) {
                return CompletableFuture.completedFuture(null);
            }
            ExecutionKey key = new ExecutionKey(ns.id(), target.workflowId(), runId);
            return resets.history(key)
                    .thenCompose(history -> resets.reset(ns, key, resetPoint(options, history), reason, requestId,
                            options.getResetReapplyType()))
                    .thenApply(r -> null);
        });
    }

    /**
     * Deletes the run with its history (DeleteWorkflowExecution): a running one is terminated first, in its own
     * update, then its rows go and the cache forgets it. A run already gone answers NOT_FOUND (done).
     */
    private CompletableFuture<Void> delete(Namespace ns, Target target, String reason, String identity) {
        if (target.runId().isEmpty()) {
            throw Errors.notFound("Workflow execution not found: WorkflowId " + target.workflowId() + ".");
        }
        ExecutionKey key = new ExecutionKey(ns.id(), target.workflowId(), target.runId());
        return manager.update(key, ctx -> {
            if (ctx.state().isRunning()) {
                WorkflowTransitions.terminate(ctx, "deleted: " + reason, null, identity);
            }
            return null;
        }).thenCompose(v -> store.deleteClosed(key).toCompletableFuture()).thenApply(deleted -> {
            manager.forget(List.of(key));
            return null;
        });
    }

    /** The reset options of a batch reset: {@code options} if set, else the deprecated type fields. */
    public static ResetOptions options(BatchOperationReset reset) {
        if (reset.hasOptions()) {
            return reset.getOptions();
        }
        ResetOptions.Builder b = ResetOptions.newBuilder().setResetReapplyType(
                reset.getResetReapplyType() == ResetReapplyType.RESET_REAPPLY_TYPE_UNSPECIFIED
                        ? ResetReapplyType.RESET_REAPPLY_TYPE_SIGNAL : reset.getResetReapplyType());
        if (reset.getResetType() == ResetType.RESET_TYPE_FIRST_WORKFLOW_TASK) {
            b.setFirstWorkflowTask(com.google.protobuf.Empty.getDefaultInstance());
        } else if (reset.getResetType() == ResetType.RESET_TYPE_LAST_WORKFLOW_TASK) {
            b.setLastWorkflowTask(com.google.protobuf.Empty.getDefaultInstance());
        }
        return b.build();
    }

    /** The id of the WorkflowTaskCompleted event to reset to; FAILED_PRECONDITION when the run has none. */
    public static long resetPoint(ResetOptions options, List<HistoryEvent> history) {
        if (options.hasWorkflowTaskId()) {
            return options.getWorkflowTaskId();
        }
        long found = 0;
        for (HistoryEvent e : history) {
            if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
                found = e.getEventId();
                if (options.hasFirstWorkflowTask()) {
                    break;
                }
            }
        }
        if (found == 0) {
            throw Errors.failedPrecondition("The run has no completed workflow task to reset to.");
        }
        return found;
    }

    private static CompletableFuture<Void> call(Supplier<CompletableFuture<?>> op) {
        try {
            return op.get().thenApply(r -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
