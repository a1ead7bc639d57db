package io.cadenza.approvals;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Objects;

/**
 * Human approvals from workflow code. Create it inside the workflow (it schedules activities, so only workflow
 * code may use it):
 *
 * <pre>{@code
 * Approvals approvals = Approvals.newInstance(Duration.ofDays(3));
 * ApprovalResult r = approvals.request(ApprovalRequest.builder("Expense #42")
 *         .candidateGroups("managers").build());
 * }</pre>
 *
 * <p>Each request is an ordinary activity of type {@value #ACTIVITY_TYPE} on the reserved task queue
 * {@value #TASK_QUEUE}; a Cadenza cell turns it into an inbox task. The timeout is the activity's schedule-to-close
 * timeout: when nobody decides in time the call throws an {@code ActivityFailure} caused by a
 * {@code TimeoutFailure}. An invalid request throws an {@code ActivityFailure} caused by a non-retryable
 * {@code ApplicationFailure} of type {@value #INVALID_REQUEST}. Cancelling the surrounding
 * {@code CancellationScope} withdraws the task from the inbox.
 */
public final class Approvals {

    public static final String TASK_QUEUE = "cadenza-human";
    public static final String ACTIVITY_TYPE = "Approval";
    public static final String INVALID_REQUEST = "InvalidApprovalRequest";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofDays(7);

    private final Duration timeout;

    private Approvals(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("approval timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** Requests expire after {@link #DEFAULT_TIMEOUT}. */
    public static Approvals newInstance() {
        return new Approvals(DEFAULT_TIMEOUT);
    }

    /** Requests expire after {@code timeout} (schedule-to-close) unless a call gives its own. */
    public static Approvals newInstance(Duration timeout) {
        return new Approvals(timeout);
    }

    /** Asks for a decision and waits for it. */
    public ApprovalResult request(ApprovalRequest request) {
        return requestAsync(request, timeout).get();
    }

    public ApprovalResult request(ApprovalRequest request, Duration timeout) {
        return requestAsync(request, timeout).get();
    }

    /** Asks for a decision without waiting, e.g. to race it against a signal or a timer. */
    public Promise<ApprovalResult> requestAsync(ApprovalRequest request) {
        return requestAsync(request, timeout);
    }

    public Promise<ApprovalResult> requestAsync(ApprovalRequest request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        return stub(timeout).executeAsync(ACTIVITY_TYPE, ApprovalResult.class, request);
    }

    private static ActivityStub stub(Duration timeout) {
        return Workflow.newUntypedActivityStub(ActivityOptions.newBuilder()
                .setTaskQueue(TASK_QUEUE)
                .setScheduleToCloseTimeout(timeout)
                // A person answers once; the server never retries an approval, and neither should the SDK.
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .setCancellationType(ActivityCancellationType.TRY_CANCEL)
                .build());
    }
}
