package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An activity that stops heartbeating times out, and its next attempt resumes from the last recorded details. */
@QuarkusTest
public class HeartbeatTest extends SdkTestSupport {

    static final int ITEMS = 10;
    static final int ITEMS_BEFORE_HANG = 5;

    @WorkflowInterface
    public interface BatchWorkflow {
        @WorkflowMethod
        String process(int maximumAttempts);
    }

    @ActivityInterface
    public interface BatchActivities {
        /** Processes items 1..{@value ITEMS}, heartbeating progress; the first attempt hangs after 5 items. */
        String processItems(int items);
    }

    public static class BatchWorkflowImpl implements BatchWorkflow {
        @Override
        public String process(int maximumAttempts) {
            BatchActivities activities =
                    Workflow.newActivityStub(
                            BatchActivities.class,
                            ActivityOptions.newBuilder()
                                    .setStartToCloseTimeout(Duration.ofSeconds(60))
                                    .setHeartbeatTimeout(Duration.ofSeconds(1))
                                    .setRetryOptions(
                                            RetryOptions.newBuilder()
                                                    .setInitialInterval(Duration.ofMillis(100))
                                                    .setMaximumAttempts(maximumAttempts)
                                                    .build())
                                    .build());
            return activities.processItems(ITEMS);
        }
    }

    public static class BatchActivitiesImpl implements BatchActivities {
        final CountDownLatch secondAttemptStarted = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        @Override
        public String processItems(int items) {
            ActivityExecutionContext context = Activity.getExecutionContext();
            int attempt = context.getInfo().getAttempt();
            if (attempt == 1) {
                // One heartbeat with the progress so far: the first heartbeat is sent at once, never throttled.
                context.heartbeat(ITEMS_BEFORE_HANG);
                hangUntilReplaced();
                return "stale result of attempt 1";
            }
            secondAttemptStarted.countDown();
            int resumedFrom = context.getHeartbeatDetails(Integer.class).orElse(0);
            for (int item = resumedFrom + 1; item <= items; item++) {
                context.heartbeat(item);
            }
            return "attempt " + attempt + " resumed after item " + resumedFrom + " and finished " + items;
        }

        /** Stops heartbeating (a stuck worker) until attempt 2 runs or the test ends; never "sleeps long enough". */
        private void hangUntilReplaced() {
            try {
                boolean replaced = false;
                while (!replaced && released.getCount() > 0) {
                    replaced = secondAttemptStarted.await(50, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final BatchActivitiesImpl activities = new BatchActivitiesImpl();

    @BeforeEach
    void startWorker() {
        var worker = newWorker();
        worker.registerWorkflowImplementationTypes(BatchWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        startWorkers();
    }

    @AfterEach
    void releaseHungAttempt() {
        activities.released.countDown();
    }

    @Test
    void nextAttemptResumesFromTheLastHeartbeatDetails() {
        // given an activity whose first attempt heartbeats progress 5 and then hangs past its 1 s heartbeat timeout
        BatchWorkflow workflow = newWorkflow(BatchWorkflow.class);

        // when the workflow runs with retries
        String result = workflow.process(3);

        // then the server timed out attempt 1 and handed its heartbeat details to attempt 2, whose result wins
        assertThat(result).isEqualTo("attempt 2 resumed after item 5 and finished 10");
    }

    @Test
    void heartbeatTimeoutWithoutRetriesFailsWithTheLastDetails() {
        // given the same hanging activity, but a single attempt allowed
        BatchWorkflow workflow = newWorkflow(BatchWorkflow.class);

        // when
        WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, () -> workflow.process(1));

        // then the activity failed with a heartbeat timeout that carries the last heartbeat details
        assertThat(failed).isNotNull();
        assertThat(failed.getCause()).isInstanceOf(ActivityFailure.class);
        assertThat(failed.getCause().getCause()).isInstanceOf(TimeoutFailure.class);
        TimeoutFailure timeout = (TimeoutFailure) failed.getCause().getCause();
        assertThat(timeout.getTimeoutType()).isEqualTo(TimeoutType.TIMEOUT_TYPE_HEARTBEAT);
        assertThat(timeout.getLastHeartbeatDetails().get(Integer.class)).isEqualTo(ITEMS_BEFORE_HANG);
    }
}
