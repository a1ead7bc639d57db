package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.WorkflowSignals;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * SignalWorkflowExecution: appends WorkflowExecutionSignaled (deduplicated by request id) through
 * {@link WorkflowSignals}.
 */
@ApplicationScoped
public class SignalWorkflowHandler {

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final WorkflowSignals signals;

    public SignalWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces, WorkflowSignals signals) {
        this.manager = manager;
        this.namespaces = namespaces;
        this.signals = signals;
    }

    public CompletableFuture<Void> signal(SignalWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        WorkflowSignals.requireName(request.getSignalName());
        return Executions.resolve(manager, ns, request.getWorkflowExecution())
                .thenCompose(key -> signal(key, request.getSignalName(), request.getInput(), request.getHeader(),
                        request.getIdentity(), request.getRequestId()));
    }

    CompletableFuture<Void> signal(ExecutionKey key, String name, Payloads input, Header header, String identity,
                                   String requestId) {
        return signals.signal(key, name, input, header, identity, requestId);
    }
}
