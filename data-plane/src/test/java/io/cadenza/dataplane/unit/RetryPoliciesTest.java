package io.cadenza.dataplane.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.activity.RetryPolicies;
import io.temporal.api.common.v1.RetryPolicy;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.failure.v1.TimeoutFailureInfo;
import org.junit.jupiter.api.Test;

/** Server-side retry decisions, pinned against Temporal's documented behaviour. */
class RetryPoliciesTest {

    private static final RetryPolicy POLICY = RetryPolicies.withDefaults(RetryPolicy.newBuilder()
            .setInitialInterval(Protos.duration(1000)).setBackoffCoefficient(2.0)
            .setMaximumInterval(Protos.duration(5000)).setMaximumAttempts(5)
            .addNonRetryableErrorTypes("Fatal").build());

    private static Failure app(String type) {
        return Failure.newBuilder().setMessage("boom")
                .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType(type)).build();
    }

    @Test
    void backoffGrowsByTheCoefficientAndIsCappedByTheMaximumInterval() {
        assertThat(RetryPolicies.backoffMillis(POLICY, 1, app("X"))).isEqualTo(1000);
        assertThat(RetryPolicies.backoffMillis(POLICY, 2, app("X"))).isEqualTo(2000);
        assertThat(RetryPolicies.backoffMillis(POLICY, 3, app("X"))).isEqualTo(4000);
        assertThat(RetryPolicies.backoffMillis(POLICY, 4, app("X"))).isEqualTo(5000);
    }

    @Test
    void defaultsAreTemporalsOneSecondTimesTwoCappedAtOneHundredTimes() {
        RetryPolicy defaults = RetryPolicies.withDefaults(RetryPolicy.getDefaultInstance());
        assertThat(Protos.millis(defaults.getInitialInterval())).isEqualTo(1000);
        assertThat(defaults.getBackoffCoefficient()).isEqualTo(2.0);
        assertThat(Protos.millis(defaults.getMaximumInterval())).isEqualTo(100_000);
        assertThat(defaults.getMaximumAttempts()).isZero();
    }

    @Test
    void aRetryableFailureIsRetriedUntilTheMaximumAttempts() {
        assertThat(RetryPolicies.decide(POLICY, 4, app("X"), 0, 0).retry()).isTrue();
        assertThat(RetryPolicies.decide(POLICY, 5, app("X"), 0, 0).state())
                .isEqualTo(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
    }

    @Test
    void nonRetryableTypesAndFlagsStopRetries() {
        assertThat(RetryPolicies.decide(POLICY, 1, app("Fatal"), 0, 0).state())
                .isEqualTo(RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE);
        Failure flagged = app("X").toBuilder().setApplicationFailureInfo(
                ApplicationFailureInfo.newBuilder().setType("X").setNonRetryable(true)).build();
        assertThat(RetryPolicies.decide(POLICY, 1, flagged, 0, 0).state())
                .isEqualTo(RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE);
    }

    @Test
    void aRetryThatWouldStartAfterTheScheduleToCloseDeadlineIsATimeout() {
        // attempt 1 failed at t=10s; the backoff of 1s would end at 11s, past the deadline of 10.5s
        assertThat(RetryPolicies.decide(POLICY, 1, app("X"), 10_000, 10_500).state())
                .isEqualTo(RetryState.RETRY_STATE_TIMEOUT);
    }

    @Test
    void maximumAttemptsOfOneMeansNoRetryPolicy() {
        RetryPolicy once = POLICY.toBuilder().setMaximumAttempts(1).build();
        assertThat(RetryPolicies.decide(once, 1, app("X"), 0, 0).state())
                .isEqualTo(RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET);
    }

    @Test
    void startToCloseTimeoutsAreRetriedButScheduleToStartIsNot() {
        Failure startToClose = Failure.newBuilder().setTimeoutFailureInfo(
                TimeoutFailureInfo.newBuilder().setTimeoutType(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE)).build();
        Failure scheduleToStart = Failure.newBuilder().setTimeoutFailureInfo(
                TimeoutFailureInfo.newBuilder().setTimeoutType(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START)).build();
        assertThat(RetryPolicies.decide(POLICY, 1, startToClose, 0, 0).retry()).isTrue();
        assertThat(RetryPolicies.decide(POLICY, 1, scheduleToStart, 0, 0).retry()).isFalse();
    }

    @Test
    void aFailureCanAskForItsOwnNextRetryDelay() {
        Failure delayed = app("X").toBuilder().setApplicationFailureInfo(ApplicationFailureInfo.newBuilder()
                .setType("X").setNextRetryDelay(Protos.duration(42))).build();
        assertThat(RetryPolicies.backoffMillis(POLICY, 3, delayed)).isEqualTo(42);
    }

    @Test
    void invalidPoliciesAreExplained() {
        assertThat(RetryPolicies.validate(RetryPolicy.newBuilder().setBackoffCoefficient(0.5).build()))
                .contains("BackoffCoefficient");
        assertThat(RetryPolicies.validate(RetryPolicy.newBuilder().setInitialInterval(Protos.duration(2000))
                .setMaximumInterval(Protos.duration(1000)).build())).contains("MaximumInterval");
        assertThat(RetryPolicies.validate(POLICY)).isNull();
    }
}
