package io.cadenza.dataplane.execution.activity;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.matching.MatchingTask;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.failure.v1.TimeoutFailureInfo;
import io.temporal.api.history.v1.ActivityTaskCancelRequestedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskCanceledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskTimedOutEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;

/**
 * Every change to a pending activity: each method checks the move against {@link ActivityState#TABLE} and emits
 * the history events it implies; their appliers ({@code execution.apply.ActivityAppliers}) add, flag and remove
 * the activity. Attempts that will be retried leave no event, so the attempt's progress (state, attempt number,
 * backoff, last failure, heartbeats) is changed here directly; the final outcome is recorded as
 * ActivityTaskStarted (with the last attempt number) plus the closing event.
 */
public final class ActivityTransitions {

    private ActivityTransitions() {
    }

    public static ActivityInfo schedule(ExecutionContext ctx, ActivityTaskScheduledEventAttributes attributes) {
        long id = ctx.addEvent(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                HistoryEvent.newBuilder().setActivityTaskScheduledEventAttributes(attributes));
        return ctx.state().activities.get(id);
    }

    /** Queues the activity for workers (after commit). Activities on reserved queues are routed elsewhere. */
    public static void dispatch(ExecutionContext ctx, ActivityInfo a) {
        if (HumanTaskTransitions.isHuman(a)) {
            HumanTaskTransitions.open(ctx, a);
            return;
        }
        ctx.dispatch(MatchingTask.activityTask(ctx.key(), a.attributes().getTaskQueue().getName(),
                a.scheduledEventId, a.attempt));
    }

    /** A worker picked the activity up. Kept in memory only; returns the dispatch's start token. */
    public static String start(ExecutionContext ctx, ActivityInfo a, String identity, String requestId) {
        a.transition(ActivityState.Event.START);
        a.startedTimeMillis = ctx.now();
        a.startToken = io.cadenza.dataplane.common.Ids.uuid();
        a.startRequestId = requestId;
        a.lastWorkerIdentity = identity;
        return a.startToken;
    }

    public static void complete(ExecutionContext ctx, ActivityInfo a, Payloads result, String identity) {
        a.transition(ActivityState.Event.COMPLETE);
        long startedId = addStartedEvent(ctx, a, identity);
        ActivityTaskCompletedEventAttributes.Builder attrs = ActivityTaskCompletedEventAttributes.newBuilder()
                .setScheduledEventId(a.scheduledEventId).setStartedEventId(startedId).setIdentity(identity);
        if (result != null) {
            attrs.setResult(result);
        }
        ctx.addEvent(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
                HistoryEvent.newBuilder().setActivityTaskCompletedEventAttributes(attrs));
        close(ctx, a, "withdrawn", "the activity completed outside the inbox");
    }

    /** A failed attempt: retried after the policy's backoff, or recorded as ActivityTaskFailed. */
    public static void fail(ExecutionContext ctx, ActivityInfo a, Failure failure, Payloads lastHeartbeatDetails,
                            String identity) {
        if (lastHeartbeatDetails != null && lastHeartbeatDetails.getPayloadsCount() > 0) {
            a.heartbeatDetails = lastHeartbeatDetails.toByteArray();
        }
        RetryPolicies.Decision decision = retryDecision(ctx, a, failure);
        if (decision.retry()) {
            retry(ctx, a, failure, decision.backoffMillis());
            return;
        }
        a.transition(ActivityState.Event.FAIL);
        long startedId = addStartedEvent(ctx, a, identity);
        ctx.addEvent(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, HistoryEvent.newBuilder()
                .setActivityTaskFailedEventAttributes(ActivityTaskFailedEventAttributes.newBuilder()
                        .setFailure(failure).setScheduledEventId(a.scheduledEventId).setStartedEventId(startedId)
                        .setIdentity(identity).setRetryState(decision.state())));
        close(ctx, a, "withdrawn", "the activity failed");
    }

    /** The worker acknowledged a cancellation request. */
    public static void canceled(ExecutionContext ctx, ActivityInfo a, Payloads details, String identity) {
        a.transition(ActivityState.Event.CANCEL);
        long startedId = addStartedEvent(ctx, a, identity);
        addCanceledEvent(ctx, a, startedId, details, identity);
        close(ctx, a, "withdrawn", "the activity was cancelled");
    }

