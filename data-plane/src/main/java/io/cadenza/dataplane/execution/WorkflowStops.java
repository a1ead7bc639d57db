package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.temporal.api.common.v1.Payloads;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * Stopping a run from outside: asking it to cancel (the workflow decides how to stop) or terminating it (now). The
 * RequestCancel/TerminateWorkflowExecution handlers, schedules (overlap policies) and batch jobs all stop runs
 * through here, with the run already resolved to its key.
 */
@ApplicationScoped
public class WorkflowStops {

    private final ExecutionManager manager;

    public WorkflowStops(ExecutionManager manager) {
        this.manager = manager;
    }

    /** Records WorkflowExecutionCancelRequested; a run that already closed, or a repeated request id, changes nothing. */
    public CompletableFuture<Void> requestCancel(ExecutionKey key, String reason, String identity, String requestId) {
        return manager.update(key, ctx -> {
            // As in Temporal, cancelling a run that already closed succeeds and changes nothing.
            if (ctx.state().isRunning() && ctx.state().rememberRequestId(requestId)) {
                WorkflowTransitions.requestCancel(ctx, reason, identity);
            }
            return null;
        });
    }

    /** Terminates the run; NOT_FOUND if it already closed. {@code details} may be null. */
    public CompletableFuture<Void> terminate(ExecutionKey key, String reason, Payloads details, String identity) {
        return manager.update(key, ctx -> {
            if (!ctx.state().isRunning()) {
                throw Errors.notFound("Workflow execution already completed: WorkflowId " + key.workflowId() + ".");
            }
            WorkflowTransitions.terminate(ctx, reason, details, identity);
            return null;
        });
    }
}
