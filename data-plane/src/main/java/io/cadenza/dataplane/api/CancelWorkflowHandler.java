package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.WorkflowTransitions;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/** RequestCancelWorkflowExecution (the workflow decides how to stop) and TerminateWorkflowExecution (now). */
@ApplicationScoped
public class CancelWorkflowHandler {

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;

    public CancelWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces) {
        this.manager = manager;
        this.namespaces = namespaces;
    }

    public CompletableFuture<Void> requestCancel(RequestCancelWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        return Executions.resolve(manager, ns, request.getWorkflowExecution()).thenCompose(key ->
                manager.update(key, ctx -> {
                    // As in Temporal, cancelling a run that already closed succeeds and changes nothing.
                    if (ctx.state().isRunning() && ctx.state().rememberRequestId(request.getRequestId())) {
                        WorkflowTransitions.requestCancel(ctx, request.getReason(), request.getIdentity());
                    }
                    return null;
                }));
    }

    public CompletableFuture<Void> terminate(TerminateWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        return Executions.resolve(manager, ns, request.getWorkflowExecution()).thenCompose(key ->
                manager.update(key, ctx -> {
                    if (!ctx.state().isRunning()) {
                        throw Errors.notFound("Workflow execution already completed: WorkflowId "
                                + key.workflowId() + ".");
                    }
                    WorkflowTransitions.terminate(ctx, request.getReason(),
                            request.hasDetails() ? request.getDetails() : null, request.getIdentity());
                    return null;
                }));
    }
}
