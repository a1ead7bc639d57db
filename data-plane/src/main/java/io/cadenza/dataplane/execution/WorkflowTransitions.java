package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.state.WorkflowStatus;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionCancelRequestedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionCanceledEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionFailedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionTerminatedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionTimedOutEventAttributes;

/** Changes to the run as a whole: signals, cancellation requests, and the events that close it. */
public final class WorkflowTransitions {

    private WorkflowTransitions() {
    }

    public static void signal(ExecutionContext ctx, String name, Payloads input, Header header, String identity,
                              String requestId) {
        WorkflowExecutionSignaledEventAttributes.Builder attrs = WorkflowExecutionSignaledEventAttributes.newBuilder()
                .setSignalName(name).setIdentity(identity == null ? "" : identity)
                .setRequestId(requestId == null ? "" : requestId);
        if (input != null) {
            attrs.setInput(input);
        }
        if (header != null) {
            attrs.setHeader(header);
        }
        ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
                HistoryEvent.newBuilder().setWorkflowExecutionSignaledEventAttributes(attrs));
        ctx.scheduleWorkflowTask();
    }

    public static void requestCancel(ExecutionContext ctx, String reason, String identity) {
        MutableState state = ctx.state();
        if (state.cancelRequested) {
            return;
        }
        state.cancelRequested = true;
        ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED, HistoryEvent.newBuilder()
                .setWorkflowExecutionCancelRequestedEventAttributes(
                        WorkflowExecutionCancelRequestedEventAttributes.newBuilder()
                                .setCause(reason == null ? "" : reason).setIdentity(identity == null ? "" : identity)));
        ctx.scheduleWorkflowTask();
    }

    /** Terminates the run; an in-flight workflow task is dropped (its worker's answer will be refused). */
    public static void terminate(ExecutionContext ctx, String reason, Payloads details, String identity) {
        dropWorkflowTask(ctx);
        WorkflowExecutionTerminatedEventAttributes.Builder attrs = WorkflowExecutionTerminatedEventAttributes
                .newBuilder().setReason(reason == null ? "" : reason).setIdentity(identity == null ? "" : identity);
        if (details != null) {
            attrs.setDetails(details);
        }
        close(ctx, WorkflowStatus.Event.TERMINATE, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
                HistoryEvent.newBuilder().setWorkflowExecutionTerminatedEventAttributes(attrs));
    }

    public static void timeOut(ExecutionContext ctx) {
        dropWorkflowTask(ctx);
        close(ctx, WorkflowStatus.Event.TIME_OUT, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
                HistoryEvent.newBuilder().setWorkflowExecutionTimedOutEventAttributes(
                        WorkflowExecutionTimedOutEventAttributes.newBuilder()
                                .setRetryState(RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET)));
    }

    public static void complete(ExecutionContext ctx, Payloads result, long workflowTaskCompletedEventId) {
        WorkflowExecutionCompletedEventAttributes.Builder attrs = WorkflowExecutionCompletedEventAttributes
                .newBuilder().setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId);
        if (result != null) {
            attrs.setResult(result);
        }
        close(ctx, WorkflowStatus.Event.COMPLETE, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
                HistoryEvent.newBuilder().setWorkflowExecutionCompletedEventAttributes(attrs));
    }

    public static void fail(ExecutionContext ctx, Failure failure, long workflowTaskCompletedEventId) {
        close(ctx, WorkflowStatus.Event.FAIL, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
                HistoryEvent.newBuilder().setWorkflowExecutionFailedEventAttributes(
                        WorkflowExecutionFailedEventAttributes.newBuilder().setFailure(failure)
                                .setRetryState(RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET)
                                .setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId)));
    }

    public static void cancel(ExecutionContext ctx, Payloads details, long workflowTaskCompletedEventId) {
        WorkflowExecutionCanceledEventAttributes.Builder attrs = WorkflowExecutionCanceledEventAttributes
                .newBuilder().setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId);
        if (details != null) {
            attrs.setDetails(details);
        }
        close(ctx, WorkflowStatus.Event.CANCEL, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
                HistoryEvent.newBuilder().setWorkflowExecutionCanceledEventAttributes(attrs));
    }

    /** The run's own deadlines (run and execution timeouts). */
    public static long nextDeadline(MutableState state) {
        long next = Long.MAX_VALUE;
        if (state.info.runExpirationMillis > 0) {
            next = state.info.runExpirationMillis;
        }
        if (state.info.executionExpirationMillis > 0) {
            next = Math.min(next, state.info.executionExpirationMillis);
        }
        return next;
    }

    private static void dropWorkflowTask(ExecutionContext ctx) {
        MutableState state = ctx.state();
        if (state.workflowTask != null) {
            state.workflowTask.transition(io.cadenza.dataplane.execution.workflowtask.WorkflowTaskState.Event.DROP);
            state.workflowTask = null;
        }
        ctx.flushBufferedEvents();
    }

    private static void close(ExecutionContext ctx, WorkflowStatus.Event event, EventType type,
                              HistoryEvent.Builder closeEvent) {
        MutableState state = ctx.state();
        WorkflowExecutionStatus next = WorkflowStatus.TABLE.next(state.statusEnum(), event);
        ctx.flushBufferedEvents();
        ctx.addEvent(type, closeEvent);
        state.status = next.getNumber();
        state.closeTimeMillis = ctx.now();
        // Pending work of a closed run is abandoned: workers reporting on it later get NotFound.
        state.activities.clear();
        state.timers.clear();
        state.workflowTask = null;
        ctx.markChanged();
    }

    static Failure failureOrNull(byte[] bytes) {
        return bytes == null ? null : Protos.parse(Failure.parser(), bytes, Failure.getDefaultInstance());
    }
}
