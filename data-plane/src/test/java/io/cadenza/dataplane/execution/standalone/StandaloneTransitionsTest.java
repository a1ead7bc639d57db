package io.cadenza.dataplane.execution.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.api.StandaloneActivityRuns;
import io.cadenza.dataplane.execution.activity.ActivityState;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.RetryPolicy;
import io.temporal.api.enums.v1.ActivityExecutionStatus;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.StartActivityExecutionRequest;
import org.junit.jupiter.api.Test;

/** The standalone activity lifecycle as pure transitions with a controlled clock. */
class StandaloneTransitionsTest {

    static final long T0 = 1_000_000;

    private static StandaloneActivity run(StartActivityExecutionRequest.Builder request, long now) {
        StartActivityExecutionRequest req = request.setActivityId("a").setNamespace("ns")
                .setActivityType(ActivityType.newBuilder().setName("Job"))
                .setTaskQueue(TaskQueue.newBuilder().setName("q")).build();
        return StandaloneActivityRuns.newRun(req, "ns-id", "run-1", "req-1", 1, now, "{}");
    }

    private static StartActivityExecutionRequest.Builder request() {
        return StartActivityExecutionRequest.newBuilder()
                .setScheduleToCloseTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(60))
                .setRetryPolicy(RetryPolicy.newBuilder()
                        .setInitialInterval(com.google.protobuf.Duration.newBuilder().setSeconds(1))
                        .setBackoffCoefficient(1.0).setMaximumAttempts(3));
    }

    private static Failure appFailure() {
        return Failure.newBuilder().setMessage("boom")
                .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("Boom")).build();
    }

    @Test
    void aNewRunIsDispatchedAtOnceAndTimeoutsDefaultToScheduleToClose() {
        // given / when
        StandaloneActivity s = run(request(), T0);
        StandaloneChange c = new StandaloneChange(T0, null);
        StandaloneTransitions.schedule(c, s);

        // then
        assertThat(c.dispatchRequested()).isTrue();
        assertThat(s.activity.state).isEqualTo(ActivityState.SCHEDULED);
        assertThat(s.activity.attributes().getStartToCloseTimeout().getSeconds()).isEqualTo(60);
        assertThat(s.activity.attributes().getScheduleToStartTimeout().getSeconds()).isEqualTo(60);
        assertThat(StandaloneTransitions.nextDeadline(s)).isEqualTo(T0 + 60_000);
    }

    @Test
    void aStartDelayWaitsLikeABackoffAndThenDispatches() {
        // given
        StandaloneActivity s = run(request().setStartDelay(com.google.protobuf.Duration.newBuilder().setSeconds(5)),
                T0);
        StandaloneChange c = new StandaloneChange(T0, null);
        StandaloneTransitions.schedule(c, s);
        assertThat(c.dispatchRequested()).isFalse();
        assertThat(StandaloneTransitions.nextDeadline(s)).isEqualTo(T0 + 5_000);

        // when
        StandaloneChange due = new StandaloneChange(T0 + 5_000, s);
        StandaloneTransitions.fireDue(due, s);

        // then
        assertThat(due.dispatchRequested()).isTrue();
        assertThat(s.activity.state).isEqualTo(ActivityState.SCHEDULED);
    }

    @Test
    void aFailedAttemptIsRetriedAfterBackoffUntilTheMaximumAttempts() {
        StandaloneActivity s = run(request(), T0);
        StandaloneTransitions.schedule(new StandaloneChange(T0, null), s);
        for (int attempt = 1; attempt <= 2; attempt++) {
            long now = T0 + attempt * 10_000;
            StandaloneTransitions.start(new StandaloneChange(now, s), s, "worker");
            StandaloneChange failed = new StandaloneChange(now, s);
            StandaloneTransitions.fail(failed, s, appFailure(), null, "worker");
            assertThat(failed.retryScheduled()).isTrue();
            assertThat(s.activity.state).isEqualTo(ActivityState.BACKOFF);
            assertThat(s.activity.attempt).isEqualTo(attempt + 1);
            StandaloneTransitions.fireDue(new StandaloneChange(now + 1_000, s), s);
            assertThat(s.activity.state).isEqualTo(ActivityState.SCHEDULED);
        }
        StandaloneTransitions.start(new StandaloneChange(T0 + 40_000, s), s, "worker");
        StandaloneTransitions.fail(new StandaloneChange(T0 + 40_000, s), s, appFailure(), null, "worker");

        assertThat(s.statusProto()).isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_FAILED);
        assertThat(StandaloneViews.outcome(s).getFailure().getApplicationFailureInfo().getType()).isEqualTo("Boom");
    }

    @Test
    void cancellingAScheduledRunCancelsItAtOnceButAStartedOneOnlyAsks() {
        StandaloneActivity scheduled = run(request(), T0);
        StandaloneTransitions.schedule(new StandaloneChange(T0, null), scheduled);
        StandaloneTransitions.requestCancel(new StandaloneChange(T0 + 1, scheduled), scheduled, "stop", "r1");
        assertThat(scheduled.statusProto()).isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_CANCELED);
        assertThat(StandaloneViews.outcome(scheduled).getFailure().hasCanceledFailureInfo()).isTrue();

        StandaloneActivity started = run(request(), T0);
        StandaloneTransitions.schedule(new StandaloneChange(T0, null), started);
        StandaloneTransitions.start(new StandaloneChange(T0 + 1, started), started, "worker");
        StandaloneTransitions.requestCancel(new StandaloneChange(T0 + 2, started), started, "stop", "r1");
        assertThat(started.isRunning()).isTrue();
        assertThat(started.activity.cancelRequested).isTrue();
        // an attempt failing after the request is not retried
        StandaloneTransitions.fail(new StandaloneChange(T0 + 3, started), started, appFailure(), null, "worker");
        assertThat(started.statusProto()).isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_FAILED);
    }

    @Test
    void aMissedHeartbeatTimesTheAttemptOutAndTheLastOneClosesTheRun() {
        StandaloneActivity s = run(request().setHeartbeatTimeout(com.google.protobuf.Duration.newBuilder()
                .setSeconds(2)).setRetryPolicy(RetryPolicy.newBuilder().setMaximumAttempts(1)), T0);
        StandaloneTransitions.schedule(new StandaloneChange(T0, null), s);
        StandaloneTransitions.start(new StandaloneChange(T0, s), s, "worker");
        StandaloneTransitions.heartbeat(new StandaloneChange(T0 + 1_000, s), s, null);
        assertThat(StandaloneTransitions.nextDeadline(s)).isEqualTo(T0 + 3_000);

        StandaloneTransitions.fireDue(new StandaloneChange(T0 + 3_000, s), s);

        assertThat(s.statusProto()).isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_TIMED_OUT);
        assertThat(StandaloneViews.outcome(s).getFailure().getTimeoutFailureInfo().getTimeoutType())
                .isEqualTo(TimeoutType.TIMEOUT_TYPE_HEARTBEAT);
        assertThat(s.totalHeartbeatCount).isEqualTo(1);
    }

    @Test
    void aStoredStartedAttemptIsScheduledAgainWhenReadBack() {
        StandaloneActivity s = run(request(), T0);
        StandaloneTransitions.schedule(new StandaloneChange(T0, null), s);
        StandaloneTransitions.start(new StandaloneChange(T0, s), s, "worker");

        StandaloneActivity read = StandaloneActivity.decode(s.encode());

        assertThat(read.activity.state).isEqualTo(ActivityState.SCHEDULED);
        assertThat(read.activity.startToken).isNull();
    }
}
