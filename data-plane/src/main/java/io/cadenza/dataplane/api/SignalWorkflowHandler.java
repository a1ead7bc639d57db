package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.WorkflowTransitions;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/** SignalWorkflowExecution: appends WorkflowExecutionSignaled (deduplicated by request id). */
@ApplicationScoped
public class SignalWorkflowHandler {

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;

    public SignalWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces) {
        this.manager = manager;
        this.namespaces = namespaces;
    }

    public CompletableFuture<Void> signal(SignalWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        Executions.nonEmpty(request.getSignalName(), "SignalName");
        return Executions.resolve(manager, ns, request.getWorkflowExecution())
                .thenCompose(key -> signal(key, request.getSignalName(), request.getInput(), request.getHeader(),
                        request.getIdentity(), request.getRequestId()));
    }

    CompletableFuture<Void> signal(ExecutionKey key, String name, Payloads input, Header header, String identity,
                                   String requestId) {
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
