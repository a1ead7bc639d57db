package io.cadenza.dataplane.execution.standalone;

import io.cadenza.dataplane.common.Ids;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.activity.ActivityState;
import io.cadenza.dataplane.execution.activity.ActivityTransitions;
import io.cadenza.dataplane.execution.activity.RetryPolicies;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.ActivityExecutionStatus;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.failure.v1.CanceledFailureInfo;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.failure.v1.TerminatedFailureInfo;
import io.temporal.api.failure.v1.TimeoutFailureInfo;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;

/**
 * Every change to a standalone activity run. Pure: each method checks the move against
 * {@link ActivityState#TABLE} (the table workflow activities use), changes the run in memory, and tells the
 * {@link StandaloneChange} whether to commit and whether a task must go to matching. Retry decisions are
 * {@link RetryPolicies}' and deadlines {@link ActivityTransitions#nextDeadline}'s, as for workflow activities.
 */
public final class StandaloneTransitions {

    private StandaloneTransitions() {
    }

    /** A new run: due at once, or after its start delay (waiting as a backoff does). */
    public static void schedule(StandaloneChange c, StandaloneActivity s) {
        ActivityInfo a = s.activity;
        a.firstScheduledTimeMillis = s.executionTimeMillis;
        a.attemptScheduledTimeMillis = s.executionTimeMillis;
        if (s.executionTimeMillis > c.now()) {
            a.state = ActivityState.BACKOFF;
        } else {
            c.dispatch();
        }
        c.changed();
    }

    /** A worker took the task: in memory only (see {@link StandaloneActivity#decode}); returns its start token. */
    public static String start(StandaloneChange c, StandaloneActivity s, String identity) {
        ActivityInfo a = s.activity;
        a.transition(ActivityState.Event.START);
        a.startedTimeMillis = c.now();
        a.startToken = Ids.uuid();
        a.lastWorkerIdentity = identity;
        return a.startToken;
    }

    public static void complete(StandaloneChange c, StandaloneActivity s, Payloads result, String identity) {
        s.activity.transition(ActivityState.Event.COMPLETE);
        reportedBy(s.activity, identity);
        s.result = (result == null ? Payloads.getDefaultInstance() : result).toByteArray();
        close(c, s, ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_COMPLETED);
    }

    /**
     * A failed attempt: retried after the policy's backoff, or the run fails with the attempt's failure. An
     * attempt that fails after cancellation was requested is not retried.
     */
    public static void fail(StandaloneChange c, StandaloneActivity s, Failure failure, Payloads lastHeartbeat,
                            String identity) {
        ActivityInfo a = s.activity;
        if (lastHeartbeat != null && lastHeartbeat.getPayloadsCount() > 0) {
            a.heartbeatDetails = lastHeartbeat.toByteArray();
        }
        reportedBy(a, identity);
        if (!a.cancelRequested) {
            RetryPolicies.Decision decision = retryDecision(c, s, failure);
            if (decision.retry()) {
                retry(c, s, failure, decision.backoffMillis());
                return;
            }
        }
        a.transition(ActivityState.Event.FAIL);
        a.lastFailure = failure.toByteArray();
        s.failure = failure.toByteArray();
        close(c, s, ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_FAILED);
    }

    /** The worker acknowledged a cancellation request. */
    public static void canceled(StandaloneChange c, StandaloneActivity s, Payloads details, String identity) {
        s.activity.transition(ActivityState.Event.CANCEL);
        reportedBy(s.activity, identity);
        closeCanceled(c, s, details);
    }

    /**
     * RequestCancelActivityExecution: a run no worker holds is canceled at once; a started one learns of the
     * request from its next heartbeat response (cooperative cancellation, as Temporal defines it).
     */
    public static void requestCancel(StandaloneChange c, StandaloneActivity s, String reason, String requestId) {
        s.activity.cancelRequested = true;
        s.canceledReason = reason == null ? "" : reason;
        s.cancelRequestId = requestId;
        c.changed();
        if (s.activity.state != ActivityState.STARTED) {
            s.activity.transition(ActivityState.Event.CANCEL);
            closeCanceled(c, s, null);
        }
    }

    /** TerminateActivityExecution: closes the run at once; a running attempt is not told. */
    public static void terminate(StandaloneChange c, StandaloneActivity s, String reason, String identity,
                                 String requestId) {
        // Any pending state may be left this way; CANCEL is the table's "leave without an outcome" move.
        s.activity.transition(ActivityState.Event.CANCEL);
        s.terminateRequestId = requestId;
        s.failure = Failure.newBuilder().setMessage(reason == null || reason.isEmpty() ? "terminated" : reason)
                .setSource("Server")
                .setTerminatedFailureInfo(TerminatedFailureInfo.newBuilder().setIdentity(identity == null ? ""
                        : identity))
                .build().toByteArray();
        close(c, s, ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_TERMINATED);
    }

    public static void heartbeat(StandaloneChange c, StandaloneActivity s, Payloads details) {
        s.activity.lastHeartbeatMillis = c.now();
        s.totalHeartbeatCount++;
        c.meter("heartbeat/" + s.totalHeartbeatCount, io.cadenza.dataplane.metering.Actions.ACTIVITY_HEARTBEAT);
        if (details != null && details.getPayloadsCount() > 0) {
            s.activity.heartbeatDetails = details.toByteArray();
        }
        c.changed();
    }

