package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.update.UpdateInfo;
import io.cadenza.dataplane.execution.update.UpdateTransitions;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
import io.temporal.api.update.v1.Outcome;
import io.temporal.api.update.v1.UpdateRef;
import io.temporal.api.workflowservice.v1.PollWorkflowExecutionUpdateRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowExecutionUpdateResponse;
import io.temporal.api.workflowservice.v1.UpdateWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.UpdateWorkflowExecutionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;

/**
 * UpdateWorkflowExecution and PollWorkflowExecutionUpdate: admit an update (deduplicated by update id) and wait
 * until it reaches the stage the caller asked for, answering with the stage reached before the deadline so the
 * caller can keep polling.
 */
@ApplicationScoped
public class UpdateWorkflowHandler {

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;

    private final InstantSource clock;

    public UpdateWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces, InstantSource clock) {
        this.clock = clock;
        this.manager = manager;
        this.namespaces = namespaces;
    }

    private record Progress(UpdateInfo.Stage stage, Outcome outcome) {
    }

    public CompletableFuture<UpdateWorkflowExecutionResponse> update(UpdateWorkflowExecutionRequest request,
                                                                     long deadlineMillis) {
        Namespace ns = namespaces.byName(request.getNamespace());
        String updateId = Executions.nonEmpty(request.getRequest().getMeta().getUpdateId(), "UpdateId");
        Executions.nonEmpty(request.getRequest().getInput().getName(), "Update name");
        var wanted = request.getWaitPolicy().getLifecycleStage();
        boolean followsChain = request.getWorkflowExecution().getRunId().isEmpty();
        return Executions.resolve(manager, ns, request.getWorkflowExecution()).thenCompose(key ->
                (followsChain ? completedInPredecessor(key, updateId) : CompletableFuture.<Done>completedFuture(null))
                        .thenCompose(done -> done != null ? CompletableFuture.completedFuture(
                                response(done.key(), updateId, done.progress()))
                                : admit(request, key, updateId, wanted, deadlineMillis)));
    }

    private record Done(ExecutionKey key, Progress progress) {
    }

    /**
     * An update the run this one continued from already completed. A client that sent it, lost the answer (the
     * cell restarted, the connection dropped) and retried it while the run continued as new reaches the new run:
     * it gets the completed update's outcome instead of running it a second time there.
     */
    private CompletableFuture<Done> completedInPredecessor(ExecutionKey key, String updateId) {
        return manager.read(key, s -> s.update(updateId) != null ? null : s.info().continuedFromRunId)
                .thenCompose(previous -> {
                    if (previous == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    ExecutionKey before = new ExecutionKey(key.namespaceId(), key.workflowId(), previous);
                    return progress(before, updateId).thenApply(p -> p != null && p.stage() == UpdateInfo.Stage.COMPLETED
                            ? new Done(before, p) : null);
                });
    }

    private static UpdateWorkflowExecutionResponse response(ExecutionKey key, String updateId, Progress p) {
        UpdateWorkflowExecutionResponse.Builder r = UpdateWorkflowExecutionResponse.newBuilder()
                .setUpdateRef(ref(key, updateId)).setStage(stage(p.stage()));
        if (p.outcome() != null) {
            r.setOutcome(p.outcome());
        }
        return r.build();
    }

    private CompletableFuture<UpdateWorkflowExecutionResponse> admit(UpdateWorkflowExecutionRequest request,
                                                                     ExecutionKey key, String updateId,
                                                                     UpdateWorkflowExecutionLifecycleStage wanted,
                                                                     long deadlineMillis) {
        return manager.update(key, ctx -> {
                    UpdateInfo existing = ctx.state().updates.get(updateId);
                    if (existing == null && !ctx.state().isRunning()) {
                        throw Errors.notFound("Workflow execution already completed: WorkflowId "
                                + key.workflowId() + ".");
                    }
                    UpdateInfo u = existing != null ? existing : UpdateTransitions.admit(ctx, request.getRequest());
                    return new Progress(u.stage, u.outcomeProto());
                }).thenCompose(p -> waitFor(key, updateId, wanted, p, deadlineMillis))
                .thenApply(p -> response(key, updateId, p));
    }

    public CompletableFuture<PollWorkflowExecutionUpdateResponse> poll(PollWorkflowExecutionUpdateRequest request,
                                                                      long deadlineMillis) {
        Namespace ns = namespaces.byName(request.getNamespace());
        String updateId = Executions.nonEmpty(request.getUpdateRef().getUpdateId(), "UpdateId");
        return Executions.resolve(manager, ns, request.getUpdateRef().getWorkflowExecution()).thenCompose(key ->
                progress(key, updateId).thenCompose(p -> {
                    if (p == null) {
                        throw Errors.notFound("Update " + updateId + " not found for workflow "
                                + key.workflowId() + ".");
                    }
                    return waitFor(key, updateId, request.getWaitPolicy().getLifecycleStage(), p, deadlineMillis);
                }).thenApply(p -> {
                    PollWorkflowExecutionUpdateResponse.Builder r = PollWorkflowExecutionUpdateResponse.newBuilder()
                            .setUpdateRef(ref(key, updateId)).setStage(stage(p.stage()));
                    if (p.outcome() != null) {
                        r.setOutcome(p.outcome());
                    }
                    return r.build();
                }));
    }

    private CompletableFuture<Progress> progress(ExecutionKey key, String updateId) {
        return manager.read(key, s -> {
            UpdateInfo u = s.update(updateId);
            return u == null ? null : new Progress(u.stage, u.outcomeProto());
        });
    }

    /** Waits (without blocking) until the update reaches {@code wanted}, or answers with its stage at the deadline. */
    private CompletableFuture<Progress> waitFor(ExecutionKey key, String updateId,
                                                UpdateWorkflowExecutionLifecycleStage wanted, Progress current,
                                                long deadlineMillis) {
        if (reached(current, wanted) || clock.millis() >= deadlineMillis) {
            return CompletableFuture.completedFuture(current);
        }
        return manager.awaitChange(key, deadlineMillis - clock.millis())
                .thenCompose(v -> progress(key, updateId))
                .thenCompose(p -> waitFor(key, updateId, wanted, p == null ? current : p, deadlineMillis));
    }

    private static boolean reached(Progress p, UpdateWorkflowExecutionLifecycleStage wanted) {
        if (p.stage() == UpdateInfo.Stage.COMPLETED) {
            return true;
        }
        return switch (wanted) {
            case UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED -> true;
            case UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED -> p.stage() == UpdateInfo.Stage.ACCEPTED;
            default -> false;
        };
    }

    private static UpdateWorkflowExecutionLifecycleStage stage(UpdateInfo.Stage s) {
        return switch (s) {
            case ADMITTED -> UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED;
            case ACCEPTED -> UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED;
            case COMPLETED -> UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED;
        };
    }

    private static UpdateRef ref(ExecutionKey key, String updateId) {
        return UpdateRef.newBuilder().setWorkflowExecution(WorkflowExecution.newBuilder()
                .setWorkflowId(key.workflowId()).setRunId(key.runId())).setUpdateId(updateId).build();
    }
}
