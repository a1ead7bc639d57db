package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.child.ChildInfo;
import io.cadenza.dataplane.execution.child.ExternalRequest;
import io.cadenza.dataplane.execution.state.ExecutionInfo;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.state.ParentRef;
import io.cadenza.dataplane.execution.timer.TimerInfo;
import io.cadenza.dataplane.execution.update.UpdateInfo;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;

/**
 * Rebuilds a run's mutable state from a prefix of its history, for ResetWorkflowExecution. Work that was pending
 * at the end of the prefix (activities, timers, children, requests to other workflows, accepted updates) is
 * pending again; activities restart their timeouts from now, timers keep their original fire time.
 */
public final class StateRebuilder {

    private StateRebuilder() {
    }

    public static MutableState rebuild(List<HistoryEvent> events, String runId, String requestId, long now) {
        MutableState s = new MutableState();
        for (HistoryEvent e : events) {
            apply(s, e, runId, requestId, now);
            s.historySizeBytes += e.getSerializedSize();
        }
        s.nextEventId = events.isEmpty() ? 1 : events.get(events.size() - 1).getEventId() + 1;
        return s;
    }

    private static void apply(MutableState s, HistoryEvent e, String runId, String requestId, long now) {
        long id = e.getEventId();
        switch (e.getEventType()) {
            case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
                var a = e.getWorkflowExecutionStartedEventAttributes();
                ExecutionInfo info = new ExecutionInfo();
                info.workflowType = a.getWorkflowType().getName();
                info.taskQueue = a.getTaskQueue().getName();
                info.startTimeMillis = now;
                info.executionTimeMillis = now;
                info.runTimeoutMillis = Protos.millis(a.getWorkflowRunTimeout());
                info.executionTimeoutMillis = Protos.millis(a.getWorkflowExecutionTimeout());
                info.workflowTaskTimeoutMillis = Protos.millis(a.getWorkflowTaskTimeout());
                info.runExpirationMillis = info.runTimeoutMillis > 0 ? now + info.runTimeoutMillis : 0;
                info.executionExpirationMillis = a.hasWorkflowExecutionExpirationTime()
                        ? Protos.millis(a.getWorkflowExecutionExpirationTime()) : 0;
                info.startRequestId = requestId;
                info.firstRunId = a.getFirstExecutionRunId().isEmpty() ? runId : a.getFirstExecutionRunId();
                info.identity = a.getIdentity();
                info.attempt = Math.max(1, a.getAttempt());
                info.retryPolicy = a.hasRetryPolicy() ? a.getRetryPolicy().toByteArray() : null;
                info.cronSchedule = a.getCronSchedule();
                info.header = a.hasHeader() ? a.getHeader().toByteArray() : null;
                if (a.hasParentWorkflowExecution()) {
                    info.parent = new ParentRef(a.getParentWorkflowNamespaceId(), a.getParentWorkflowNamespace(),
                            a.getParentWorkflowExecution().getWorkflowId(), a.getParentWorkflowExecution().getRunId(),
                            a.getParentInitiatedEventId());
                }
                s.info = info;
                s.memo = a.hasMemo() ? a.getMemo().toByteArray() : null;
                s.searchAttributes = a.hasSearchAttributes() ? a.getSearchAttributes().toByteArray() : null;
            }
            case EVENT_TYPE_WORKFLOW_TASK_COMPLETED ->
                    s.previousStartedEventId = e.getWorkflowTaskCompletedEventAttributes().getStartedEventId();
            case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
                ActivityInfo a = new ActivityInfo();
                a.scheduledEventId = id;
                a.activityId = e.getActivityTaskScheduledEventAttributes().getActivityId();
                a.setAttributes(e.getActivityTaskScheduledEventAttributes());
                a.firstScheduledTimeMillis = now;
                a.attemptScheduledTimeMillis = now;
                s.activities.put(id, a);
            }
            case EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED -> {
                ActivityInfo a = s.activities.get(e.getActivityTaskCancelRequestedEventAttributes().getScheduledEventId());
                if (a != null) {
                    a.cancelRequested = true;
                    a.cancelRequestedEventId = id;
                }
            }
            case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
                    s.activities.remove(e.getActivityTaskCompletedEventAttributes().getScheduledEventId());
            case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
                    s.activities.remove(e.getActivityTaskFailedEventAttributes().getScheduledEventId());
            case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
                    s.activities.remove(e.getActivityTaskTimedOutEventAttributes().getScheduledEventId());
            case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
                    s.activities.remove(e.getActivityTaskCanceledEventAttributes().getScheduledEventId());
            case EVENT_TYPE_TIMER_STARTED -> {
                var a = e.getTimerStartedEventAttributes();
                s.timers.put(a.getTimerId(), new TimerInfo(a.getTimerId(), id,
                        Protos.millis(e.getEventTime()) + Protos.millis(a.getStartToFireTimeout())));
            }
            case EVENT_TYPE_TIMER_FIRED -> s.timers.remove(e.getTimerFiredEventAttributes().getTimerId());
            case EVENT_TYPE_TIMER_CANCELED -> s.timers.remove(e.getTimerCanceledEventAttributes().getTimerId());
            case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
                var a = e.getStartChildWorkflowExecutionInitiatedEventAttributes();
                ChildInfo c = new ChildInfo();
                c.initiatedEventId = id;
                c.namespaceName = a.getNamespace();
                c.namespaceId = a.getNamespaceId();
                c.workflowId = a.getWorkflowId();
                c.workflowType = a.getWorkflowType().getName();
                c.parentClosePolicy = a.getParentClosePolicyValue();
                c.requestId = runId + ":" + id;
                c.initiatedAttributes = a.toByteArray();
                s.children.put(id, c);
            }
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> {
                var a = e.getChildWorkflowExecutionStartedEventAttributes();
                ChildInfo c = s.children.get(a.getInitiatedEventId());
                if (c != null) {
                    c.runId = a.getWorkflowExecution().getRunId();
                    c.namespaceId = a.getNamespaceId();
                    c.startedEventId = id;
                }
            }
            case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED ->
                    s.children.remove(e.getStartChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId());
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED ->
                    s.children.remove(e.getChildWorkflowExecutionCompletedEventAttributes().getInitiatedEventId());
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED ->
                    s.children.remove(e.getChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId());
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED ->
                    s.children.remove(e.getChildWorkflowExecutionCanceledEventAttributes().getInitiatedEventId());
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED ->
                    s.children.remove(e.getChildWorkflowExecutionTerminatedEventAttributes().getInitiatedEventId());
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT ->
                    s.children.remove(e.getChildWorkflowExecutionTimedOutEventAttributes().getInitiatedEventId());
            case EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> {
                var a = e.getSignalExternalWorkflowExecutionInitiatedEventAttributes();
                ExternalRequest r = new ExternalRequest();
                r.initiatedEventId = id;
                r.kind = ExternalRequest.Kind.SIGNAL;
                r.namespaceName = a.getNamespace();
                r.workflowId = a.getWorkflowExecution().getWorkflowId();
                r.runId = a.getWorkflowExecution().getRunId();
                r.signalName = a.getSignalName();
                r.input = a.hasInput() ? a.getInput().toByteArray() : null;
                r.header = a.hasHeader() ? a.getHeader().toByteArray() : null;
                r.control = a.getControl();
                r.childWorkflowOnly = a.getChildWorkflowOnly();
                r.requestId = runId + ":" + id;
                s.externalRequests.put(id, r);
            }
            case EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> {
                var a = e.getRequestCancelExternalWorkflowExecutionInitiatedEventAttributes();
                ExternalRequest r = new ExternalRequest();
                r.initiatedEventId = id;
                r.kind = ExternalRequest.Kind.CANCEL;
                r.namespaceName = a.getNamespace();
                r.workflowId = a.getWorkflowExecution().getWorkflowId();
                r.runId = a.getWorkflowExecution().getRunId();
                r.control = a.getControl();
                r.childWorkflowOnly = a.getChildWorkflowOnly();
                r.reason = a.getReason();
                r.requestId = runId + ":" + id;
                s.externalRequests.put(id, r);
            }
            case EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED ->
                    s.externalRequests.remove(e.getExternalWorkflowExecutionSignaledEventAttributes().getInitiatedEventId());
            case EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED -> s.externalRequests.remove(
                    e.getSignalExternalWorkflowExecutionFailedEventAttributes().getInitiatedEventId());
            case EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED -> s.externalRequests.remove(
                    e.getExternalWorkflowExecutionCancelRequestedEventAttributes().getInitiatedEventId());
            case EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED -> s.externalRequests.remove(
                    e.getRequestCancelExternalWorkflowExecutionFailedEventAttributes().getInitiatedEventId());
            case EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED -> s.cancelRequested = true;
            case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> {
                SearchAttributes current = Protos.parse(SearchAttributes.parser(), s.searchAttributes,
                        SearchAttributes.getDefaultInstance());
                s.searchAttributes = current.toBuilder().putAllIndexedFields(e
                        .getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes().getIndexedFieldsMap())
                        .build().toByteArray();
            }
            case EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED -> {
                Memo current = Protos.parse(Memo.parser(), s.memo, Memo.getDefaultInstance());
                s.memo = current.toBuilder().putAllFields(e.getWorkflowPropertiesModifiedEventAttributes()
                        .getUpsertedMemo().getFieldsMap()).build().toByteArray();
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> {
                var a = e.getWorkflowExecutionUpdateAcceptedEventAttributes();
                UpdateInfo u = new UpdateInfo();
                u.updateId = a.getProtocolInstanceId();
                u.stage = UpdateInfo.Stage.ACCEPTED;
                u.request = a.getAcceptedRequest().toByteArray();
                u.acceptedEventId = id;
                s.updates.put(u.updateId, u);
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> {
                var a = e.getWorkflowExecutionUpdateCompletedEventAttributes();
                UpdateInfo u = s.updates.get(a.getMeta().getUpdateId());
                if (u != null) {
                    u.stage = UpdateInfo.Stage.COMPLETED;
                    u.outcome = a.getOutcome().toByteArray();
                }
            }
            default -> {
                // Events that leave no pending work (signals, markers, workflow task bookkeeping).
            }
        }
    }
}