    /** The next time something must happen to the run, or Long.MAX_VALUE. */
    public static long nextDeadline(StandaloneActivity s) {
        return s.isRunning() ? ActivityTransitions.nextDeadline(s.activity) : Long.MAX_VALUE;
    }

    /** Applies whatever is due at {@code c.now()}: a timeout, or the end of a backoff (or start delay). */
    public static void fireDue(StandaloneChange c, StandaloneActivity s) {
        if (!s.isRunning()) {
            return;
        }
        ActivityInfo a = s.activity;
        long now = c.now();
        ActivityTaskScheduledEventAttributes attrs = a.attributes();
        long scheduleToClose = Protos.millis(attrs.getScheduleToCloseTimeout());
        if (scheduleToClose > 0 && now >= a.firstScheduledTimeMillis + scheduleToClose) {
            timeOut(c, s, TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE, false);
            return;
        }
        switch (a.state) {
            case SCHEDULED -> {
                long scheduleToStart = Protos.millis(attrs.getScheduleToStartTimeout());
                if (scheduleToStart > 0 && now >= a.attemptScheduledTimeMillis + scheduleToStart) {
                    timeOut(c, s, TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START, false);
                }
            }
            case BACKOFF -> {
                if (now >= a.attemptScheduledTimeMillis) {
                    a.transition(ActivityState.Event.BACKOFF_ELAPSED);
                    c.changed();
                    c.dispatch();
                }
            }
            case STARTED -> {
                long startToClose = Protos.millis(attrs.getStartToCloseTimeout());
                long heartbeat = Protos.millis(attrs.getHeartbeatTimeout());
                if (startToClose > 0 && now >= a.startedTimeMillis + startToClose) {
                    timeOut(c, s, TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE, true);
                } else if (heartbeat > 0 && now >= Math.max(a.startedTimeMillis, a.lastHeartbeatMillis) + heartbeat) {
                    timeOut(c, s, TimeoutType.TIMEOUT_TYPE_HEARTBEAT, true);
                }
            }
            default -> {
            }
        }
    }

    private static void timeOut(StandaloneChange c, StandaloneActivity s, TimeoutType type, boolean retryable) {
        ActivityInfo a = s.activity;
        Failure.Builder failure = Failure.newBuilder()
                .setMessage("activity " + type.name().substring("TIMEOUT_TYPE_".length()).toLowerCase()
                        .replace('_', '-') + " timeout")
                .setSource("Server")
                .setTimeoutFailureInfo(TimeoutFailureInfo.newBuilder().setTimeoutType(type)
                        .setLastHeartbeatDetails(ActivityTransitions.heartbeatDetails(a)));
        if (retryable && !a.cancelRequested) {
            RetryPolicies.Decision decision = retryDecision(c, s, failure.build());
            if (decision.retry()) {
                retry(c, s, failure.build(), decision.backoffMillis());
                return;
            }
        }
        Failure last = ActivityTransitions.lastFailure(a);
        if (last != null) {
            failure.setCause(last);
        }
        a.transition(ActivityState.Event.TIME_OUT);
        s.failure = failure.build().toByteArray();
        close(c, s, ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_TIMED_OUT);
    }

    private static RetryPolicies.Decision retryDecision(StandaloneChange c, StandaloneActivity s, Failure failure) {
        ActivityInfo a = s.activity;
        long scheduleToClose = Protos.millis(a.attributes().getScheduleToCloseTimeout());
        long expiration = scheduleToClose > 0 ? a.firstScheduledTimeMillis + scheduleToClose : 0;
        return RetryPolicies.decide(a.attributes().getRetryPolicy(), a.attempt, failure, c.now(), expiration);
    }

    private static void retry(StandaloneChange c, StandaloneActivity s, Failure failure, long backoffMillis) {
        ActivityInfo a = s.activity;
        a.transition(ActivityState.Event.RETRY);
        a.attempt++;
        a.lastFailure = failure.toByteArray();
        a.attemptScheduledTimeMillis = c.now() + backoffMillis;
        a.startToken = null;
        a.startedTimeMillis = 0;
        s.lastAttemptCompleteTimeMillis = c.now();
        s.currentRetryIntervalMillis = backoffMillis;
        c.changed();
        c.retried();
        c.meter("attempt/" + (s.activity.attempt), io.cadenza.dataplane.metering.Actions.ACTIVITY_STARTED);
    }

    /** The worker that started the attempt stays its identity when the report names none (ById calls). */
    private static void reportedBy(ActivityInfo a, String identity) {
        if (identity != null && !identity.isEmpty()) {
            a.lastWorkerIdentity = identity;
        }
    }

    private static void closeCanceled(StandaloneChange c, StandaloneActivity s, Payloads details) {
        CanceledFailureInfo.Builder info = CanceledFailureInfo.newBuilder();
        if (details != null) {
            info.setDetails(details);
        }
        s.failure = Failure.newBuilder()
                .setMessage(s.canceledReason == null || s.canceledReason.isEmpty() ? "activity canceled"
                        : s.canceledReason)
                .setSource("Server").setCanceledFailureInfo(info).build().toByteArray();
        close(c, s, ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_CANCELED);
    }

    private static void close(StandaloneChange c, StandaloneActivity s, ActivityExecutionStatus status) {
        s.status = status.getNumber();
        s.closeTimeMillis = c.now();
        s.lastAttemptCompleteTimeMillis = c.now();
        s.activity.startToken = null;
        c.changed();
    }
}
