package io.cadenza.dataplane.batch;

import io.cadenza.dataplane.api.CancelWorkflowHandler;
import io.cadenza.dataplane.api.ResetWorkflowHandler;
import io.cadenza.dataplane.api.SignalWorkflowHandler;
import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.WorkflowTransitions;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.persistence.BatchStore.Target;
import io.cadenza.dataplane.persistence.ExecutionStore;
import io.temporal.api.batch.v1.BatchOperationReset;
import io.temporal.api.common.v1.ResetOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ResetReapplyType;
import io.temporal.api.enums.v1.ResetType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartBatchOperationRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Applies a batch's operation to one run, exactly as the single-run RPC would, with a request id derived from the
 * job and the run ({@link #requestId}) so that applying it again after a crash changes nothing: the engine
 * deduplicates signals and cancellations by request id, a terminated run is closed, a reset is recognised by the
 * start request id of the run it created, and a deleted run is gone. Completes normally when the run took the
 * operation or needs none (closed, gone); exceptionally (a gRPC status) otherwise.
 */
@ApplicationScoped
public class BatchOperations {

    private static final int MAX_HISTORY = 1_000_000;

    private final CancelWorkflowHandler cancels;
    private final SignalWorkflowHandler signals;
    private final ResetWorkflowHandler resets;
    private final ExecutionManager manager;
    private final ExecutionStore store;

    public BatchOperations(CancelWorkflowHandler cancels, SignalWorkflowHandler signals, ResetWorkflowHandler resets,
                           ExecutionManager manager, ExecutionStore store) {
        this.store = store;
        this.cancels = cancels;
        this.signals = signals;
        this.resets = resets;
        this.manager = manager;
    }

    /** The request id of a job's operation on one target: the same on every attempt. */
    static String requestId(String jobId, Target target) {
        return "batch:" + jobId + ":" + target.seq() + ":" + target.workflowId() + ":" + target.runId();
    }

    public CompletableFuture<Void> apply(Namespace ns, String jobId, StartBatchOperationRequest request,
                                         Target target) {
        WorkflowExecution execution = WorkflowExecution.newBuilder().setWorkflowId(target.workflowId())
                .setRunId(target.runId()).build();
        String requestId = requestId(jobId, target);
        String reason = request.getReason();
        return call(() -> switch (request.getOperationCase()) {
            case TERMINATION_OPERATION -> cancels.terminate(TerminateWorkflowExecutionRequest.newBuilder()
                    .setNamespace(ns.name()).setWorkflowExecution(execution).setReason(reason)
                    .setIdentity(request.getTerminationOperation().getIdentity())
                    .setDetails(request.getTerminationOperation().getDetails()).build());
            case CANCELLATION_OPERATION -> cancels.requestCancel(RequestCancelWorkflowExecutionRequest.newBuilder()
                    .setNamespace(ns.name()).setWorkflowExecution(execution).setReason(reason)
                    .setIdentity(request.getCancellationOperation().getIdentity()).setRequestId(requestId).build());
            case SIGNAL_OPERATION -> {
                var signal = request.getSignalOperation();
                yield signals.signal(SignalWorkflowExecutionRequest.newBuilder().setNamespace(ns.name())
                        .setWorkflowExecution(execution).setSignalName(signal.getSignal())
                        .setInput(signal.getInput()).setHeader(signal.getHeader()).setIdentity(signal.getIdentity())
                        .setRequestId(requestId).build());
            }
            case RESET_OPERATION -> reset(ns, execution, reason, request.getResetOperation(), requestId);
            case DELETION_OPERATION -> delete(ns, execution, reason, request.getDeletionOperation().getIdentity());
            default -> throw Errors.invalidArgument("Batch operation " + request.getOperationCase()
                    + " is not supported.");
        });
    }

    /**
     * Resets the run to its first or last completed workflow task, or to a given one. Done already when the
     * workflow id's current run is the one a previous attempt created.
     */
    private CompletableFuture<Void> reset(Namespace ns, WorkflowExecution execution, String reason,
                                          BatchOperationReset reset, String requestId) {
        ResetOptions options = options(reset);
        return manager.current(ns.id(), execution.getWorkflowId()).thenCompose(current -> {
            if (current == null) {
                throw Errors.notFound("Workflow execution not found: WorkflowId " + execution.getWorkflowId() + ".");
            }
            if (requestId.equals(current.startRequestId())) {
                return CompletableFuture.completedFuture(null);
            }
            String runId = execution.getRunId().isEmpty() ? current.runId() : execution.getRunId();
            if (options.getCurrentRunOnly() && !runId.equals(current.runId())) {
                return CompletableFuture.completedFuture(null);
            }
            ExecutionKey key = new ExecutionKey(ns.id(), execution.getWorkflowId(), runId);
            return manager.read(key, s -> s.nextEventId())
                    .thenCompose(next -> manager.readHistory(key, 1, next, MAX_HISTORY))
                    .thenCompose(history -> resets.reset(ResetWorkflowExecutionRequest.newBuilder()
                            .setNamespace(ns.name())
                            .setWorkflowExecution(WorkflowExecution.newBuilder()
                                    .setWorkflowId(execution.getWorkflowId()).setRunId(runId))
                            .setReason(reason).setRequestId(requestId)
                            .setResetReapplyType(options.getResetReapplyType())
                            .setWorkflowTaskFinishEventId(resetPoint(options, history)).build()))
                    .thenApply(r -> null);
        });
    }

    /**
     * Deletes the run with its history (DeleteWorkflowExecution): a running one is terminated first, in its own
     * update, then its rows go and the cache forgets it. A run already gone answers NOT_FOUND (done).
     */
    private CompletableFuture<Void> delete(Namespace ns, WorkflowExecution execution, String reason, String identity) {
        if (execution.getRunId().isEmpty()) {
            throw Errors.notFound("Workflow execution not found: WorkflowId " + execution.getWorkflowId() + ".");
        }
        ExecutionKey key = new ExecutionKey(ns.id(), execution.getWorkflowId(), execution.getRunId());
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
