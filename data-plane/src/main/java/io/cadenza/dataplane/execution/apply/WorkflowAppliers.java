package io.cadenza.dataplane.execution.apply;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.state.ExecutionInfo;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.state.ParentRef;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;

/**
 * The run as a whole: WorkflowExecutionStarted sets what the run was started with, cancellation requests, search
 * attribute and memo upserts change it, and the closing events set its status and drop its pending work. Signals
 * and markers change nothing (the workflow reads them from history).
 */
final class WorkflowAppliers {

    private WorkflowAppliers() {
    }

    static void register(EventAppliers.Registry r) {
        r.on(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, WorkflowAppliers::started);
        r.on(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, (s, e, runId) -> {
        });
        r.on(EventType.EVENT_TYPE_MARKER_RECORDED, (s, e, runId) -> {
        });
        r.on(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED, (s, e, runId) -> s.cancelRequested = true);
        r.on(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, (s, e, runId) -> {
            SearchAttributes current = Protos.parse(SearchAttributes.parser(), s.searchAttributes,
                    SearchAttributes.getDefaultInstance());
            s.searchAttributes = current.toBuilder().putAllIndexedFields(e
                    .getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes().getIndexedFieldsMap())
                    .build().toByteArray();
        });
        r.on(EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED, (s, e, runId) -> {
            Memo current = Protos.parse(Memo.parser(), s.memo, Memo.getDefaultInstance());
            s.memo = current.toBuilder().putAllFields(e.getWorkflowPropertiesModifiedEventAttributes()
                    .getUpsertedMemo().getFieldsMap()).build().toByteArray();
        });
        r.on(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
                closed(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED));
        r.on(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
                closed(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED));
        r.on(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
                closed(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED));
        r.on(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
                closed(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED));
        r.on(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
                closed(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT));
        r.on(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
                closed(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW));
    }

    private static void started(MutableState s, HistoryEvent e, String runId) {
        var a = e.getWorkflowExecutionStartedEventAttributes();
        long startTime = Protos.millis(e.getEventTime());
        long delay = Protos.millis(a.getFirstWorkflowTaskBackoff());
        ExecutionInfo info = new ExecutionInfo();
        info.workflowType = a.getWorkflowType().getName();
        info.taskQueue = a.getTaskQueue().getName();
        info.startTimeMillis = startTime;
        info.executionTimeMillis = startTime + delay;
        info.runTimeoutMillis = Protos.millis(a.getWorkflowRunTimeout());
        info.executionTimeoutMillis = Protos.millis(a.getWorkflowExecutionTimeout());
        info.workflowTaskTimeoutMillis = Protos.millis(a.getWorkflowTaskTimeout());
        info.runExpirationMillis = info.runTimeoutMillis > 0 ? startTime + delay + info.runTimeoutMillis : 0;
        info.executionExpirationMillis = a.hasWorkflowExecutionExpirationTime()
                ? Protos.millis(a.getWorkflowExecutionExpirationTime()) : 0;
        info.firstRunId = a.getFirstExecutionRunId().isEmpty() ? runId : a.getFirstExecutionRunId();
        info.continuedFromRunId = a.getContinuedExecutionRunId().isEmpty() ? null : a.getContinuedExecutionRunId();
        info.identity = a.getIdentity();
        info.attempt = Math.max(1, a.getAttempt());
        info.retryPolicy = a.hasRetryPolicy() ? a.getRetryPolicy().toByteArray() : null;
        info.cronSchedule = a.getCronSchedule();
        info.header = a.hasHeader() ? a.getHeader().toByteArray() : null;
        if (a.hasParentWorkflowExecution()) {
            info.parent = new ParentRef(a.getParentWorkflowNamespaceId(), a.getParentWorkflowNamespace(),
                    a.getParentWorkflowExecution().getWorkflowId(), a.getParentWorkflowExecution().getRunId(),
                    a.getParentInitiatedEventId());
            if (a.hasRootWorkflowExecution()) {
                info.parent.rootWorkflowId = a.getRootWorkflowExecution().getWorkflowId();
            }
        }
        s.info = info;
        s.memo = a.hasMemo() ? a.getMemo().toByteArray() : null;
        s.searchAttributes = a.hasSearchAttributes() ? a.getSearchAttributes().toByteArray() : null;
        // Cron and retry successors start with the chain's original input.
        s.cronInput = a.hasInput() && (!info.cronSchedule.isEmpty() || a.hasRetryPolicy())
                ? a.getInput().toByteArray() : null;
        s.awaitingFirstWorkflowTask = delay > 0;
    }

    private static EventApplier closed(WorkflowExecutionStatus status) {
        return (s, e, runId) -> {
            s.status = status.getNumber();
            s.closeTimeMillis = Protos.millis(e.getEventTime());
            // Pending work of a closed run is abandoned: workers reporting on it later get NotFound.
            s.children.clear();
            s.externalRequests.clear();
            UpdateAppliers.abandonAll(s);
            s.activities.clear();
            s.timers.clear();
            s.workflowTask = null;
        };
    }
}
