package io.cadenza.dataplane.execution.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadenza.dataplane.common.Ids;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.execution.activity.approval.ApprovalRequestParser;
import io.cadenza.dataplane.execution.activity.approval.ApprovalSpec;
import io.cadenza.dataplane.execution.activity.approval.InvalidApprovalRequest;
import io.cadenza.dataplane.persistence.InboxWrite;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What Approval activities (on {@link HumanTasks#TASK_QUEUE}) do differently from worker activities. Pure changes to
 * the run's state inside an update: each records its history events through {@link ActivityTransitions} and its
 * inbox change through {@link ExecutionContext#inbox}, so both commit in one transaction.
 *
 * <p>Human tasks ignore schedule-to-start, start-to-close and heartbeat timeouts (nobody "starts" them in the
 * engine's sense): only schedule-to-close ends them (expired), plus the due date, which only flags and escalates.
 */
public final class HumanTaskTransitions {

    /** The activity is no longer pending (completed, withdrawn, expired, or the run closed). */
    public static final class NotPending extends RuntimeException {
        public NotPending() {
            super("the approval is no longer pending", null, false, false);
        }
    }

    private HumanTaskTransitions() {
    }

    public static boolean isHuman(ActivityInfo a) {
        return HumanTasks.TASK_QUEUE.equals(a.attributes().getTaskQueue().getName());
    }

    /**
     * Instead of dispatching to pollers: validates the request and opens its inbox task, or fails the activity with
     * a non-retryable {@code InvalidApprovalRequest}. A task already in the inbox (recovery) is left alone.
     */
    public static void open(ExecutionContext ctx, ActivityInfo a) {
        if (a.human != null) {
            return;
        }
        var attrs = a.attributes();
        ApprovalSpec spec;
        try {
            spec = ApprovalRequestParser.parse(attrs.getActivityType().getName(),
                    attrs.hasInput() ? attrs.getInput() : null);
        } catch (InvalidApprovalRequest invalid) {
            ActivityTransitions.start(ctx, a, HumanTasks.SYSTEM, Ids.uuid());
            ActivityTransitions.fail(ctx, a, Failure.newBuilder()
                    .setMessage(invalid.getMessage())
                    .setSource("Cadenza")
                    .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder()
                            .setType(HumanTasks.INVALID_REQUEST).setNonRetryable(true))
                    .build(), null, HumanTasks.SYSTEM);
            return;
        }
        HumanTaskRef ref = new HumanTaskRef();
        ref.taskId = Ids.uuid();
        ref.dueAtMillis = spec.dueAtMillis();
        for (String g : spec.escalateTo()) {
            if (!spec.candidateGroups().contains(g)) {
                ref.escalateTo.add(g);
            }
        }
        a.human = ref;
        ctx.markChanged();
        long scheduleToClose = Protos.millis(attrs.getScheduleToCloseTimeout());
        ctx.inbox(new InboxWrite.Insert(ref.taskId, ctx.key().namespaceId(), ctx.key().workflowId(),
                ctx.key().runId(), a.scheduledEventId, a.activityId, ctx.state().info.workflowType, spec.title(),
                spec.priority(), spec.dueAtMillis(),
                scheduleToClose > 0 ? a.firstScheduledTimeMillis + scheduleToClose : 0, spec.assignee(),
                spec.candidateUsers(), spec.candidateGroups(), spec.normalized().toString(), ctx.now()));
    }

    /**
     * A person decided: records ActivityTaskStarted and ActivityTaskCompleted with the person as identity and
     * closes the inbox task with the result, or throws {@link NotPending} (before changing anything).
     */
    public static void complete(ExecutionContext ctx, long scheduledEventId, String taskId, String person,
                                String outcome, String comment, ObjectNode formValues) {
        ActivityInfo a = ctx.state().isRunning() ? ctx.state().activities.get(scheduledEventId) : null;
        if (a == null || a.human == null || !taskId.equals(a.human.taskId)) {
            throw new NotPending();
        }
        ObjectNode result = ApprovalRequestParser.JSON.createObjectNode()
                .put("outcome", outcome).put("comment", comment == null ? "" : comment);
        result.set("formValues", formValues);
        result.put("completedBy", person).put("completedAt", java.time.Instant.ofEpochMilli(ctx.now()).toString());
        String json = result.toString();
        ActivityTransitions.start(ctx, a, person, Ids.uuid());
        ctx.inbox(new InboxWrite.Close(taskId, "completed", json, person, null, ctx.now()));
        a.human = null; // closed above: the activity's own close must not withdraw it
        ActivityTransitions.complete(ctx, a, Payloads.newBuilder().addPayloads(Payload.newBuilder()
                .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
                .setData(com.google.protobuf.ByteString.copyFrom(json, StandardCharsets.UTF_8))).build(), person);
    }

    /** The activity closed other than by a person's decision: withdraw or expire its inbox task. */
    public static void closed(ExecutionContext ctx, ActivityInfo a, String state, String reason) {
        if (a.human == null) {
            return;
        }
        ctx.inbox(new InboxWrite.Close(a.human.taskId, state, null, HumanTasks.SYSTEM, reason, ctx.now()));
        a.human = null;
    }

    /** The run closes: every open inbox task of it is withdrawn in the closing commit. */
    public static void withdrawAll(ExecutionContext ctx, String reason) {
        for (ActivityInfo a : new ArrayList<>(ctx.state().activities.values())) {
            closed(ctx, a, "withdrawn", reason);
        }
    }

    /** The due date, while it has not been acted on, else Long.MAX_VALUE. */
    public static long dueDeadline(ActivityInfo a) {
        return a.human == null || a.human.overdue || a.human.dueAtMillis <= 0 ? Long.MAX_VALUE : a.human.dueAtMillis;
    }

    /** At the due date: flag overdue and escalate, once. */
    public static void fireDue(ExecutionContext ctx, ActivityInfo a) {
        if (dueDeadline(a) > ctx.now()) {
            return;
        }
        a.human.overdue = true;
        ctx.markChanged();
        ctx.inbox(new InboxWrite.Overdue(a.human.taskId, List.copyOf(a.human.escalateTo), ctx.now()));
    }
}
