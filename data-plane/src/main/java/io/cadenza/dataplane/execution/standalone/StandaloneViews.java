package io.cadenza.dataplane.execution.standalone;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.activity.ActivityState;
import io.cadenza.dataplane.execution.activity.ActivityTransitions;
import io.temporal.api.activity.v1.ActivityExecutionInfo;
import io.temporal.api.activity.v1.ActivityExecutionOutcome;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.sdk.v1.UserMetadata;

/** Standalone activity runs to Temporal's protos: Describe, outcome (a new run from a start request is made in api). */
public final class StandaloneViews {

    private StandaloneViews() {
    }

    /** The outcome of a closed run (null while it runs). */
    public static ActivityExecutionOutcome outcome(StandaloneActivity s) {
        if (s.isRunning()) {
            return null;
        }
        if (s.result != null) {
            return ActivityExecutionOutcome.newBuilder()
                    .setResult(Protos.parse(Payloads.parser(), s.result, Payloads.getDefaultInstance())).build();
        }
        return ActivityExecutionOutcome.newBuilder()
                .setFailure(Protos.parse(Failure.parser(), s.failure, Failure.getDefaultInstance())).build();
    }

    public static ActivityExecutionInfo info(StandaloneActivity s, boolean heartbeatDetails, boolean lastFailure,
                                             long nowMillis) {
        ActivityInfo a = s.activity;
        ActivityTaskScheduledEventAttributes attrs = a.attributes();
        ActivityExecutionInfo.Builder b = ActivityExecutionInfo.newBuilder()
                .setActivityId(s.activityId)
                .setRunId(s.runId)
                .setActivityType(attrs.getActivityType())
                .setStatus(s.statusProto())
                .setTaskQueue(attrs.getTaskQueue().getName())
                .setScheduleToCloseTimeout(attrs.getScheduleToCloseTimeout())
                .setScheduleToStartTimeout(attrs.getScheduleToStartTimeout())
                .setStartToCloseTimeout(attrs.getStartToCloseTimeout())
                .setHeartbeatTimeout(attrs.getHeartbeatTimeout())
                .setRetryPolicy(attrs.getRetryPolicy())
                .setAttempt(a.attempt)
                .setScheduleTime(Protos.timestamp(s.scheduleTimeMillis))
                .setExecutionTime(Protos.timestamp(s.executionTimeMillis))
                .setStartDelay(Protos.duration(s.executionTimeMillis - s.scheduleTimeMillis))
                .setStateTransitionCount(s.stateTransitionCount)
                .setTotalHeartbeatCount(s.totalHeartbeatCount)
                .setLastWorkerIdentity(a.lastWorkerIdentity == null ? "" : a.lastWorkerIdentity)
                .setCanceledReason(s.canceledReason == null ? "" : s.canceledReason)
                .setExecutionDuration(Protos.duration(Math.max(0,
                        (s.isRunning() ? nowMillis : s.closeTimeMillis) - s.scheduleTimeMillis)));
        if (attrs.hasPriority()) {
            b.setPriority(attrs.getPriority());
        }
        long scheduleToClose = Protos.millis(attrs.getScheduleToCloseTimeout());
        if (scheduleToClose > 0) {
            b.setExpirationTime(Protos.timestamp(s.executionTimeMillis + scheduleToClose));
        }
        if (s.isRunning()) {
            b.setRunState(a.cancelRequested ? PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED
                    : a.state == ActivityState.STARTED ? PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
                    : PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED);
            if (a.state == ActivityState.BACKOFF) {
                b.setNextAttemptScheduleTime(Protos.timestamp(a.attemptScheduledTimeMillis));
            }
        } else {
            b.setCloseTime(Protos.timestamp(s.closeTimeMillis));
        }
        if (a.startedTimeMillis > 0) {
            b.setLastStartedTime(Protos.timestamp(a.startedTimeMillis));
        }
        if (a.lastHeartbeatMillis > 0) {
            b.setLastHeartbeatTime(Protos.timestamp(a.lastHeartbeatMillis));
        }
        if (s.lastAttemptCompleteTimeMillis > 0) {
            b.setLastAttemptCompleteTime(Protos.timestamp(s.lastAttemptCompleteTimeMillis));
        }
        if (s.currentRetryIntervalMillis > 0) {
            b.setCurrentRetryInterval(Protos.duration(s.currentRetryIntervalMillis));
        }
        if (heartbeatDetails && a.heartbeatDetails != null) {
            b.setHeartbeatDetails(ActivityTransitions.heartbeatDetails(a));
        }
        if (lastFailure && a.lastFailure != null) {
            b.setLastFailure(ActivityTransitions.lastFailure(a));
        }
        if (s.searchAttributes != null) {
            b.setSearchAttributes(Protos.parse(SearchAttributes.parser(), s.searchAttributes,
                    SearchAttributes.getDefaultInstance()));
        }
        if (attrs.hasHeader()) {
            b.setHeader(attrs.getHeader());
        }
        if (s.userMetadata != null) {
            b.setUserMetadata(Protos.parse(UserMetadata.parser(), s.userMetadata, UserMetadata.getDefaultInstance()));
        }
        return b.build();
    }
}
