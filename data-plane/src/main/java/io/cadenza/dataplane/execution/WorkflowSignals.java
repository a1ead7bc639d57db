package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Payloads;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * Signalling a run from outside: appends WorkflowExecutionSignaled, once per request id. The SignalWorkflowExecution
 * and SignalWithStart handlers and batch jobs signal runs through here, with the run already resolved to its key.
 */
@ApplicationScoped
public class WorkflowSignals {

    private final ExecutionManager manager;

    public WorkflowSignals(ExecutionManager manager) {
        this.manager = manager;
    }

    /** INVALID_ARGUMENT unless the signal has a name; checked before the run is resolved. */
    public static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw Errors.invalidArgument("SignalName is not set on request.");
        }
    }

    /** Signals the run; NOT_FOUND if it already closed. {@code input} and {@code header} may be empty. */
    public CompletableFuture<Void> signal(ExecutionKey key, String name, Payloads input, Header header,
                                          String identity, String requestId) {
        return manager.update(key, ctx -> {
            if (!ctx.state().isRunning()) {
                throw Errors.notFound("Workflow execution already completed: WorkflowId " + key.workflowId() + ".");
            }
            if (ctx.state().rememberRequestId(requestId)) {
                WorkflowTransitions.signal(ctx, name, input, header, identity, requestId);
            }
            return null;
        });
    }
}
