package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.functional.support.GateWorkflow;
import io.cadenza.dataplane.functional.support.GateWorkflowImpl;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.StatusUtils;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A workflow id names at most one running execution; a retried start request is answered, not repeated. */
@QuarkusTest
public class DuplicateStartTest extends SdkTestSupport {

    @BeforeEach
    void startWorker() {
        newWorker().registerWorkflowImplementationTypes(GateWorkflowImpl.class);
        startWorkers();
    }

    @Test
    void startingARunningWorkflowIdAgainIsRejected() {
        // given a running workflow
        String workflowId = uniqueId("dup");
        GateWorkflow first =
                client.newWorkflowStub(GateWorkflow.class, workflowOptions().setWorkflowId(workflowId).build());
        WorkflowExecution running = WorkflowClient.start(first::pass, "first");

        // when a second start uses the same workflow id
        GateWorkflow second =
                client.newWorkflowStub(GateWorkflow.class, workflowOptions().setWorkflowId(workflowId).build());
        WorkflowExecutionAlreadyStarted rejected =
                catchThrowableOfType(
                        WorkflowExecutionAlreadyStarted.class, () -> WorkflowClient.start(second::pass, "second"));

        // then it is rejected and points at the running execution, which is unaffected
        assertThat(rejected).isNotNull();
        assertThat(rejected.getExecution().getRunId()).isEqualTo(running.getRunId());
        first.open("go");
        assertThat(WorkflowStub.fromTyped(first).getResult(String.class)).isEqualTo("first:go");
    }

    @Test
    void retriedStartRequestWithTheSameRequestIdReturnsTheSameRun() {
        // given a raw start request with a request id
        StartWorkflowExecutionRequest request = rawStart(uniqueId("idem"), UUID.randomUUID().toString());

        // when it is sent twice (a client retrying after a lost response)
        String firstRunId = rawStub().startWorkflowExecution(request).getRunId();
        String secondRunId = rawStub().startWorkflowExecution(request).getRunId();

        // then both answers name the same run, and only that one run exists
        assertThat(firstRunId).isNotEmpty();
        assertThat(secondRunId).isEqualTo(firstRunId);
        GateWorkflow workflow = client.newWorkflowStub(GateWorkflow.class, request.getWorkflowId());
        workflow.open("once");
        assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class)).isEqualTo("raw:once");
        assertThat(describe(request.getWorkflowId()).getWorkflowExecutionInfo().getExecution().getRunId())
                .isEqualTo(firstRunId);
    }

    @Test
    void startWithADifferentRequestIdWhileRunningIsAlreadyExists() {
        // given a workflow started by a raw request
        String workflowId = uniqueId("idem");
        String runId = rawStub().startWorkflowExecution(rawStart(workflowId, UUID.randomUUID().toString())).getRunId();

        // when a different request (new request id) starts the same workflow id
        StatusRuntimeException rejected =
                catchThrowableOfType(
                        StatusRuntimeException.class,
                        () -> rawStub().startWorkflowExecution(rawStart(workflowId, UUID.randomUUID().toString())));

        // then the server answers ALREADY_EXISTS with the running run id in the error details
        assertThat(rejected).isNotNull();
        assertThat(rejected.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        WorkflowExecutionAlreadyStartedFailure detail =
                StatusUtils.getFailure(rejected, WorkflowExecutionAlreadyStartedFailure.class);
        assertThat(detail).as("WorkflowExecutionAlreadyStartedFailure detail").isNotNull();
        assertThat(detail.getRunId()).isEqualTo(runId);
        client.newWorkflowStub(GateWorkflow.class, workflowId).open("cleanup");
    }

    @Test
    void closedWorkflowIdCanBeStartedAgainAsANewRun() {
        // given a workflow that completed
        String workflowId = uniqueId("reuse");
        GateWorkflow first =
                client.newWorkflowStub(GateWorkflow.class, workflowOptions().setWorkflowId(workflowId).build());
        String firstRunId = WorkflowClient.start(first::pass, "first").getRunId();
        first.open("done");
        WorkflowStub.fromTyped(first).getResult(String.class);

        // when the same id is started again under the default reuse policy
        GateWorkflow second =
                client.newWorkflowStub(GateWorkflow.class, workflowOptions().setWorkflowId(workflowId).build());
        String secondRunId = WorkflowClient.start(second::pass, "second").getRunId();

        // then a new run starts, and it is the one that runs now
        assertThat(secondRunId).isNotEqualTo(firstRunId);
        second.open("again");
        assertThat(WorkflowStub.fromTyped(second).getResult(String.class)).isEqualTo("second:again");
    }

    @Test
    void rejectDuplicatePolicyRefusesToReuseAClosedId() {
        // given a completed workflow
        String workflowId = uniqueId("noreuse");
        GateWorkflow first =
                client.newWorkflowStub(GateWorkflow.class, workflowOptions().setWorkflowId(workflowId).build());
        WorkflowClient.start(first::pass, "first");
        first.open("done");
        WorkflowStub.fromTyped(first).getResult(String.class);

        // when it is started again with WorkflowIdReusePolicy REJECT_DUPLICATE
        GateWorkflow second =
                client.newWorkflowStub(
                        GateWorkflow.class,
                        workflowOptions()
                                .setWorkflowId(workflowId)
                                .setWorkflowIdReusePolicy(WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                                .build());

        // then the start is rejected
        Throwable rejected = catchThrowable(() -> WorkflowClient.start(second::pass, "x"));
        assertThat(rejected).isInstanceOf(WorkflowExecutionAlreadyStarted.class);
    }

    private StartWorkflowExecutionRequest rawStart(String workflowId, String requestId) {
        return StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE)
                .setWorkflowId(workflowId)
                .setWorkflowType(WorkflowType.newBuilder().setName("GateWorkflow"))
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                .setInput(DefaultDataConverter.STANDARD_INSTANCE.toPayloads("raw").orElseThrow())
                .setRequestId(requestId)
                .setIdentity("duplicate-start-test")
                .build();
    }
}
