package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Ids;
import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.Transfer;
import io.cadenza.dataplane.execution.WorkflowTransitions;
import io.cadenza.dataplane.execution.activity.ActivityTransitions;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ResetReapplyType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowTaskFailedEventAttributes;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ResetWorkflowExecution: a new run of the same workflow id whose history is the base run's history up to a
 * workflow task, followed by a WorkflowTaskFailed (cause RESET_WORKFLOW) and a fresh workflow task, so workers
 * replay up to that point and continue with the (fixed) code. Signals received after the reset point are
 * reapplied unless the request says otherwise. The workflow id's current run, if still running, is terminated
 * in the same transaction that creates the new run.
 */
@ApplicationScoped
public class ResetWorkflowHandler {

    private static final int MAX_HISTORY = 1_000_000;

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final InstantSource clock;

    public ResetWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces, InstantSource clock) {
        this.manager = manager;
        this.namespaces = namespaces;
        this.clock = clock;
    }

    public CompletableFuture<ResetWorkflowExecutionResponse> reset(ResetWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        long finishEventId = request.getWorkflowTaskFinishEventId();
        if (finishEventId <= 0) {
            throw Errors.invalidArgument("WorkflowTaskFinishEventId must be the id of a WorkflowTaskCompleted, "
                    + "WorkflowTaskFailed or WorkflowTaskTimedOut event.");
        }
        return Executions.resolve(manager, ns, request.getWorkflowExecution()).thenCompose(base ->
                manager.read(base, s -> s.nextEventId())
                        .thenCompose(next -> manager.readHistory(base, 1, next, MAX_HISTORY))
                        .thenCompose(history -> manager.current(ns.id(), base.workflowId())
                                .thenCompose(current -> resetFrom(ns, base, history, request,
                                        new ExecutionKey(ns.id(), base.workflowId(), current.runId())))));
    }

    private CompletableFuture<ResetWorkflowExecutionResponse> resetFrom(Namespace ns, ExecutionKey base,
                                                                       List<HistoryEvent> history,
                                                                       ResetWorkflowExecutionRequest request,
                                                                       ExecutionKey current) {
        long finishEventId = request.getWorkflowTaskFinishEventId();
        if (finishEventId > history.size() || !isWorkflowTaskFinish(history.get((int) finishEventId - 1))
                || history.get((int) finishEventId - 2).getEventType() != EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
            throw Errors.invalidArgument("Event " + finishEventId + " of run " + base.runId() + " is not a "
                    + "WorkflowTaskCompleted, WorkflowTaskFailed or WorkflowTaskTimedOut event; pick one of those "
                    + "as the reset point.");
        }
        List<HistoryEvent> prefix = history.subList(0, (int) finishEventId - 1);
        HistoryEvent started = prefix.get(prefix.size() - 1);
        String newRunId = Ids.uuid();
        String requestId = request.getRequestId().isEmpty() ? Ids.uuid() : request.getRequestId();
        long now = clock.millis();
        MutableState state = new MutableState();
        ExecutionContext next = new ExecutionContext(base.withRunId(newRunId), state, ns, now);
        // The prefix is replayed through the same event appliers that built the base run's state.
        next.adoptEvents(prefix);
        startsNow(state, requestId, now);
        next.addEvent(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, HistoryEvent.newBuilder()
                .setWorkflowTaskFailedEventAttributes(WorkflowTaskFailedEventAttributes.newBuilder()
                        .setScheduledEventId(started.getWorkflowTaskStartedEventAttributes().getScheduledEventId())
                        .setStartedEventId(started.getEventId())
                        .setCause(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW)
                        .setFailure(Failure.newBuilder().setMessage(request.getReason()).setSource("Server"))
                        .setIdentity(requestIdentity(request))
                        .setBaseRunId(base.runId())
                        .setNewRunId(newRunId)));
        if (request.getResetReapplyType() != ResetReapplyType.RESET_REAPPLY_TYPE_NONE) {
            for (HistoryEvent e : history.subList((int) finishEventId, history.size())) {
                if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
                    var signal = e.getWorkflowExecutionSignaledEventAttributes();
                    WorkflowTransitions.signal(next, signal.getSignalName(), signal.getInput(), signal.getHeader(),
                            signal.getIdentity(), signal.getRequestId());
                }
            }
        }
        next.scheduleWorkflowTask();
        // Work that was pending at the reset point is due again in the new run.
        state.activities.values().forEach(a -> ActivityTransitions.dispatch(next, a));
        state.children.values().stream().filter(c -> !c.started())
                .forEach(c -> next.transfer(new Transfer.StartChild(next.key(), c.initiatedEventId)));
        state.externalRequests.values()
                .forEach(r -> next.transfer(new Transfer.DeliverExternalRequest(next.key(), r.initiatedEventId)));

        return manager.update(current, ctx -> {
            if (ctx.state().isRunning()) {
                WorkflowTransitions.terminate(ctx, "reset to event " + finishEventId + " of run " + base.runId()
                        + (request.getReason().isEmpty() ? "" : ": " + request.getReason()), null,
                        requestIdentity(request));
            }
            ctx.continueWith(next);
            return ResetWorkflowExecutionResponse.newBuilder().setRunId(newRunId).build();
        });
    }

    /**
     * The new run starts now, under the reset's request id: its run timeout and its pending activities' timeouts
     * count from now (timers keep their original fire time). None of this is carried by the copied events.
     */
    private static void startsNow(MutableState state, String requestId, long now) {
        state.info.startTimeMillis = now;
        state.info.executionTimeMillis = now;
        state.info.runExpirationMillis = state.info.runTimeoutMillis > 0 ? now + state.info.runTimeoutMillis : 0;
        state.info.startRequestId = requestId;
        state.awaitingFirstWorkflowTask = false;
        state.activities.values().forEach(a -> {
            a.firstScheduledTimeMillis = now;
            a.attemptScheduledTimeMillis = now;
        });
    }

    private static boolean isWorkflowTaskFinish(HistoryEvent e) {
        return e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
                || e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED
                || e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT;
    }

    private static String requestIdentity(ResetWorkflowExecutionRequest request) {
        return "reset";
    }
}
