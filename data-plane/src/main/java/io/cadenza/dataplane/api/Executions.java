package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.namespace.Namespace;
import io.temporal.api.common.v1.WorkflowExecution;
import java.util.concurrent.CompletableFuture;

/** Resolves the run a request addresses: an explicit run id, or the workflow id's current run. */
final class Executions {

    private Executions() {
    }

    static CompletableFuture<ExecutionKey> resolve(ExecutionManager manager, Namespace ns, WorkflowExecution ex) {
        return resolve(manager, ns, ex.getWorkflowId(), ex.getRunId());
    }

    static CompletableFuture<ExecutionKey> resolve(ExecutionManager manager, Namespace ns, String workflowId,
                                                   String runId) {
        if (workflowId == null || workflowId.isEmpty()) {
            throw Errors.invalidArgument("WorkflowId is not set on request.");
        }
        if (runId != null && !runId.isEmpty()) {
            return CompletableFuture.completedFuture(new ExecutionKey(ns.id(), workflowId, runId));
        }
        return manager.current(ns.id(), workflowId).thenApply(current -> {
            if (current == null) {
                throw Errors.notFound("Workflow execution not found: WorkflowId " + workflowId + ".");
            }
            return new ExecutionKey(ns.id(), workflowId, current.runId());
        });
    }

    static String nonEmpty(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw Errors.invalidArgument(what + " is not set on request.");
        }
        return value;
    }
}
