package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.functional.support.GateWorkflow;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.errordetails.v1.NamespaceNotFoundFailure;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.serviceclient.StatusUtils;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Errors reach clients with the gRPC codes and error details the Temporal SDKs act on. */
@QuarkusTest
public class ErrorMappingTest extends SdkTestSupport {

    @Test
    void describingAnUnknownNamespaceIsNotFoundWithNamespaceNotFoundDetail() {
        // given a namespace that does not exist
        String namespace = "no-such-namespace-" + UUID.randomUUID();

        // when it is described
        StatusRuntimeException error =
                catchThrowableOfType(
                        StatusRuntimeException.class,
                        () -> rawStub().describeNamespace(
                                DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build()));

        // then NOT_FOUND, with a NamespaceNotFoundFailure naming it
        assertThat(error).isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        NamespaceNotFoundFailure detail = StatusUtils.getFailure(error, NamespaceNotFoundFailure.class);
        assertThat(detail).as("NamespaceNotFoundFailure detail").isNotNull();
        assertThat(detail.getNamespace()).isEqualTo(namespace);
    }

    @Test
    void describingTheDefaultNamespaceSucceeds() {
        // given the namespace the data plane creates at startup

        // when / then (guards the test above: NOT_FOUND must be about the name, not about describing at all)
        DescribeNamespaceRequest request = DescribeNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build();
        assertThat(rawStub().describeNamespace(request).getNamespaceInfo().getName()).isEqualTo(NAMESPACE);
    }

    @Test
    void startWithAnEmptyWorkflowIdIsInvalidArgument() {
        // given a start request without a workflow id
        StartWorkflowExecutionRequest request =
                StartWorkflowExecutionRequest.newBuilder()
                        .setNamespace(NAMESPACE)
                        .setWorkflowId("")
                        .setWorkflowType(WorkflowType.newBuilder().setName("GateWorkflow"))
                        .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                        .setRequestId(UUID.randomUUID().toString())
                        .build();

        // when
        StatusRuntimeException error =
                catchThrowableOfType(StatusRuntimeException.class, () -> rawStub().startWorkflowExecution(request));

        // then
        assertThat(error).isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void historyOfAnUnknownWorkflowIsNotFound() {
        // given a workflow id that was never started
        String workflowId = uniqueId("never-started");

        // when its history is requested
        GetWorkflowExecutionHistoryRequest request = GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(NAMESPACE)
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build();
        StatusRuntimeException error = catchThrowableOfType(
                StatusRuntimeException.class, () -> rawStub().getWorkflowExecutionHistory(request));

        // then
        assertThat(error).isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void signallingAnUnknownWorkflowIsWorkflowNotFoundInTheSdk() {
        // given a stub for a workflow id that was never started
        GateWorkflow workflow = client.newWorkflowStub(GateWorkflow.class, uniqueId("never-started"));

        // when it is signalled
        Throwable error = catchThrowable(() -> workflow.open("hello?"));

        // then the SDK recognised the server's NOT_FOUND
        assertThat(error).isInstanceOf(WorkflowNotFoundException.class);
    }
}
