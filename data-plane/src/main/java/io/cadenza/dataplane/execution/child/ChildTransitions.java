package io.cadenza.dataplane.execution.child;

import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.execution.Transfer;
import io.cadenza.dataplane.execution.state.MutableState;
import io.temporal.api.command.v1.RequestCancelExternalWorkflowExecutionCommandAttributes;
import io.temporal.api.command.v1.SignalExternalWorkflowExecutionCommandAttributes;
import io.temporal.api.command.v1.StartChildWorkflowExecutionCommandAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.CancelExternalWorkflowExecutionFailedCause;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.SignalExternalWorkflowExecutionFailedCause;
import io.temporal.api.enums.v1.StartChildWorkflowExecutionFailedCause;
import io.temporal.api.history.v1.*;
import io.temporal.api.taskqueue.v1.TaskQueue;

/**
 * Child workflows and requests to other workflows, seen from the run that issued them: each initiation is an
 * event (whose applier, in {@code execution.apply.ChildAppliers}, adds a pending entry) plus a transfer; the
 * outcome, reported back by the target, is an event that removes the entry and wakes the workflow.
 */
public final class ChildTransitions {

    private ChildTransitions() {
    }

    public static void initiateChild(ExecutionContext ctx, StartChildWorkflowExecutionCommandAttributes cmd,
                                     long workflowTaskCompletedEventId) {
        MutableState s = ctx.state();
        String namespace = cmd.getNamespace().isEmpty() ? ctx.namespace().name() : cmd.getNamespace();
        TaskQueue queue = cmd.getTaskQueue().getName().isEmpty()
                ? TaskQueue.newBuilder().setName(s.info.taskQueue).build() : cmd.getTaskQueue();
        StartChildWorkflowExecutionInitiatedEventAttributes.Builder attrs =
                StartChildWorkflowExecutionInitiatedEventAttributes.newBuilder()
                        .setNamespace(namespace)
                        .setNamespaceId(namespace.equals(ctx.namespace().name()) ? ctx.namespace().id() : "")
                        .setWorkflowId(cmd.getWorkflowId())
                        .setWorkflowType(cmd.getWorkflowType())
                        .setTaskQueue(queue)
                        .setWorkflowExecutionTimeout(cmd.getWorkflowExecutionTimeout())
                        .setWorkflowRunTimeout(cmd.getWorkflowRunTimeout())
                        .setWorkflowTaskTimeout(cmd.getWorkflowTaskTimeout())
                        .setParentClosePolicy(cmd.getParentClosePolicy())
                        .setControl(cmd.getControl())
                        .setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId)
                        .setWorkflowIdReusePolicy(cmd.getWorkflowIdReusePolicy())
                        .setCronSchedule(cmd.getCronSchedule());
        if (cmd.hasInput()) {
            attrs.setInput(cmd.getInput());
        }
        if (cmd.hasRetryPolicy()) {
            attrs.setRetryPolicy(cmd.getRetryPolicy());
        }
        if (cmd.hasHeader()) {
            attrs.setHeader(cmd.getHeader());
        }
        if (cmd.hasMemo()) {
            attrs.setMemo(cmd.getMemo());
        }
        if (cmd.hasSearchAttributes()) {
            attrs.setSearchAttributes(cmd.getSearchAttributes());
        }
        if (cmd.hasPriority()) {
            attrs.setPriority(cmd.getPriority());
        }
        long id = ctx.addEvent(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
                HistoryEvent.newBuilder().setStartChildWorkflowExecutionInitiatedEventAttributes(attrs));
        ctx.transfer(new Transfer.StartChild(ctx.key(), id));
    }

    public static void childStarted(ExecutionContext ctx, ChildInfo c, String runId, String namespaceId) {
        var attrs = c.attributes();
        ChildWorkflowExecutionStartedEventAttributes.Builder started = ChildWorkflowExecutionStartedEventAttributes
                .newBuilder().setNamespace(c.namespaceName).setNamespaceId(namespaceId)
                .setInitiatedEventId(c.initiatedEventId)
                .setWorkflowExecution(execution(c.workflowId, runId))
                .setWorkflowType(attrs.getWorkflowType());
        if (attrs.hasHeader()) {
            started.setHeader(attrs.getHeader());
        }
        ctx.addEvent(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED,
                HistoryEvent.newBuilder().setChildWorkflowExecutionStartedEventAttributes(started));
        ctx.scheduleWorkflowTask();
    }

    public static void childStartFailed(ExecutionContext ctx, ChildInfo c, StartChildWorkflowExecutionFailedCause cause) {
        var attrs = c.attributes();
        ctx.addEvent(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED, HistoryEvent.newBuilder()
                .setStartChildWorkflowExecutionFailedEventAttributes(
                        StartChildWorkflowExecutionFailedEventAttributes.newBuilder()
                                .setNamespace(c.namespaceName).setNamespaceId(c.namespaceId == null ? "" : c.namespaceId)
                                .setWorkflowId(c.workflowId).setWorkflowType(attrs.getWorkflowType())
                                .setCause(cause).setControl(attrs.getControl())
                                .setInitiatedEventId(c.initiatedEventId)
                                .setWorkflowTaskCompletedEventId(attrs.getWorkflowTaskCompletedEventId())));
        ctx.scheduleWorkflowTask();
    }

    /** The child closed with {@code closeEvent} (its run's last event). */
    public static void childClosed(ExecutionContext ctx, ChildInfo c, String runId, String namespaceId,
                                   HistoryEvent closeEvent) {
        if (!c.started()) {
            // The child's report overtook the confirmation of its start.
            childStarted(ctx, c, runId, namespaceId);
        }
        WorkflowExecution ex = execution(c.workflowId, runId);
        WorkflowType type = WorkflowType.newBuilder().setName(c.workflowType).build();
        String ns = c.namespaceName;
        String nsId = c.namespaceId == null ? "" : c.namespaceId;
        HistoryEvent.Builder e = HistoryEvent.newBuilder();
        EventType eventType;
        switch (closeEvent.getEventType()) {
            case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
                eventType = EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED;
                var a = ChildWorkflowExecutionCompletedEventAttributes.newBuilder().setNamespace(ns).setNamespaceId(nsId)
                        .setWorkflowExecution(ex).setWorkflowType(type).setInitiatedEventId(c.initiatedEventId)
                        .setStartedEventId(c.startedEventId);
                if (closeEvent.getWorkflowExecutionCompletedEventAttributes().hasResult()) {
                    a.setResult(closeEvent.getWorkflowExecutionCompletedEventAttributes().getResult());
                }
                e.setChildWorkflowExecutionCompletedEventAttributes(a);
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
                eventType = EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED;
                var f = closeEvent.getWorkflowExecutionFailedEventAttributes();
                e.setChildWorkflowExecutionFailedEventAttributes(ChildWorkflowExecutionFailedEventAttributes.newBuilder()
                        .setNamespace(ns).setNamespaceId(nsId).setWorkflowExecution(ex).setWorkflowType(type)
                        .setInitiatedEventId(c.initiatedEventId).setStartedEventId(c.startedEventId)
                        .setFailure(f.getFailure()).setRetryState(f.getRetryState()));
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> {
                eventType = EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED;
                var a = ChildWorkflowExecutionCanceledEventAttributes.newBuilder().setNamespace(ns).setNamespaceId(nsId)
                        .setWorkflowExecution(ex).setWorkflowType(type).setInitiatedEventId(c.initiatedEventId)
                        .setStartedEventId(c.startedEventId);
                if (closeEvent.getWorkflowExecutionCanceledEventAttributes().hasDetails()) {
                    a.setDetails(closeEvent.getWorkflowExecutionCanceledEventAttributes().getDetails());
                }
                e.setChildWorkflowExecutionCanceledEventAttributes(a);
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> {
                eventType = EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT;
                e.setChildWorkflowExecutionTimedOutEventAttributes(ChildWorkflowExecutionTimedOutEventAttributes
                        .newBuilder().setNamespace(ns).setNamespaceId(nsId).setWorkflowExecution(ex)
                        .setWorkflowType(type).setInitiatedEventId(c.initiatedEventId)
                        .setStartedEventId(c.startedEventId)
                        .setRetryState(closeEvent.getWorkflowExecutionTimedOutEventAttributes().getRetryState()));
            }
            default -> {
                eventType = EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED;
                e.setChildWorkflowExecutionTerminatedEventAttributes(ChildWorkflowExecutionTerminatedEventAttributes
                        .newBuilder().setNamespace(ns).setNamespaceId(nsId).setWorkflowExecution(ex)
                        .setWorkflowType(type).setInitiatedEventId(c.initiatedEventId)
                        .setStartedEventId(c.startedEventId));
            }
        }
        ctx.addEvent(eventType, e);
        ctx.scheduleWorkflowTask();
    }

    public static void initiateSignal(ExecutionContext ctx, SignalExternalWorkflowExecutionCommandAttributes cmd,
                                      long workflowTaskCompletedEventId) {
        String namespace = cmd.getNamespace().isEmpty() ? ctx.namespace().name() : cmd.getNamespace();
        SignalExternalWorkflowExecutionInitiatedEventAttributes.Builder attrs =
                SignalExternalWorkflowExecutionInitiatedEventAttributes.newBuilder()
                        .setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId)
                        .setNamespace(namespace)
                        .setWorkflowExecution(cmd.getExecution())
                        .setSignalName(cmd.getSignalName())
                        .setControl(cmd.getControl())
                        .setChildWorkflowOnly(cmd.getChildWorkflowOnly());
        if (cmd.hasInput()) {
            attrs.setInput(cmd.getInput());
        }
        if (cmd.hasHeader()) {
            attrs.setHeader(cmd.getHeader());
        }
        long id = ctx.addEvent(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
                HistoryEvent.newBuilder().setSignalExternalWorkflowExecutionInitiatedEventAttributes(attrs));
        ctx.transfer(new Transfer.DeliverExternalRequest(ctx.key(), id));
    }

    public static void initiateCancel(ExecutionContext ctx, RequestCancelExternalWorkflowExecutionCommandAttributes cmd,
                                      long workflowTaskCompletedEventId) {
        String namespace = cmd.getNamespace().isEmpty() ? ctx.namespace().name() : cmd.getNamespace();
        long id = ctx.addEvent(EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
                HistoryEvent.newBuilder().setRequestCancelExternalWorkflowExecutionInitiatedEventAttributes(
                        RequestCancelExternalWorkflowExecutionInitiatedEventAttributes.newBuilder()
                                .setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId)
                                .setNamespace(namespace)
                                .setWorkflowExecution(execution(cmd.getWorkflowId(), cmd.getRunId()))
                                .setControl(cmd.getControl())
                                .setChildWorkflowOnly(cmd.getChildWorkflowOnly())
                                .setReason(cmd.getReason())));
        ctx.transfer(new Transfer.DeliverExternalRequest(ctx.key(), id));
    }

    /** The target accepted the signal or cancellation request. */
    public static void externalDelivered(ExecutionContext ctx, ExternalRequest r, String targetRunId) {
        WorkflowExecution ex = execution(r.workflowId, targetRunId == null ? r.runId : targetRunId);
        if (r.kind == ExternalRequest.Kind.SIGNAL) {
            ctx.addEvent(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED, HistoryEvent.newBuilder()
                    .setExternalWorkflowExecutionSignaledEventAttributes(
                            ExternalWorkflowExecutionSignaledEventAttributes.newBuilder()
                                    .setInitiatedEventId(r.initiatedEventId).setNamespace(r.namespaceName)
                                    .setWorkflowExecution(ex).setControl(r.control == null ? "" : r.control)));
        } else {
            ctx.addEvent(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED, HistoryEvent.newBuilder()
                    .setExternalWorkflowExecutionCancelRequestedEventAttributes(
                            ExternalWorkflowExecutionCancelRequestedEventAttributes.newBuilder()
                                    .setInitiatedEventId(r.initiatedEventId).setNamespace(r.namespaceName)
                                    .setWorkflowExecution(ex)));
        }
        ctx.scheduleWorkflowTask();
    }

    /** The target does not exist (or is not this run's child when only a child may be addressed). */
    public static void externalFailed(ExecutionContext ctx, ExternalRequest r) {
        WorkflowExecution ex = execution(r.workflowId, r.runId);
        long completedId = 0;
        if (r.kind == ExternalRequest.Kind.SIGNAL) {
            ctx.addEvent(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, HistoryEvent.newBuilder()
                    .setSignalExternalWorkflowExecutionFailedEventAttributes(
                            SignalExternalWorkflowExecutionFailedEventAttributes.newBuilder()
                                    .setCause(SignalExternalWorkflowExecutionFailedCause
                                            .SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND)
                                    .setWorkflowTaskCompletedEventId(completedId).setNamespace(r.namespaceName)
                                    .setWorkflowExecution(ex).setInitiatedEventId(r.initiatedEventId)
                                    .setControl(r.control == null ? "" : r.control)));
        } else {
            ctx.addEvent(EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, HistoryEvent.newBuilder()
                    .setRequestCancelExternalWorkflowExecutionFailedEventAttributes(
                            RequestCancelExternalWorkflowExecutionFailedEventAttributes.newBuilder()
                                    .setCause(CancelExternalWorkflowExecutionFailedCause
                                            .CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND)
                                    .setWorkflowTaskCompletedEventId(completedId).setNamespace(r.namespaceName)
                                    .setWorkflowExecution(ex).setInitiatedEventId(r.initiatedEventId)
                                    .setControl(r.control == null ? "" : r.control)));
        }
        ctx.scheduleWorkflowTask();
    }

    private static WorkflowExecution execution(String workflowId, String runId) {
        return WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId == null ? "" : runId).build();
    }
}
