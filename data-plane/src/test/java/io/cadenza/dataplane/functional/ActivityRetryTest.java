package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Activity retries are scheduled by the server, with the retry policy's exponential backoff. */
@QuarkusTest
public class ActivityRetryTest extends SdkTestSupport {

    static final Duration INITIAL_INTERVAL = Duration.ofMillis(200);

    @WorkflowInterface
    public interface RetryingWorkflow {
        /** Calls an activity that fails its first {@code failures} attempts; returns the attempt that succeeded. */
        @WorkflowMethod
        int run(int failures, int maximumAttempts);
    }

    @ActivityInterface
    public interface FlakyActivities {
        int flaky(int failures);
    }

    public static class RetryingWorkflowImpl implements RetryingWorkflow {
        @Override
        public int run(int failures, int maximumAttempts) {
            RetryOptions retry =
                    RetryOptions.newBuilder()
                            .setInitialInterval(INITIAL_INTERVAL)
                            .setBackoffCoefficient(2.0)
                            .setMaximumInterval(Duration.ofSeconds(10))
                            .setMaximumAttempts(maximumAttempts)
                            .build();
            FlakyActivities activities =
                    Workflow.newActivityStub(
                            FlakyActivities.class,
                            ActivityOptions.newBuilder()
                                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                                    .setRetryOptions(retry)
                                    .build());
            return activities.flaky(failures);
        }
    }

    public static class FlakyActivitiesImpl implements FlakyActivities {
        final List<Integer> attempts = new CopyOnWriteArrayList<>();
        final List<Long> startNanos = new CopyOnWriteArrayList<>();

        @Override
        public int flaky(int failures) {
            int attempt = Activity.getExecutionContext().getInfo().getAttempt();
            attempts.add(attempt);
            startNanos.add(System.nanoTime());
            if (attempt <= failures) {
                throw ApplicationFailure.newFailure("boom on attempt " + attempt, "Transient");
            }
            return attempt;
        }

        Duration gapBefore(int attemptIndex) {
            return Duration.ofNanos(startNanos.get(attemptIndex) - startNanos.get(attemptIndex - 1));
        }
    }

    private final FlakyActivitiesImpl activities = new FlakyActivitiesImpl();

    @BeforeEach
    void startWorker() {
        var worker = newWorker();
        worker.registerWorkflowImplementationTypes(RetryingWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        startWorkers();
    }

    @Test
    void activityThatFailsTwiceSucceedsOnTheThirdAttempt() {
        // given an activity that fails its first two attempts
        RetryingWorkflow workflow = newWorkflow(RetryingWorkflow.class);

        // when the workflow runs with retries allowed
        int succeededOn = workflow.run(2, 5);

        // then the third attempt's result comes back, after the server told the worker attempts 1, 2 and 3
        assertThat(succeededOn).isEqualTo(3);
        assertThat(activities.attempts).containsExactly(1, 2, 3);
    }

    @Test
    void retriesWaitForTheExponentialBackoff() {
        // given
        RetryingWorkflow workflow = newWorkflow(RetryingWorkflow.class);

        // when
        workflow.run(2, 5);

        // then attempt 2 starts no sooner than 200 ms after attempt 1, and attempt 3 no sooner than 400 ms after
        // attempt 2
        assertThat(activities.gapBefore(1)).isGreaterThanOrEqualTo(INITIAL_INTERVAL);
        assertThat(activities.gapBefore(2)).isGreaterThanOrEqualTo(INITIAL_INTERVAL.multipliedBy(2));
    }

    @Test
    void historyKeepsOnlyTheFinalAttempt() {
        // given
        RetryingWorkflow workflow = newWorkflow(RetryingWorkflow.class);

        // when
        workflow.run(2, 5);

        // then retries write no events: one scheduled, one started with attempt 3 and the last failure, one completed
        String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
        assertThat(historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).hasSize(1);
        assertThat(historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_STARTED)).hasSize(1);
        assertThat(historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).hasSize(1);
        assertThat(historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_FAILED)).isEmpty();
        ActivityTaskStartedEventAttributes started =
                historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_STARTED).get(0)
                        .getActivityTaskStartedEventAttributes();
        assertThat(started.getAttempt()).isEqualTo(3);
        assertThat(started.getLastFailure().getMessage()).isEqualTo("boom on attempt 2");
    }

    @Test
    void exhaustedRetriesFailTheActivityWithTheLastFailure() {
        // given an activity that always fails, and at most three attempts
        RetryingWorkflow workflow = newWorkflow(RetryingWorkflow.class);

        // when
        WorkflowFailedException failed =
                catchThrowableOfType(WorkflowFailedException.class, () -> workflow.run(100, 3));

        // then the workflow sees the third attempt's failure, marked as having reached the maximum attempts
        assertThat(failed).isNotNull();
        assertThat(activities.attempts).containsExactly(1, 2, 3);
        assertThat(failed.getCause()).isInstanceOf(ActivityFailure.class);
        ActivityFailure activityFailure = (ActivityFailure) failed.getCause();
        assertThat(activityFailure.getRetryState()).isEqualTo(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
        assertThat(activityFailure.getActivityType()).isEqualTo("Flaky");
        assertThat(activityFailure.getCause()).isInstanceOf(ApplicationFailure.class);
        ApplicationFailure cause = (ApplicationFailure) activityFailure.getCause();
        assertThat(cause.getOriginalMessage()).isEqualTo("boom on attempt 3");
        assertThat(cause.getType()).isEqualTo("Transient");
        String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
        assertThat(historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_FAILED))
                .singleElement()
                .satisfies(
                        event ->
                                assertThat(event.getActivityTaskFailedEventAttributes().getRetryState())
                                        .isEqualTo(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED));
    }
}
