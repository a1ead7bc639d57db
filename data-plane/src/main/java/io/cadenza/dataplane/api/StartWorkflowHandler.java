package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.execution.WorkflowStart;
import io.cadenza.dataplane.execution.WorkflowStarts;
import io.cadenza.dataplane.execution.WorkflowStarts.Started;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.workflowservice.v1.SignalWithStartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.SignalWithStartWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * StartWorkflowExecution and SignalWithStartWorkflowExecution: the gRPC side of a start (namespace, request id,
 * eager first workflow task, signalling a run that was already running); {@link WorkflowStarts} validates the start
 * and creates the run.
 */
@ApplicationScoped
public class StartWorkflowHandler {

    static final long MAX_WORKFLOW_TASK_TIMEOUT_MILLIS = 120_000;

    private final WorkflowStarts starts;
    private final NamespaceRegistry namespaces;
    private final WorkflowTaskHandler workflowTasks;

    public StartWorkflowHandler(WorkflowStarts starts, NamespaceRegistry namespaces,
                                WorkflowTaskHandler workflowTasks) {
        this.starts = starts;
        this.namespaces = namespaces;
        this.workflowTasks = workflowTasks;
    }

    public CompletableFuture<StartWorkflowExecutionResponse> start(StartWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        String requestId = request.getRequestId().isEmpty() ? io.cadenza.dataplane.common.Ids.uuid() : request.getRequestId();
        StartWorkflowExecutionRequest req = request.toBuilder().setRequestId(requestId).build();
        return starts.start(ns, WorkflowStartRequests.of(req), null).thenCompose(r -> {
            StartWorkflowExecutionResponse.Builder response = StartWorkflowExecutionResponse.newBuilder()
                    .setRunId(r.runId()).setStarted(r.started())
                    .setStatus(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
            if (!r.started() || !req.getRequestEagerExecution()) {
                return CompletableFuture.completedFuture(response.build());
            }
            // Eager start: the caller's own worker gets the first workflow task with the reply.
            return workflowTasks.startNow(ns, new ExecutionKey(ns.id(), req.getWorkflowId(), r.runId()),
                    req.getIdentity()).thenApply(task -> {
                        if (task != null) {
                            response.setEagerWorkflowTask(task);
                        }
                        return response.build();
                    });
        });
    }

    public CompletableFuture<SignalWithStartWorkflowExecutionResponse> signalWithStart(
            SignalWithStartWorkflowExecutionRequest request, SignalWorkflowHandler signals) {
        Namespace ns = namespaces.byName(request.getNamespace());
        Executions.nonEmpty(request.getSignalName(), "SignalName");
        String requestId = request.getRequestId().isEmpty() ? io.cadenza.dataplane.common.Ids.uuid() : request.getRequestId();
        StartWorkflowExecutionRequest start = StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(request.getNamespace()).setWorkflowId(request.getWorkflowId())
                .setWorkflowType(request.getWorkflowType()).setTaskQueue(request.getTaskQueue())
                .setInput(request.getInput()).setWorkflowExecutionTimeout(request.getWorkflowExecutionTimeout())
                .setWorkflowRunTimeout(request.getWorkflowRunTimeout())
                .setWorkflowTaskTimeout(request.getWorkflowTaskTimeout()).setIdentity(request.getIdentity())
                .setRequestId(requestId).setWorkflowIdReusePolicy(request.getWorkflowIdReusePolicy())
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setRetryPolicy(request.getRetryPolicy()).setCronSchedule(request.getCronSchedule())
                .setMemo(request.getMemo()).setSearchAttributes(request.getSearchAttributes())
                .setHeader(request.getHeader()).setWorkflowStartDelay(request.getWorkflowStartDelay())
                .build();
        WorkflowStart.Signal signal = WorkflowStartRequests.signal(request);
        return starts.start(ns, WorkflowStartRequests.of(start), signal).thenCompose(r -> {
            if (r.started()) {
                return CompletableFuture.completedFuture(r);
            }
            // The workflow was already running: signal that run. If it closed meanwhile, start again.
            ExecutionKey key = new ExecutionKey(ns.id(), request.getWorkflowId(), r.runId());
            return signals.signal(key, request.getSignalName(), request.getSignalInput(), request.getHeader(),
                            request.getIdentity(), requestId)
                    .thenApply(v -> r)
                    .exceptionallyCompose(e -> closedMeanwhile(e)
                            ? signalWithStart(request, signals).thenApply(x -> new Started(x.getRunId(), x.getStarted()))
                            : CompletableFuture.failedFuture(e));
        }).thenApply(r -> SignalWithStartWorkflowExecutionResponse.newBuilder().setRunId(r.runId())
                .setStarted(r.started()).build());
    }

    private static boolean closedMeanwhile(Throwable e) {
        return CadenzaException.is(e, CadenzaException.Kind.NOT_FOUND);
    }
}