    /**
     * RequestCancelActivityTask: an activity no worker holds is canceled at once; a started one learns of the
     * request from its next heartbeat response.
     */
    public static void requestCancel(ExecutionContext ctx, ActivityInfo a, long workflowTaskCompletedEventId) {
        ctx.addEvent(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED,
                HistoryEvent.newBuilder().setActivityTaskCancelRequestedEventAttributes(
                        ActivityTaskCancelRequestedEventAttributes.newBuilder()
                                .setScheduledEventId(a.scheduledEventId)
                                .setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId)));
        if (a.state != ActivityState.STARTED) {
            a.transition(ActivityState.Event.CANCEL);
            addCanceledEvent(ctx, a, 0, null, "");
            close(ctx, a, "withdrawn", "the workflow cancelled the request");
        }
    }

    public static void heartbeat(ExecutionContext ctx, ActivityInfo a, Payloads details) {
        a.lastHeartbeatMillis = ctx.now();
        if (details != null && details.getPayloadsCount() > 0) {
            a.heartbeatDetails = details.toByteArray();
        }
        ctx.markChanged();
        ctx.meter(new io.cadenza.dataplane.metering.UsageFact.Heartbeat(a.scheduledEventId, a.attempt));
    }

    /** The next time something must happen to this activity, or Long.MAX_VALUE. */
    public static long nextDeadline(ActivityInfo a) {
        ActivityTaskScheduledEventAttributes attrs = a.attributes();
        long deadline = Long.MAX_VALUE;
        long scheduleToClose = Protos.millis(attrs.getScheduleToCloseTimeout());
        if (scheduleToClose > 0) {
            deadline = a.firstScheduledTimeMillis + scheduleToClose;
        }
        if (a.human != null) {
            return Math.min(deadline, HumanTaskTransitions.dueDeadline(a));
        }
        switch (a.state) {
            case SCHEDULED -> {
                long scheduleToStart = Protos.millis(attrs.getScheduleToStartTimeout());
                if (scheduleToStart > 0) {
                    deadline = Math.min(deadline, a.attemptScheduledTimeMillis + scheduleToStart);
                }
            }
            case BACKOFF -> deadline = Math.min(deadline, a.attemptScheduledTimeMillis);
            case STARTED -> {
                long startToClose = Protos.millis(attrs.getStartToCloseTimeout());
                if (startToClose > 0) {
                    deadline = Math.min(deadline, a.startedTimeMillis + startToClose);
                }
                long heartbeat = Protos.millis(attrs.getHeartbeatTimeout());
                if (heartbeat > 0) {
                    deadline = Math.min(deadline, Math.max(a.startedTimeMillis, a.lastHeartbeatMillis) + heartbeat);
                }
            }
            default -> {
            }
        }
        return deadline;
    }

    /** Applies whatever is due for this activity at {@code ctx.now()}. */
    public static void fireDue(ExecutionContext ctx, ActivityInfo a) {
        long now = ctx.now();
        ActivityTaskScheduledEventAttributes attrs = a.attributes();
        long scheduleToClose = Protos.millis(attrs.getScheduleToCloseTimeout());
        if (scheduleToClose > 0 && now >= a.firstScheduledTimeMillis + scheduleToClose) {
            timeOut(ctx, a, TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE, false);
            return;
        }
        if (a.human != null) {
            HumanTaskTransitions.fireDue(ctx, a);
            return;
        }
        switch (a.state) {
            case SCHEDULED -> {
                long scheduleToStart = Protos.millis(attrs.getScheduleToStartTimeout());
                if (scheduleToStart > 0 && now >= a.attemptScheduledTimeMillis + scheduleToStart) {
                    timeOut(ctx, a, TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START, false);
                }
            }
            case BACKOFF -> {
                if (now >= a.attemptScheduledTimeMillis) {
                    a.transition(ActivityState.Event.BACKOFF_ELAPSED);
                    ctx.markChanged();
                    dispatch(ctx, a);
                }
            }
            case STARTED -> {
                long startToClose = Protos.millis(attrs.getStartToCloseTimeout());
                long heartbeat = Protos.millis(attrs.getHeartbeatTimeout());
                if (startToClose > 0 && now >= a.startedTimeMillis + startToClose) {
                    timeOut(ctx, a, TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE, true);
                } else if (heartbeat > 0 && now >= Math.max(a.startedTimeMillis, a.lastHeartbeatMillis) + heartbeat) {
                    timeOut(ctx, a, TimeoutType.TIMEOUT_TYPE_HEARTBEAT, true);
                }
            }
            default -> {
            }
        }
    }

    private static void timeOut(ExecutionContext ctx, ActivityInfo a, TimeoutType type, boolean retryable) {
        Failure.Builder failure = Failure.newBuilder()
                .setMessage("activity " + timeoutName(type) + " timeout")
                .setSource("Server")
                .setTimeoutFailureInfo(TimeoutFailureInfo.newBuilder().setTimeoutType(type)
                        .setLastHeartbeatDetails(heartbeatDetails(a)));
        Failure lastFailure = lastFailure(a);
        if (lastFailure != null && !retryable) {
            failure.setCause(lastFailure);
        }
        RetryState retryState = RetryState.RETRY_STATE_TIMEOUT;
        if (retryable) {
            RetryPolicies.Decision decision = retryDecision(ctx, a, failure.build());
            if (decision.retry()) {
                retry(ctx, a, failure.build(), decision.backoffMillis());
                return;
            }
            retryState = decision.state();
        } else if (type == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
            retryState = RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE;
        }
        long startedId = 0;
        if (a.state == ActivityState.STARTED) {
            startedId = addStartedEvent(ctx, a, a.lastWorkerIdentity == null ? "" : a.lastWorkerIdentity);
        }
        a.transition(ActivityState.Event.TIME_OUT);
        ctx.addEvent(EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT, HistoryEvent.newBuilder()
                .setActivityTaskTimedOutEventAttributes(ActivityTaskTimedOutEventAttributes.newBuilder()
                        .setFailure(failure).setScheduledEventId(a.scheduledEventId).setStartedEventId(startedId)
                        .setRetryState(retryState)));
        close(ctx, a, "expired", "not completed within its schedule-to-close timeout");
    }

    private static RetryPolicies.Decision retryDecision(ExecutionContext ctx, ActivityInfo a, Failure failure) {
        ActivityTaskScheduledEventAttributes attrs = a.attributes();
        long scheduleToClose = Protos.millis(attrs.getScheduleToCloseTimeout());
        long expiration = scheduleToClose > 0 ? a.firstScheduledTimeMillis + scheduleToClose : 0;
        return RetryPolicies.decide(attrs.getRetryPolicy(), a.attempt, failure, ctx.now(), expiration);
    }

    private static void retry(ExecutionContext ctx, ActivityInfo a, Failure failure, long backoffMillis) {
        a.transition(ActivityState.Event.RETRY);
        a.attempt++;
        ctx.meter(new io.cadenza.dataplane.metering.UsageFact.ActivityRetried(a.scheduledEventId, a.attempt));
        a.lastFailure = failure.toByteArray();
        a.attemptScheduledTimeMillis = ctx.now() + backoffMillis;
        a.startToken = null;
        a.startedTimeMillis = 0;
        ctx.markChanged();
    }

    private static long addStartedEvent(ExecutionContext ctx, ActivityInfo a, String identity) {
        ActivityTaskStartedEventAttributes.Builder started = ActivityTaskStartedEventAttributes.newBuilder()
                .setScheduledEventId(a.scheduledEventId).setIdentity(identity == null ? "" : identity)
                .setRequestId(a.startRequestId == null ? "" : a.startRequestId).setAttempt(a.attempt);
        Failure lastFailure = lastFailure(a);
        if (lastFailure != null) {
            started.setLastFailure(lastFailure);
        }
        return ctx.addEvent(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED,
                HistoryEvent.newBuilder().setActivityTaskStartedEventAttributes(started));
    }

    private static void addCanceledEvent(ExecutionContext ctx, ActivityInfo a, long startedId, Payloads details,
                                         String identity) {
        ActivityTaskCanceledEventAttributes.Builder canceled = ActivityTaskCanceledEventAttributes.newBuilder()
                .setScheduledEventId(a.scheduledEventId).setStartedEventId(startedId)
                .setLatestCancelRequestedEventId(a.cancelRequestedEventId).setIdentity(identity);
        if (details != null) {
            canceled.setDetails(details);
        }
        ctx.addEvent(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED,
                HistoryEvent.newBuilder().setActivityTaskCanceledEventAttributes(canceled));
    }

    /**
     * After its closing event (whose applier removed it from mutable state): a human task still in the inbox moves
     * to {@code inboxState}, and the workflow gets a task.
     */
    private static void close(ExecutionContext ctx, ActivityInfo a, String inboxState, String reason) {
        HumanTaskTransitions.closed(ctx, a, inboxState, reason);
        ctx.markChanged();
        ctx.scheduleWorkflowTask();
    }

    public static Failure lastFailure(ActivityInfo a) {
        return a.lastFailure == null ? null
                : Protos.parse(Failure.parser(), a.lastFailure, Failure.getDefaultInstance());
    }

    public static Payloads heartbeatDetails(ActivityInfo a) {
        return Protos.parse(Payloads.parser(), a.heartbeatDetails, Payloads.getDefaultInstance());
    }

    private static String timeoutName(TimeoutType type) {
        return switch (type) {
            case TIMEOUT_TYPE_START_TO_CLOSE -> "StartToClose";
            case TIMEOUT_TYPE_SCHEDULE_TO_START -> "ScheduleToStart";
            case TIMEOUT_TYPE_SCHEDULE_TO_CLOSE -> "ScheduleToClose";
            case TIMEOUT_TYPE_HEARTBEAT -> "Heartbeat";
            default -> type.name();
        };
    }
}
