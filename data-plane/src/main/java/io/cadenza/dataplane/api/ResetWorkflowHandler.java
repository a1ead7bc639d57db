package io.cadenza.dataplane.api;

import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.WorkflowResets;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/** ResetWorkflowExecution: resolves the run and resets it through {@link WorkflowResets}. */
@ApplicationScoped
public class ResetWorkflowHandler {

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final WorkflowResets resets;

    public ResetWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces, WorkflowResets resets) {
        this.manager = manager;
        this.namespaces = namespaces;
        this.resets = resets;
    }

    public CompletableFuture<ResetWorkflowExecutionResponse> reset(ResetWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        WorkflowResets.requireFinishEventId(request.getWorkflowTaskFinishEventId());
        return Executions.resolve(manager, ns, request.getWorkflowExecution())
                .thenCompose(base -> resets.reset(ns, base, request.getWorkflowTaskFinishEventId(),
                        request.getReason(), request.getRequestId(), request.getResetReapplyType()))
                .thenApply(runId -> ResetWorkflowExecutionResponse.newBuilder().setRunId(runId).build());
    }
}
