package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.client.ActivityNotExistsException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An activity can return without completing; something else completes it later by task token or by id. */
@QuarkusTest
public class AsyncCompletionTest extends SdkTestSupport {

    @WorkflowInterface
    public interface ApprovalWorkflow {
        @WorkflowMethod
        String requestApproval(String document);
    }

    @ActivityInterface
    public interface ApprovalActivities {
        /** Hands the request to a human (the test) and returns without completing. */
        String askHuman(String document);
    }

    public static class ApprovalWorkflowImpl implements ApprovalWorkflow {
        private final ApprovalActivities activities =
                Workflow.newActivityStub(
                        ApprovalActivities.class,
                        ActivityOptions.newBuilder()
                                .setStartToCloseTimeout(Duration.ofMinutes(1))
                                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                                .build());

        @Override
        public String requestApproval(String document) {
            return "approval of " + document + ": " + activities.askHuman(document);
        }
    }

    /** What the activity handed over: its task token and its address by id. */
    public record PendingActivity(byte[] taskToken, String workflowId, String activityId) {}

    public static class ApprovalActivitiesImpl implements ApprovalActivities {
        final CompletableFuture<PendingActivity> pending = new CompletableFuture<>();

        @Override
        public String askHuman(String document) {
            ActivityExecutionContext context = Activity.getExecutionContext();
            pending.complete(
                    new PendingActivity(
                            context.getTaskToken(),
                            context.getInfo().getWorkflowId(),
                            context.getInfo().getActivityId()));
            context.doNotCompleteOnReturn();
            return null;
        }
    }

    private final ApprovalActivitiesImpl activities = new ApprovalActivitiesImpl();
    private ActivityCompletionClient completions;

    @BeforeEach
    void startWorker() {
        var worker = newWorker();
        worker.registerWorkflowImplementationTypes(ApprovalWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        startWorkers();
        completions = client.newActivityCompletionClient();
    }

    @Test
    void activityCompletedByTaskTokenReturnsThatResult() throws Exception {
        // given an activity that returned without completing and handed over its task token
        ApprovalWorkflow workflow = newWorkflow(ApprovalWorkflow.class);
        WorkflowClient.start(workflow::requestApproval, "contract.pdf");
        PendingActivity pending = activities.pending.get(10, TimeUnit.SECONDS);

        // when the test completes it by token
        completions.complete(pending.taskToken(), "approved by Ada");

        // then the workflow gets that result
        assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class))
                .isEqualTo("approval of contract.pdf: approved by Ada");
    }

    @Test
    void activityCompletedByWorkflowAndActivityIdReturnsThatResult() throws Exception {
        // given
        ApprovalWorkflow workflow = newWorkflow(ApprovalWorkflow.class);
        WorkflowClient.start(workflow::requestApproval, "invoice.pdf");
        PendingActivity pending = activities.pending.get(10, TimeUnit.SECONDS);

        // when the test completes it by workflow id and activity id (no run id: the current run)
        completions.complete(pending.workflowId(), Optional.empty(), pending.activityId(), "approved by Grace");

        // then
        assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class))
                .isEqualTo("approval of invoice.pdf: approved by Grace");
    }

    @Test
    void activityFailedByTaskTokenFailsWithThatFailure() throws Exception {
        // given
        ApprovalWorkflow workflow = newWorkflow(ApprovalWorkflow.class);
        WorkflowClient.start(workflow::requestApproval, "expenses.xlsx");
        PendingActivity pending = activities.pending.get(10, TimeUnit.SECONDS);

        // when the test fails it by token
        completions.completeExceptionally(
                pending.taskToken(),
                ApplicationFailure.newNonRetryableFailure("rejected: missing receipts", "Rejected"));

        // then the workflow's activity failed with that failure
        WorkflowFailedException failed =
                catchThrowableOfType(
                        WorkflowFailedException.class, () -> WorkflowStub.fromTyped(workflow).getResult(String.class));
        assertThat(failed).isNotNull();
        assertThat(failed.getCause()).isInstanceOf(ActivityFailure.class);
        assertThat(failed.getCause().getCause()).isInstanceOf(ApplicationFailure.class);
        ApplicationFailure cause = (ApplicationFailure) failed.getCause().getCause();
        assertThat(cause.getOriginalMessage()).isEqualTo("rejected: missing receipts");
        assertThat(cause.getType()).isEqualTo("Rejected");
    }

    @Test
    void secondCompletionOfTheSameTokenIsRejected() throws Exception {
        // given an activity already completed by token
        ApprovalWorkflow workflow = newWorkflow(ApprovalWorkflow.class);
        WorkflowClient.start(workflow::requestApproval, "memo.txt");
        PendingActivity pending = activities.pending.get(10, TimeUnit.SECONDS);
        completions.complete(pending.taskToken(), "first");

        // when it is completed again with the same token
        Throwable second = catchThrowable(() -> completions.complete(pending.taskToken(), "second"));

        // then the second completion is refused and the first result stands
        assertThat(second).isInstanceOf(ActivityNotExistsException.class);
        assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class)).isEqualTo("approval of memo.txt: first");
    }
}
