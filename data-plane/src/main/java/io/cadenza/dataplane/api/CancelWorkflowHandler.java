package io.cadenza.dataplane.api;

import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.WorkflowStops;
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
    private final WorkflowStops stops;

    public CancelWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces, WorkflowStops stops) {
        this.manager = manager;
        this.namespaces = namespaces;
        this.stops = stops;
    }

    public CompletableFuture<Void> requestCancel(RequestCancelWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        return Executions.resolve(manager, ns, request.getWorkflowExecution()).thenCompose(key ->
                stops.requestCancel(key, request.getReason(), request.getIdentity(), request.getRequestId()));
    }

    public CompletableFuture<Void> terminate(TerminateWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        return Executions.resolve(manager, ns, request.getWorkflowExecution()).thenCompose(key ->
                stops.terminate(key, request.getReason(), request.hasDetails() ? request.getDetails() : null,
                        request.getIdentity()));
    }
}
