package io.cadenza.dataplane.execution.workflowtask;

import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.execution.state.MutableState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowTaskFailedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskTimedOutEventAttributes;

/**
 * Start, failure and timeouts of workflow tasks. Completion, which applies the worker's commands, lives in
 * {@link WorkflowTaskCompletion}. The WorkflowTaskStarted event is built when a worker picks the task up and
 * written when the task closes, so a task lost with a crashed instance leaves no trace in history.
 */
public final class WorkflowTaskTransitions {

    private WorkflowTaskTransitions() {
    }

    /** A worker picked the task up; returns the events it is shown beyond the committed history. */
    public static java.util.List<HistoryEvent> start(ExecutionContext ctx, String identity, String requestId) {
        MutableState state = ctx.state();
        WorkflowTaskInfo wt = state.workflowTask;
        wt.transition(WorkflowTaskState.Event.START);
        if (wt.transientTask) {
            wt.scheduledEventId = state.nextEventId;
            wt.scheduledEvent = ctx.workflowTaskScheduledEvent(wt).setEventId(wt.scheduledEventId)
                    .setTaskId(wt.scheduledEventId).setEventTime(io.cadenza.dataplane.common.Protos.timestamp(ctx.now()))
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED).build();
        }
        wt.startedEventId = wt.transientTask ? wt.scheduledEventId + 1 : state.nextEventId;
        wt.startedTimeMillis = ctx.now();
        wt.startToken = io.cadenza.dataplane.common.Ids.uuid();
        wt.identity = identity;
        wt.startedEvent = HistoryEvent.newBuilder()
                .setEventId(wt.startedEventId)
                .setTaskId(wt.startedEventId)
                .setEventTime(io.cadenza.dataplane.common.Protos.timestamp(ctx.now()))
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)
                .setWorkflowTaskStartedEventAttributes(WorkflowTaskStartedEventAttributes.newBuilder()
                        .setScheduledEventId(wt.scheduledEventId)
                        .setIdentity(identity == null ? "" : identity)
                        .setRequestId(requestId == null ? "" : requestId)
                        .setHistorySizeBytes(state.historySizeBytes))
                .build();
        return wt.inMemoryEvents();
    }

    /** The worker reported it could not process the task; a new attempt goes to the normal queue. */
    public static void fail(ExecutionContext ctx, WorkflowTaskFailedCause cause, Failure failure, String identity) {
        MutableState state = ctx.state();
        WorkflowTaskInfo wt = state.workflowTask;
        wt.transition(WorkflowTaskState.Event.FAIL);
        if (wt.transientTask) {
            state.workflowTask = null; // a transient attempt leaves no event (see WorkflowTaskInfo)
            retry(ctx, wt);
            return;
        }
        ctx.appendWorkflowTaskEvents(wt);
        WorkflowTaskFailedEventAttributes.Builder attrs = WorkflowTaskFailedEventAttributes.newBuilder()
                .setScheduledEventId(wt.scheduledEventId).setStartedEventId(wt.startedEventId)
                .setCause(cause).setIdentity(identity == null ? "" : identity);
        if (failure != null) {
            attrs.setFailure(failure);
        }
        ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
                HistoryEvent.newBuilder().setWorkflowTaskFailedEventAttributes(attrs));
        retry(ctx, wt);
    }

    /** Start-to-close timeout of a started task. */
    public static void timeOut(ExecutionContext ctx) {
        MutableState state = ctx.state();
        WorkflowTaskInfo wt = state.workflowTask;
        wt.transition(WorkflowTaskState.Event.TIME_OUT);
        if (wt.transientTask) {
            state.workflowTask = null; // a transient attempt leaves no event (see WorkflowTaskInfo)
            retry(ctx, wt);
            return;
        }
        ctx.appendWorkflowTaskEvents(wt);
        ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT, HistoryEvent.newBuilder()
                .setWorkflowTaskTimedOutEventAttributes(WorkflowTaskTimedOutEventAttributes.newBuilder()
                        .setScheduledEventId(wt.scheduledEventId).setStartedEventId(wt.startedEventId)
                        .setTimeoutType(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE)));
        retry(ctx, wt);
    }

    /**
     * A task on a sticky queue that no worker picked up in time (its worker is gone): it moves to the
     * workflow's normal queue, where any worker can take it and replay from the full history.
     */
    public static void moveToNormalQueue(ExecutionContext ctx) {
        MutableState state = ctx.state();
        WorkflowTaskInfo wt = state.workflowTask;
        wt.transition(WorkflowTaskState.Event.MOVE_TO_NORMAL_QUEUE);
        wt.sticky = false;
        wt.taskQueue = state.info.taskQueue;
        wt.scheduledTimeMillis = ctx.now();
        state.stickyQueue = null;
        ctx.markChanged();
        ctx.dispatchWorkflowTask();
    }

    public static long nextDeadline(MutableState state) {
        WorkflowTaskInfo wt = state.workflowTask;
        if (wt == null) {
            return Long.MAX_VALUE;
        }
        if (wt.isStarted()) {
            return wt.timeoutMillis > 0 ? wt.startedTimeMillis + wt.timeoutMillis : Long.MAX_VALUE;
        }
        if (wt.sticky && state.stickyScheduleToStartMillis > 0) {
            return wt.scheduledTimeMillis + state.stickyScheduleToStartMillis;
        }
        return Long.MAX_VALUE;
    }

    public static void fireDue(ExecutionContext ctx) {
        MutableState state = ctx.state();
        WorkflowTaskInfo wt = state.workflowTask;
        if (wt == null || nextDeadline(state) > ctx.now()) {
            return;
        }
        if (wt.isStarted()) {
            timeOut(ctx);
        } else {
            moveToNormalQueue(ctx);
        }
    }

    private static void retry(ExecutionContext ctx, WorkflowTaskInfo failed) {
        MutableState state = ctx.state();
        io.cadenza.dataplane.execution.update.UpdateTransitions.undeliver(state);
        // The worker that failed may have lost its cached copy of the run: replay on the normal queue.
        state.stickyQueue = null;
        ctx.flushBufferedEvents();
        ctx.scheduleWorkflowTask(failed.attempt + 1);
    }
}
