package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.util.Durations;
import io.cadenza.dataplane.retention.RetentionSweeper;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.namespace.v1.NamespaceConfig;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.api.workflowservice.v1.UpdateNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class NamespaceTest extends SdkTestSupport {

    @Inject
    RetentionSweeper sweeper;

    @WorkflowInterface
    public interface EchoWorkflow {
        @WorkflowMethod
        String echo(String value);
    }

    public static class EchoWorkflowImpl implements EchoWorkflow {
        @Override
        public String echo(String value) {
            return value;
        }
    }

    @Test
    void registeredNamespaceIsDescribedListedAndItsRetentionUpdated() {
        // given
        String name = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        rawStub().registerNamespace(RegisterNamespaceRequest.newBuilder().setNamespace(name)
                .setDescription("orders team").setWorkflowExecutionRetentionPeriod(Durations.fromDays(3)).build());

        // when
        rawStub().updateNamespace(UpdateNamespaceRequest.newBuilder().setNamespace(name)
                .setConfig(NamespaceConfig.newBuilder().setWorkflowExecutionRetentionTtl(Durations.fromDays(7)))
                .build());

        // then
        var described = rawStub().describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(name).build());
        assertThat(described.getNamespaceInfo().getDescription()).isEqualTo("orders team");
        assertThat(described.getConfig().getWorkflowExecutionRetentionTtl()).isEqualTo(Durations.fromDays(7));
        assertThat(rawStub().listNamespaces(ListNamespacesRequest.getDefaultInstance()).getNamespacesList())
                .anyMatch(n -> n.getNamespaceInfo().getName().equals(name))
                .anyMatch(n -> n.getNamespaceInfo().getName().equals(NAMESPACE));
    }

    @Test
    void duplicateNamesAndOutOfRangeRetentionAreRejected() {
        StatusRuntimeException duplicate = catchThrowableOfType(StatusRuntimeException.class,
                () -> rawStub().registerNamespace(RegisterNamespaceRequest.newBuilder().setNamespace(NAMESPACE)
                        .build()));
        assertThat(duplicate.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);

        StatusRuntimeException tooLong = catchThrowableOfType(StatusRuntimeException.class,
                () -> rawStub().registerNamespace(RegisterNamespaceRequest.newBuilder().setNamespace("ns-long-retention")
                        .setWorkflowExecutionRetentionPeriod(Durations.fromDays(365)).build()));
        assertThat(tooLong.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(tooLong.getStatus().getDescription()).contains("between 1 and 90 days");
    }

    @Test
    void closedWorkflowsAreDeletedOnceTheirRetentionHasPassed() {
        // given a namespace with one day of retention and a workflow that completed in it
        String name = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        rawStub().registerNamespace(RegisterNamespaceRequest.newBuilder().setNamespace(name)
                .setWorkflowExecutionRetentionPeriod(Durations.fromDays(1)).build());
        WorkflowClient nsClient = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(name).build());
        WorkerFactory nsFactory = WorkerFactory.newInstance(nsClient);
        try {
            Worker worker = nsFactory.newWorker(taskQueue);
            worker.registerWorkflowImplementationTypes(EchoWorkflowImpl.class);
            nsFactory.start();
            String workflowId = uniqueId("wf");
            EchoWorkflow wf = nsClient.newWorkflowStub(EchoWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId).build());
            assertThat(wf.echo("kept for a day")).isEqualTo("kept for a day");

            // when the sweeper runs while the day has not passed, and again two days later
            sweeper.sweepAsOf(System.currentTimeMillis()).join();
            var stillThere = describeIn(name, workflowId);
            sweeper.sweepAsOf(System.currentTimeMillis() + Duration.ofDays(2).toMillis()).join();

            // then the run survives the first sweep and is gone after the second
            assertThat(stillThere.getWorkflowExecutionInfo().getExecution().getWorkflowId()).isEqualTo(workflowId);
            StatusRuntimeException gone = catchThrowableOfType(StatusRuntimeException.class,
                    () -> describeIn(name, workflowId));
            assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        } finally {
            nsFactory.shutdownNow();
        }
    }

    private io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse describeIn(String ns,
                                                                                         String workflowId) {
        return rawStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder().setNamespace(ns)
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build());
    }
}
