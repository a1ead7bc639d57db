package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DescribeWorkflowExecution shows a running workflow's pending activity, its attempt and its last failure. */
@QuarkusTest
public class DescribeTest extends SdkTestSupport {

    @WorkflowInterface
    public interface ImportWorkflow {
        @WorkflowMethod
        String importFile(String file, int failingAttempts);
    }

    @ActivityInterface
    public interface ImportActivities {
        /** Fails the first {@code failingAttempts} attempts, then blocks until the test releases it. */
        String load(String file, int failingAttempts);
    }

    public static class ImportWorkflowImpl implements ImportWorkflow {
        private final ImportActivities activities =
                Workflow.newActivityStub(
                        ImportActivities.class,
                        ActivityOptions.newBuilder()
                                .setStartToCloseTimeout(Duration.ofMinutes(1))
                                .setRetryOptions(
                                        RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100)).build())
                                .build());

        @Override
        public String importFile(String file, int failingAttempts) {
            return activities.load(file, failingAttempts);
        }
    }

    public static class ImportActivitiesImpl implements ImportActivities {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String load(String file, int failingAttempts) {
            int attempt = Activity.getExecutionContext().getInfo().getAttempt();
            if (attempt <= failingAttempts) {
                throw ApplicationFailure.newFailure("disk full on attempt " + attempt, "DiskFull");
            }
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return "loaded " + file + " on attempt " + attempt;
        }
    }

    private final ImportActivitiesImpl activities = new ImportActivitiesImpl();

    @BeforeEach
    void startWorker() {
        var worker = newWorker();
        worker.registerWorkflowImplementationTypes(ImportWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        startWorkers();
    }

    @AfterEach
    void releaseActivity() {
        activities.release.countDown();
    }

    @Test
    void runningActivityIsShownAsPendingAndStarted() {
        // given a workflow whose activity is running (blocked in the worker)
        ImportWorkflow workflow = newWorkflow(ImportWorkflow.class);
        String workflowId = WorkflowClient.start(workflow::importFile, "a.csv", 0).getWorkflowId();

        // when it is described
        PendingActivityInfo pending = awaitPendingActivity(workflowId, 1);
        DescribeWorkflowExecutionResponse description = describe(workflowId);

        // then it is RUNNING with one pending activity of the right type, first attempt, started
        assertThat(description.getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(description.getWorkflowExecutionInfo().getType().getName()).isEqualTo("ImportWorkflow");
        assertThat(description.getExecutionConfig().getTaskQueue().getName()).isEqualTo(taskQueue);
        assertThat(description.getPendingActivitiesList()).hasSize(1);
        assertThat(pending.getActivityType().getName()).isEqualTo("Load");
        assertThat(pending.getAttempt()).isEqualTo(1);
        assertThat(pending.getState()).isEqualTo(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);
        assertThat(pending.hasLastFailure()).isFalse();

        // and once released, the activity is no longer pending and the workflow completed
        activities.release.countDown();
        assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class)).isEqualTo("loaded a.csv on attempt 1");
        DescribeWorkflowExecutionResponse after = describe(workflowId);
        assertThat(after.getPendingActivitiesList()).isEmpty();
        assertThat(after.getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        assertThat(after.getWorkflowExecutionInfo().hasCloseTime()).isTrue();
    }

    @Test
    void retriedActivityShowsItsAttemptAndLastFailure() {
        // given an activity whose first two attempts failed and whose third is running
        ImportWorkflow workflow = newWorkflow(ImportWorkflow.class);
        String workflowId = WorkflowClient.start(workflow::importFile, "b.csv", 2).getWorkflowId();

        // when it is described
        PendingActivityInfo pending = awaitPendingActivity(workflowId, 3);

        // then the pending activity shows attempt 3, started, and the failure of attempt 2
        assertThat(pending.getState()).isEqualTo(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);
        assertThat(pending.getLastFailure().getMessage()).isEqualTo("disk full on attempt 2");
        assertThat(pending.getLastFailure().getApplicationFailureInfo().getType()).isEqualTo("DiskFull");
        assertThat(describe(workflowId).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }

    private PendingActivityInfo awaitPendingActivity(String workflowId, int attempt) {
        return Poll.untilValue(
                Duration.ofSeconds(15),
                () ->
                        describe(workflowId).getPendingActivitiesList().stream()
                                .filter(activity -> activity.getAttempt() == attempt)
                                .filter(activity -> activity.getState() == PENDING_ACTIVITY_STATE_STARTED)
                                .findFirst()
                                .orElse(null),
                "attempt " + attempt + " of the activity of " + workflowId + " started");
    }
}
