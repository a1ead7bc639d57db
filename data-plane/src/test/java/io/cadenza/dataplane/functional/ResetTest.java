package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class ResetTest extends SdkTestSupport {

    static final AtomicInteger CALLS = new AtomicInteger();

    @ActivityInterface
    public interface Step {
        String step(String name);
    }

    public static class StepImpl implements Step {
        @Override
        public String step(String name) {
            CALLS.incrementAndGet();
            return name;
        }
    }

    @WorkflowInterface
    public interface TwoPhaseWorkflow {
        @WorkflowMethod
        String run();

        @SignalMethod
        void approve();
    }

    public static class TwoPhaseWorkflowImpl implements TwoPhaseWorkflow {
        private boolean approved;

        @Override
        public String run() {
            Step step = Workflow.newActivityStub(Step.class,
                    ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
            String a = step.step("a");
            Workflow.await(() -> approved);
            return a + "!";
        }

        @Override
        public void approve() {
            approved = true;
        }
    }

    @Test
    void resetToTheFirstWorkflowTaskReplaysIntoANewRunThatTheWorkflowIdNowPointsAt() {
        // given a workflow that ran its activity and now waits for approval
        newWorker().registerWorkflowImplementationTypes(TwoPhaseWorkflowImpl.class);
        newWorker().registerActivitiesImplementations(new StepImpl());
        startWorkers();
        TwoPhaseWorkflow workflow = newWorkflow(TwoPhaseWorkflow.class);
        WorkflowExecution base = WorkflowClient.start(workflow::run);
        Poll.until(Duration.ofSeconds(10), () -> historyContains(base.getWorkflowId(), EVENT_TYPE_ACTIVITY_TASK_COMPLETED),
                "activity completed");
        int callsBefore = CALLS.get();

        // when it is reset to its first workflow task (event 4, WorkflowTaskCompleted)
        String newRunId = rawStub().resetWorkflowExecution(ResetWorkflowExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE).setWorkflowExecution(base).setReason("fix deployed")
                .setWorkflowTaskFinishEventId(4).setRequestId(UUID.randomUUID().toString()).build()).getRunId();

        // then the old run is terminated, the new run re-runs the activity and completes after approval
        assertThat(newRunId).isNotEqualTo(base.getRunId());
        var oldStatus = rawStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE).setExecution(base).build()).getWorkflowExecutionInfo().getStatus();
        assertThat(oldStatus).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
        Poll.until(Duration.ofSeconds(10), () -> CALLS.get() > callsBefore, "activity re-run in the new run");
        client.newWorkflowStub(TwoPhaseWorkflow.class, base.getWorkflowId()).approve();
        assertThat(client.newUntypedWorkflowStub(base.getWorkflowId()).getResult(String.class)).isEqualTo("a!");
        var events = history(base.getWorkflowId());
        assertThat(events.get(3).getEventType()).isEqualTo(EVENT_TYPE_WORKFLOW_TASK_FAILED);
        assertThat(events.get(3).getWorkflowTaskFailedEventAttributes().getBaseRunId()).isEqualTo(base.getRunId());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getEventId()).isEqualTo(i + 1);
        }
    }

    @Test
    void aResetPointThatIsNotAWorkflowTaskFinishIsRejected() {
        // given
        newWorker().registerWorkflowImplementationTypes(TwoPhaseWorkflowImpl.class);
        newWorker().registerActivitiesImplementations(new StepImpl());
        startWorkers();
        WorkflowExecution base = WorkflowClient.start(newWorkflow(TwoPhaseWorkflow.class)::run);

        // when event 1 (WorkflowExecutionStarted) is picked
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () ->
                rawStub().resetWorkflowExecution(ResetWorkflowExecutionRequest.newBuilder().setNamespace(NAMESPACE)
                        .setWorkflowExecution(base).setWorkflowTaskFinishEventId(1).build()));

        // then
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).contains("WorkflowTaskCompleted");
        WorkflowStub.fromTyped(client.newWorkflowStub(TwoPhaseWorkflow.class, base.getWorkflowId()))
                .terminate("cleanup");
    }
}
