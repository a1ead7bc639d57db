package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Ids;
import io.cadenza.dataplane.execution.activity.ActivityTransitions;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.namespace.Namespace;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ResetReapplyType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowTaskFailedEventAttributes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Resetting a run: a new run of the same workflow id whose history is the base run's history up to a workflow task,
 * followed by a WorkflowTaskFailed (cause RESET_WORKFLOW) and a fresh workflow task, so workers replay up to that
 * point and continue with the (fixed) code. Signals received after the reset point are reapplied unless asked
 * otherwise. The workflow id's current run, if still running, is terminated in the same transaction that creates
 * the new run. The ResetWorkflowExecution handler and batch resets go through here.
 */
@ApplicationScoped
public class WorkflowResets {

    private static final int MAX_HISTORY = 1_000_000;
    private static final String IDENTITY = "reset";

    private final ExecutionManager manager;
    private final InstantSource clock;

    public WorkflowResets(ExecutionManager manager, InstantSource clock) {
        this.manager = manager;
        this.clock = clock;
    }

    /** INVALID_ARGUMENT unless {@code finishEventId} can be an event id; checked before the run is resolved. */
    public static void requireFinishEventId(long finishEventId) {
        if (finishEventId <= 0) {
            throw Errors.invalidArgument("WorkflowTaskFinishEventId must be the id of a WorkflowTaskCompleted, "
                    + "WorkflowTaskFailed or WorkflowTaskTimedOut event.");
        }
    }

    /** The whole history of the run. */
    public CompletableFuture<List<HistoryEvent>> history(ExecutionKey key) {
        return manager.read(key, s -> s.nextEventId())
                .thenCompose(next -> manager.readHistory(key, 1, next, MAX_HISTORY));
    }

    /**
     * Resets {@code base} to its workflow task finished by event {@code finishEventId}; completes with the new run's
     * id. An empty {@code requestId} gets a fresh one.
     */
    public CompletableFuture<String> reset(Namespace ns, ExecutionKey base, long finishEventId, String reason,
                                           String requestId, ResetReapplyType reapply) {
        requireFinishEventId(finishEventId);
        return history(base).thenCompose(history -> manager.current(ns.id(), base.workflowId())
                .thenCompose(current -> resetFrom(ns, base, history, finishEventId, reason, requestId, reapply,
                        new ExecutionKey(ns.id(), base.workflowId(), current.runId()))));
    }

    private CompletableFuture<String> resetFrom(Namespace ns, ExecutionKey base, List<HistoryEvent> history,
                                                long finishEventId, String reason, String requestIdOrEmpty,
                                                ResetReapplyType reapply, ExecutionKey current) {
        if (finishEventId > history.size() || !isWorkflowTaskFinish(history.get((int) finishEventId - 1))
                || history.get((int) finishEventId - 2).getEventType() != EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
            throw Errors.invalidArgument("Event " + finishEventId + " of run " + base.runId() + " is not a "
                    + "WorkflowTaskCompleted, WorkflowTaskFailed or WorkflowTaskTimedOut event; pick one of those "
                    + "as the reset point.");
        }
        List<HistoryEvent> prefix = history.subList(0, (int) finishEventId - 1);
        HistoryEvent started = prefix.get(prefix.size() - 1);
        String newRunId = Ids.uuid();
        String requestId = requestIdOrEmpty.isEmpty() ? Ids.uuid() : requestIdOrEmpty;
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
                        .setFailure(Failure.newBuilder().setMessage(reason).setSource("Server"))
                        .setIdentity(IDENTITY)
                        .setBaseRunId(base.runId())
                        .setNewRunId(newRunId)));
        if (reapply != ResetReapplyType.RESET_REAPPLY_TYPE_NONE) {
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
                        + (reason.isEmpty() ? "" : ": " + reason), null, IDENTITY);
            }
            ctx.continueWith(next);
            return newRunId;
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
}
