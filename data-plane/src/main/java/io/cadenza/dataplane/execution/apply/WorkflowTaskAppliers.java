package io.cadenza.dataplane.execution.apply;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.workflowtask.WorkflowTaskInfo;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TaskQueueKind;

/**
 * Workflow tasks: WorkflowTaskScheduled makes a task outstanding, WorkflowTaskStarted (written when the task closes)
 * records its started id, and the closing events clear it; WorkflowTaskCompleted also sets the
 * previous_started_event_id of the next task. Not event-derived (kept by the transitions): a transient retry
 * (attempt > 1, whose events are written only if it completes), a task's move from a sticky to the normal queue,
 * and everything about a started task (in memory only).
 */
final class WorkflowTaskAppliers {

    private WorkflowTaskAppliers() {
    }

    static void register(EventAppliers.Registry r) {
        r.on(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, (s, e, runId) -> {
            var a = e.getWorkflowTaskScheduledEventAttributes();
            WorkflowTaskInfo wt = new WorkflowTaskInfo();
            wt.scheduledEventId = e.getEventId();
            wt.attempt = Math.max(1, a.getAttempt());
            wt.sticky = a.getTaskQueue().getKind() == TaskQueueKind.TASK_QUEUE_KIND_STICKY;
            wt.taskQueue = a.getTaskQueue().getName();
            wt.timeoutMillis = Protos.millis(a.getStartToCloseTimeout());
            wt.scheduledTimeMillis = Protos.millis(e.getEventTime());
            s.workflowTask = wt;
            s.awaitingFirstWorkflowTask = false;
        });
        r.on(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, (s, e, runId) -> {
            WorkflowTaskInfo wt = s.workflowTask;
            if (wt != null && wt.scheduledEventId == e.getWorkflowTaskStartedEventAttributes().getScheduledEventId()) {
                wt.startedEventId = e.getEventId();
            }
        });
        r.on(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, (s, e, runId) -> {
            s.previousStartedEventId = e.getWorkflowTaskCompletedEventAttributes().getStartedEventId();
            s.workflowTask = null;
        });
        r.on(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, (s, e, runId) -> s.workflowTask = null);
        r.on(EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT, (s, e, runId) -> s.workflowTask = null);
    }
}
