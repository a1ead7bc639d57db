package io.cadenza.dataplane.execution.activity;

import io.cadenza.dataplane.common.Protos;
import io.temporal.api.common.v1.RetryPolicy;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.failure.v1.Failure;

/** Server-side retry decisions, as Temporal makes them. Pure functions of the policy, the failure and time. */
public final class RetryPolicies {

    static final long DEFAULT_INITIAL_INTERVAL_MILLIS = 1000;
    static final double DEFAULT_BACKOFF_COEFFICIENT = 2.0;
    static final int DEFAULT_MAXIMUM_INTERVAL_FACTOR = 100;

    private RetryPolicies() {
    }

    /** The decision after a failed attempt: retry after {@code backoffMillis}, or stop with {@code state}. */
    public record Decision(RetryState state, long backoffMillis) {
        public boolean retry() {
            return state == RetryState.RETRY_STATE_IN_PROGRESS;
        }
    }

    /** Fills in Temporal's defaults for an activity retry policy. */
    public static RetryPolicy withDefaults(RetryPolicy policy) {
        RetryPolicy.Builder b = policy.toBuilder();
        long initial = Protos.millis(policy.getInitialInterval());
        if (initial <= 0) {
            initial = DEFAULT_INITIAL_INTERVAL_MILLIS;
            b.setInitialInterval(Protos.duration(initial));
        }
        if (policy.getBackoffCoefficient() == 0) {
            b.setBackoffCoefficient(DEFAULT_BACKOFF_COEFFICIENT);
        }
        if (Protos.millis(policy.getMaximumInterval()) <= 0) {
            b.setMaximumInterval(Protos.duration(initial * DEFAULT_MAXIMUM_INTERVAL_FACTOR));
        }
        return b.build();
    }

    /** Rejects policies Temporal rejects; returns null when valid, else the reason. */
    public static String validate(RetryPolicy policy) {
        if (Protos.millis(policy.getInitialInterval()) < 0) {
            return "InitialInterval cannot be negative on retry policy.";
        }
        if (policy.getBackoffCoefficient() != 0 && policy.getBackoffCoefficient() < 1) {
            return "BackoffCoefficient cannot be less than 1 on retry policy.";
        }
        if (Protos.millis(policy.getMaximumInterval()) < 0) {
            return "MaximumInterval cannot be negative on retry policy.";
        }
        if (Protos.millis(policy.getMaximumInterval()) > 0
                && Protos.millis(policy.getMaximumInterval()) < Protos.millis(policy.getInitialInterval())) {
            return "MaximumInterval cannot be less than InitialInterval on retry policy.";
        }
        if (policy.getMaximumAttempts() < 0) {
            return "MaximumAttempts cannot be negative on retry policy.";
        }
        return null;
    }

    /**
     * Decides whether attempt {@code attempt} (1-based), which failed with {@code failure}, is retried.
     * {@code expirationMillis} is the schedule-to-close deadline (0 = none).
     */
    public static Decision decide(RetryPolicy policy, int attempt, Failure failure, long nowMillis,
                                  long expirationMillis) {
        if (failure != null && !isRetryable(policy, failure)) {
            return new Decision(RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE, 0);
        }
        if (policy.getMaximumAttempts() == 1) {
            return new Decision(RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET, 0);
        }
        if (policy.getMaximumAttempts() > 0 && attempt >= policy.getMaximumAttempts()) {
            return new Decision(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED, 0);
        }
        long backoff = backoffMillis(policy, attempt, failure);
        if (expirationMillis > 0 && nowMillis + backoff >= expirationMillis) {
            return new Decision(RetryState.RETRY_STATE_TIMEOUT, 0);
        }
        return new Decision(RetryState.RETRY_STATE_IN_PROGRESS, backoff);
    }

    /** initial * coefficient^(attempt-1), capped by the maximum interval; a failure may ask for its own delay. */
    public static long backoffMillis(RetryPolicy policy, int attempt, Failure failure) {
        if (failure != null && failure.hasApplicationFailureInfo()
                && failure.getApplicationFailureInfo().hasNextRetryDelay()) {
            long requested = Protos.millis(failure.getApplicationFailureInfo().getNextRetryDelay());
            if (requested > 0) {
                return requested;
            }
        }
        long initial = Math.max(1, Protos.millis(policy.getInitialInterval()));
        double coefficient = policy.getBackoffCoefficient() == 0 ? DEFAULT_BACKOFF_COEFFICIENT
                : policy.getBackoffCoefficient();
        double interval = initial * Math.pow(coefficient, attempt - 1);
        long max = Protos.millis(policy.getMaximumInterval());
        if (max <= 0) {
            max = initial * DEFAULT_MAXIMUM_INTERVAL_FACTOR;
        }
        return (long) Math.min(interval, max);
    }

    private static boolean isRetryable(RetryPolicy policy, Failure failure) {
        if (failure.hasApplicationFailureInfo()) {
            if (failure.getApplicationFailureInfo().getNonRetryable()) {
                return false;
            }
            String type = failure.getApplicationFailureInfo().getType();
            return !policy.getNonRetryableErrorTypesList().contains(type);
        }
        if (failure.hasTimeoutFailureInfo()) {
            String type = failure.getTimeoutFailureInfo().getTimeoutType().name();
            // Temporal names timeout types in non_retryable_error_types as e.g. "TIMEOUT_TYPE_HEARTBEAT".
            return !policy.getNonRetryableErrorTypesList().contains(type)
                    && failure.getTimeoutFailureInfo().getTimeoutType()
                    != io.temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START;
        }
        return !failure.hasCanceledFailureInfo() && !failure.hasTerminatedFailureInfo();
    }
}
