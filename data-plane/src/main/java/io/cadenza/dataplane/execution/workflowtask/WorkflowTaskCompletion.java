package io.cadenza.dataplane.execution.workflowtask;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.execution.WorkflowTransitions;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.activity.ActivityTransitions;
import io.cadenza.dataplane.execution.child.ChildTransitions;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.timer.TimerInfo;
import io.cadenza.dataplane.execution.timer.TimerTransitions;
import io.cadenza.dataplane.execution.update.UpdateTransitions;
import io.temporal.api.command.v1.Command;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.api.history.v1.TimerStartedEventAttributes;
import io.temporal.api.history.v1.UpsertWorkflowSearchAttributesEventAttributes;
import io.temporal.api.history.v1.WorkflowPropertiesModifiedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskCompletedEventAttributes;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * RespondWorkflowTaskCompleted: records the task's completion and applies its commands in order. Commands are
 * validated first; a bad one fails the task instead. A command that would close the run while new events wait
 * behind the task is refused (UNHANDLED_COMMAND), so the workflow sees those events first, as in Temporal.
 */
public final class WorkflowTaskCompletion {

    /** What the completion produced for the caller: activities to hand back eagerly, or the failure. */
    public record Result(boolean failed, String failureMessage, List<ActivityInfo> eagerActivities) {
    }

    private WorkflowTaskCompletion() {
    }

    public static Result apply(ExecutionContext ctx, RespondWorkflowTaskCompletedRequest request) {
        MutableState state = ctx.state();
        List<Command> commands = request.getCommandsList();
        java.util.Map<String, io.temporal.api.protocol.v1.Message> messages = new java.util.LinkedHashMap<>();
        request.getMessagesList().forEach(m -> messages.put(m.getId(), m));
        try {
            CommandValidator.validate(commands, state, ctx.namespace().indexedAttributes());
            for (var m : messages.values()) {
                if (!state.updates.containsKey(m.getProtocolInstanceId())) {
                    throw new CommandRejected(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_UPDATE_WORKFLOW_EXECUTION_MESSAGE,
                            "Message " + m.getId() + " refers to unknown update " + m.getProtocolInstanceId() + ".");
                }
            }
            for (Command c : commands) {
                if (c.getCommandType() == io.temporal.api.enums.v1.CommandType.COMMAND_TYPE_PROTOCOL_MESSAGE
                        && !messages.containsKey(c.getProtocolMessageCommandAttributes().getMessageId())) {
                    throw new CommandRejected(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_UPDATE_WORKFLOW_EXECUTION_MESSAGE,
                            "ProtocolMessage command refers to message "
                                    + c.getProtocolMessageCommandAttributes().getMessageId() + " that is not in the request.");
                }
            }
            boolean unseenUpdates = UpdateTransitions.hasUndelivered(state, state.workflowTask.startToken);
            if ((ctx.hasBufferedEvents() || unseenUpdates)
                    && commands.stream().anyMatch(WorkflowTaskCompletion::closesRun)) {
                throw new CommandRejected(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
                        "New events arrived while the workflow task was running; the workflow must handle them "
                                + "before it can close.");
            }
        } catch (CommandRejected rejected) {
            WorkflowTaskTransitions.fail(ctx, rejected.failedCause(),
                    Failure.newBuilder().setMessage(rejected.getMessage()).setSource("Server").build(),
                    request.getIdentity());
            return new Result(true, rejected.getMessage(), List.of());
        }

        WorkflowTaskInfo wt = state.workflowTask;
        wt.transition(WorkflowTaskState.Event.COMPLETE);
        ctx.appendWorkflowTaskEvents(wt);
        WorkflowTaskCompletedEventAttributes.Builder completed = WorkflowTaskCompletedEventAttributes.newBuilder()
                .setScheduledEventId(wt.scheduledEventId).setStartedEventId(wt.startedEventId)
                .setIdentity(request.getIdentity()).setBinaryChecksum(request.getBinaryChecksum());
        if (request.hasSdkMetadata()) {
            completed.setSdkMetadata(request.getSdkMetadata());
        }
        if (request.hasWorkerVersionStamp()) {
            completed.setWorkerVersion(request.getWorkerVersionStamp());
        }
        if (request.hasMeteringMetadata()) {
            completed.setMeteringMetadata(request.getMeteringMetadata());
        }
        long completedId = ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                HistoryEvent.newBuilder().setWorkflowTaskCompletedEventAttributes(completed));
        applyStickiness(ctx, request);

