package io.cadenza.dataplane.execution.workflowtask;

import static io.temporal.api.enums.v1.WorkflowTaskFailedCause.*;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.activity.RetryPolicies;
import io.cadenza.dataplane.execution.state.MutableState;
import io.temporal.api.command.v1.Command;
import io.temporal.api.command.v1.ScheduleActivityTaskCommandAttributes;
import io.temporal.api.common.v1.RetryPolicy;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a workflow task's commands before any of them is applied, so a bad command fails the task without
 * leaving half of the batch in mutable state. Also derives the ActivityTaskScheduled attributes with the
 * server's timeout and retry defaults, exactly as Temporal fills them in.
 */
public final class CommandValidator {

    private CommandValidator() {
    }

    public static void validate(List<Command> commands, MutableState state,
                                java.util.Map<String, io.temporal.api.enums.v1.IndexedValueType> searchAttributes) {
        Set<String> activityIds = new HashSet<>();
        state.activities.values().forEach(a -> activityIds.add(a.activityId));
        Set<String> timerIds = new HashSet<>(state.timers.keySet());
        for (Command c : commands) {
            switch (c.getCommandType()) {
                case COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK -> {
                    var a = c.getScheduleActivityTaskCommandAttributes();
                    scheduledActivity(a, state, 0);
                    if (!activityIds.add(a.getActivityId())) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES,
                                "Activity ID " + a.getActivityId() + " is already used by a pending activity.");
                    }
                }
                case COMMAND_TYPE_START_TIMER -> {
                    var t = c.getStartTimerCommandAttributes();
                    if (t.getTimerId().isEmpty()) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES,
                                "TimerId is not set on StartTimer command.");
                    }
                    if (Protos.millis(t.getStartToFireTimeout()) <= 0) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES,
                                "A valid StartToFireTimeout is not set on StartTimer command.");
                    }
                    if (!timerIds.add(t.getTimerId())) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_START_TIMER_DUPLICATE_ID,
                                "Timer ID " + t.getTimerId() + " is already used by a pending timer.");
                    }
                }
                case COMMAND_TYPE_CANCEL_TIMER -> {
                    if (c.getCancelTimerCommandAttributes().getTimerId().isEmpty()) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_CANCEL_TIMER_ATTRIBUTES,
                                "TimerId is not set on CancelTimer command.");
                    }
                }
                case COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK -> {
                    if (c.getRequestCancelActivityTaskCommandAttributes().getScheduledEventId() <= 0) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_ACTIVITY_ATTRIBUTES,
                                "ScheduledEventId is not set on RequestCancelActivityTask command.");
                    }
                }
                case COMMAND_TYPE_RECORD_MARKER -> {
                    if (c.getRecordMarkerCommandAttributes().getMarkerName().isEmpty()) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_RECORD_MARKER_ATTRIBUTES,
                                "MarkerName is not set on RecordMarker command.");
                    }
                }
                case COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION -> {
                    if (!c.getFailWorkflowExecutionCommandAttributes().hasFailure()) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_FAIL_WORKFLOW_EXECUTION_ATTRIBUTES,
                                "Failure is not set on FailWorkflowExecution command.");
                    }
                }
                case COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION -> {
                    var a = c.getStartChildWorkflowExecutionCommandAttributes();
                    if (a.getWorkflowId().isEmpty() || a.getWorkflowType().getName().isEmpty()) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_START_CHILD_EXECUTION_ATTRIBUTES,
                                "WorkflowId and WorkflowType must be set on StartChildWorkflowExecution command.");
                    }
                    String invalid = a.hasRetryPolicy() ? RetryPolicies.validate(a.getRetryPolicy()) : null;
                    if (invalid != null) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_START_CHILD_EXECUTION_ATTRIBUTES,
                                invalid);
                    }
                    if (!a.getCronSchedule().isEmpty()) {
                        try {
                            io.cadenza.dataplane.schedule.spec.CronSchedule.parse(a.getCronSchedule());
                        } catch (IllegalArgumentException e) {
                            throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_START_CHILD_EXECUTION_ATTRIBUTES,
                                    e.getMessage());
                        }
                    }
                }
                case COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION -> {
                    var a = c.getSignalExternalWorkflowExecutionCommandAttributes();
                    if (a.getExecution().getWorkflowId().isEmpty() || a.getSignalName().isEmpty()) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_SIGNAL_WORKFLOW_EXECUTION_ATTRIBUTES,
                                "WorkflowId and SignalName must be set on SignalExternalWorkflowExecution command.");
                    }
                }
                case COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION -> {
                    if (c.getRequestCancelExternalWorkflowExecutionCommandAttributes().getWorkflowId().isEmpty()) {
                        throw new CommandRejected(
                                WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_ATTRIBUTES,
                                "WorkflowId must be set on RequestCancelExternalWorkflowExecution command.");
                    }
                }
                case COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION -> {
                    var a = c.getContinueAsNewWorkflowExecutionCommandAttributes();
                    String invalid = a.hasRetryPolicy() ? RetryPolicies.validate(a.getRetryPolicy()) : null;
                    if (invalid != null) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_CONTINUE_AS_NEW_ATTRIBUTES, invalid);
                    }
                }
                case COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> {
                    String problem = io.cadenza.dataplane.visibility.SearchAttributeDefinitions.problem(
                            c.getUpsertWorkflowSearchAttributesCommandAttributes().getSearchAttributes(),
                            searchAttributes);
                    if (problem != null) {
                        throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES, problem);
                    }
                }
                case COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION, COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
                     COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES,
                     COMMAND_TYPE_PROTOCOL_MESSAGE -> {
                }
                default -> throw new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
                        "Command " + c.getCommandType() + " is not supported by this Cadenza version yet.");
            }
        }
    }

    /** The ActivityTaskScheduled attributes for a command, with Temporal's defaults and caps applied. */
    public static ActivityTaskScheduledEventAttributes scheduledActivity(
            ScheduleActivityTaskCommandAttributes a, MutableState state, long workflowTaskCompletedEventId) {
        if (a.getActivityId().isEmpty()) {
            throw bad("ActivityId is not set on ScheduleActivityTask command.");
        }
        if (a.getActivityType().getName().isEmpty()) {
            throw bad("ActivityType is not set on ScheduleActivityTask command.");
        }
        if (a.getActivityId().length() > 1000 || a.getActivityType().getName().length() > 1000) {
            throw bad("ActivityId or ActivityType on ScheduleActivityTask command exceeds 1000 characters.");
        }
        long scheduleToClose = Protos.millis(a.getScheduleToCloseTimeout());
        long scheduleToStart = Protos.millis(a.getScheduleToStartTimeout());
        long startToClose = Protos.millis(a.getStartToCloseTimeout());
        long heartbeat = Protos.millis(a.getHeartbeatTimeout());
        if (scheduleToClose < 0 || scheduleToStart < 0 || startToClose < 0 || heartbeat < 0) {
            throw bad("A timeout on ScheduleActivityTask command is negative.");
        }
        long runTimeout = state.info.runTimeoutMillis;
        if (scheduleToClose > 0) {
            if (runTimeout > 0) {
                scheduleToClose = Math.min(scheduleToClose, runTimeout);
            }
            scheduleToStart = scheduleToStart > 0 ? Math.min(scheduleToStart, scheduleToClose) : scheduleToClose;
            startToClose = startToClose > 0 ? Math.min(startToClose, scheduleToClose) : scheduleToClose;
        } else if (startToClose > 0) {
            scheduleToClose = runTimeout;
            if (scheduleToStart <= 0) {
                scheduleToStart = runTimeout;
            } else if (runTimeout > 0) {
                scheduleToStart = Math.min(scheduleToStart, runTimeout);
            }
        } else {
            throw bad("A valid StartToClose or ScheduleToCloseTimeout is not set on ScheduleActivityTask command.");
        }
        heartbeat = Math.min(heartbeat, startToClose);
        RetryPolicy policy = a.hasRetryPolicy() ? a.getRetryPolicy() : RetryPolicy.getDefaultInstance();
        String invalid = RetryPolicies.validate(policy);
        if (invalid != null) {
            throw bad(invalid);
        }
        TaskQueue queue = a.getTaskQueue().getName().isEmpty()
                ? TaskQueue.newBuilder().setName(state.info.taskQueue).setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL)
                        .build()
                : a.getTaskQueue().toBuilder().setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL).build();
        ActivityTaskScheduledEventAttributes.Builder attrs = ActivityTaskScheduledEventAttributes.newBuilder()
                .setActivityId(a.getActivityId())
                .setActivityType(a.getActivityType())
                .setTaskQueue(queue)
                .setScheduleToCloseTimeout(Protos.duration(scheduleToClose))
                .setScheduleToStartTimeout(Protos.duration(scheduleToStart))
                .setStartToCloseTimeout(Protos.duration(startToClose))
                .setHeartbeatTimeout(Protos.duration(heartbeat))
                .setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId)
                .setRetryPolicy(RetryPolicies.withDefaults(policy))
                .setUseWorkflowBuildId(a.getUseWorkflowBuildId());
        if (a.hasHeader()) {
            attrs.setHeader(a.getHeader());
        }
        if (a.hasInput()) {
            attrs.setInput(a.getInput());
        }
        if (a.hasPriority()) {
            attrs.setPriority(a.getPriority());
        }
        return attrs.build();
    }

    static ActivityInfo findActivity(MutableState state, long scheduledEventId) {
        return state.activities.get(scheduledEventId);
    }

    private static CommandRejected bad(String message) {
        return new CommandRejected(WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES, message);
    }
}