        List<ActivityInfo> eager = new ArrayList<>();
        ctx.deferWorkflowTaskScheduling();
        for (Command command : commands) {
            if (!state.isRunning()) {
                break;
            }
            if (command.getCommandType() == io.temporal.api.enums.v1.CommandType.COMMAND_TYPE_PROTOCOL_MESSAGE) {
                UpdateTransitions.apply(ctx,
                        messages.remove(command.getProtocolMessageCommandAttributes().getMessageId()), completedId);
            } else {
                apply(ctx, command, completedId, request.getIdentity(), eager);
            }
        }
        // Messages no command placed (rejections, for instance) apply after the commands, as in Temporal.
        for (var message : messages.values()) {
            if (state.isRunning()) {
                UpdateTransitions.apply(ctx, message, completedId);
            }
        }
        if (state.isRunning()) {
            boolean hadBuffered = ctx.hasBufferedEvents();
            ctx.flushBufferedEvents();
            boolean pendingUpdates = state.updates.values().stream()
                    .anyMatch(u -> u.stage == io.cadenza.dataplane.execution.update.UpdateInfo.Stage.ADMITTED);
            if (hadBuffered || pendingUpdates || request.getForceCreateNewWorkflowTask()) {
                ctx.scheduleWorkflowTask();
            }
        }
        ctx.resumeWorkflowTaskScheduling();
        return new Result(false, null, eager);
    }

    private static void apply(ExecutionContext ctx, Command command, long completedId, String identity,
                              List<ActivityInfo> eager) {
        MutableState state = ctx.state();
        switch (command.getCommandType()) {
            case COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK -> {
                var attrs = command.getScheduleActivityTaskCommandAttributes();
                ActivityInfo a = ActivityTransitions.schedule(ctx,
                        CommandValidator.scheduledActivity(attrs, state, completedId));
                if (attrs.getRequestEagerExecution() && !io.cadenza.dataplane.execution.activity.HumanTaskTransitions.isHuman(a)
                        && a.attributes().getTaskQueue().getName().equals(state.info.taskQueue)) {
                    eager.add(a);
                } else {
                    ActivityTransitions.dispatch(ctx, a);
                }
            }
            case COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK -> {
                long scheduledId = command.getRequestCancelActivityTaskCommandAttributes().getScheduledEventId();
                ActivityInfo a = state.activities.get(scheduledId);
                if (a != null) {
                    ActivityTransitions.requestCancel(ctx, a, completedId);
                } else {
                    // Its completion is buffered behind this task: record the request, the outcome stands.
                    ctx.addEvent(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED, HistoryEvent.newBuilder()
                            .setActivityTaskCancelRequestedEventAttributes(
                                    io.temporal.api.history.v1.ActivityTaskCancelRequestedEventAttributes.newBuilder()
                                            .setScheduledEventId(scheduledId)
                                            .setWorkflowTaskCompletedEventId(completedId)));
                }
            }
            case COMMAND_TYPE_START_TIMER -> {
                var attrs = command.getStartTimerCommandAttributes();
                TimerTransitions.start(ctx, TimerStartedEventAttributes.newBuilder()
                        .setTimerId(attrs.getTimerId())
                        .setStartToFireTimeout(attrs.getStartToFireTimeout())
                        .setWorkflowTaskCompletedEventId(completedId).build());
            }
            case COMMAND_TYPE_CANCEL_TIMER -> {
                String timerId = command.getCancelTimerCommandAttributes().getTimerId();
                TimerInfo timer = state.timers.get(timerId);
                if (timer != null) {
                    TimerTransitions.cancel(ctx, timer, completedId, identity);
                }
                // A timer that already fired has its TimerFired event buffered: the workflow will see it.
            }
            case COMMAND_TYPE_RECORD_MARKER -> {
                var attrs = command.getRecordMarkerCommandAttributes();
                MarkerRecordedEventAttributes.Builder marker = MarkerRecordedEventAttributes.newBuilder()
                        .setMarkerName(attrs.getMarkerName()).putAllDetails(attrs.getDetailsMap())
                        .setWorkflowTaskCompletedEventId(completedId);
                if (attrs.hasHeader()) {
                    marker.setHeader(attrs.getHeader());
                }
                if (attrs.hasFailure()) {
                    marker.setFailure(attrs.getFailure());
                }
                ctx.addEvent(EventType.EVENT_TYPE_MARKER_RECORDED,
                        HistoryEvent.newBuilder().setMarkerRecordedEventAttributes(marker));
            }
            case COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION -> {
                var attrs = command.getCompleteWorkflowExecutionCommandAttributes();
                WorkflowTransitions.complete(ctx, attrs.hasResult() ? attrs.getResult() : null, completedId);
            }
            case COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION ->
                    WorkflowTransitions.fail(ctx, command.getFailWorkflowExecutionCommandAttributes().getFailure(),
                            completedId);
            case COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION -> {
                var attrs = command.getCancelWorkflowExecutionCommandAttributes();
                WorkflowTransitions.cancel(ctx, attrs.hasDetails() ? attrs.getDetails() : null, completedId);
            }
            case COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> {
                SearchAttributes upserted = command.getUpsertWorkflowSearchAttributesCommandAttributes()
                        .getSearchAttributes();
                ctx.addEvent(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, HistoryEvent.newBuilder()
                        .setUpsertWorkflowSearchAttributesEventAttributes(
                                UpsertWorkflowSearchAttributesEventAttributes.newBuilder()
                                        .setSearchAttributes(upserted).setWorkflowTaskCompletedEventId(completedId)));
            }
            case COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES -> {
                Memo upserted = command.getModifyWorkflowPropertiesCommandAttributes().getUpsertedMemo();
                ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED, HistoryEvent.newBuilder()
                        .setWorkflowPropertiesModifiedEventAttributes(
                                WorkflowPropertiesModifiedEventAttributes.newBuilder()
                                        .setUpsertedMemo(upserted).setWorkflowTaskCompletedEventId(completedId)));
            }
            case COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION -> ChildTransitions.initiateChild(ctx,
                    command.getStartChildWorkflowExecutionCommandAttributes(), completedId);
            case COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION -> ChildTransitions.initiateSignal(ctx,
                    command.getSignalExternalWorkflowExecutionCommandAttributes(), completedId);
            case COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION -> ChildTransitions.initiateCancel(ctx,
                    command.getRequestCancelExternalWorkflowExecutionCommandAttributes(), completedId);
            case COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION -> WorkflowTransitions.continueAsNew(ctx,
                    command.getContinueAsNewWorkflowExecutionCommandAttributes(), completedId);
            default -> {
                // Protocol messages (updates) carry no state yet; validation rejected everything else.
            }
        }
    }

    private static void applyStickiness(ExecutionContext ctx, RespondWorkflowTaskCompletedRequest request) {
        MutableState state = ctx.state();
        if (request.hasStickyAttributes()
                && !request.getStickyAttributes().getWorkerTaskQueue().getName().isEmpty()) {
            state.stickyQueue = request.getStickyAttributes().getWorkerTaskQueue().getName();
            state.stickyScheduleToStartMillis = Protos.millis(request.getStickyAttributes().getScheduleToStartTimeout());
        } else {
            state.stickyQueue = null;
        }
        ctx.markChanged();
    }

    private static boolean closesRun(Command c) {
        return switch (c.getCommandType()) {
            case COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION, COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
                 COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION, COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION -> true;
            default -> false;
        };
    }
}
