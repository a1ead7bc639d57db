package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.functional.support.GateWorkflow;
import io.cadenza.dataplane.functional.support.GateWorkflowImpl;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.batch.v1.BatchOperationCancellation;
import io.temporal.api.batch.v1.BatchOperationInfo;
import io.temporal.api.batch.v1.BatchOperationSignal;
import io.temporal.api.batch.v1.BatchOperationTermination;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.BatchOperationState;
import io.temporal.api.enums.v1.BatchOperationType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.DescribeBatchOperationRequest;
import io.temporal.api.workflowservice.v1.DescribeBatchOperationResponse;
import io.temporal.api.workflowservice.v1.ListBatchOperationsRequest;
import io.temporal.api.workflowservice.v1.StartBatchOperationRequest;
import io.temporal.api.workflowservice.v1.StopBatchOperationRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * StartBatchOperation, DescribeBatchOperation, ListBatchOperations and StopBatchOperation through the SDK's stubs:
 * operations applied once per selected run, at the requested rate, a run that already closed counted as done.
 */
@QuarkusTest
public class BatchOperationTest extends SdkTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeEach
    void startWorker() {
        newWorker().registerWorkflowImplementationTypes(GateWorkflowImpl.class);
        startWorkers();
    }

    @Test
    void terminatesFiftyRunsSelectedByFilterAtTheRequestedRate() {
        // given 50 running workflows on this test's queue, and one that completed already
        List<String> ids = startGates(50);
        String closed = startGates(1).get(0);
        WorkflowStub.fromTyped(client.newWorkflowStub(GateWorkflow.class, closed)).signal("open", "now");
        client.newUntypedWorkflowStub(closed).getResult(String.class);

        // when a batch terminates every running one at 20 per second
        String jobId = "terminate-" + UUID.randomUUID();
        long startNanos = System.nanoTime();
        rawStub().startBatchOperation(StartBatchOperationRequest.newBuilder().setNamespace(NAMESPACE).setJobId(jobId)
                .setReason("stale jobs").setVisibilityQuery("TaskQueue = '" + taskQueue + "' AND ExecutionStatus = "
                        + "'Running'").setMaxOperationsPerSecond(20)
                .setTerminationOperation(BatchOperationTermination.newBuilder().setIdentity("ops-team")).build());

        // then it runs, showing progress, ...
        DescribeBatchOperationResponse running = describeBatch(jobId);
        assertThat(running.getState()).isEqualTo(BatchOperationState.BATCH_OPERATION_STATE_RUNNING);
        assertThat(running.getOperationType()).isEqualTo(BatchOperationType.BATCH_OPERATION_TYPE_TERMINATE);
        assertThat(running.getTotalOperationCount()).isEqualTo(50);
        assertThat(running.getCompleteOperationCount()).isLessThan(50);
        assertThat(running.getReason()).isEqualTo("stale jobs");
        assertThat(running.getIdentity()).isEqualTo("ops-team");
        assertThat(running.getQuery()).contains(taskQueue);
        // ... and completes no faster than the rate allows (49 intervals of 50 ms after the first operation)
        DescribeBatchOperationResponse done = awaitClosed(jobId);
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        assertThat(done.getState()).isEqualTo(BatchOperationState.BATCH_OPERATION_STATE_COMPLETED);
        assertThat(done.getCompleteOperationCount()).isEqualTo(50);
        assertThat(done.getFailureOperationCount()).isZero();
        assertThat(done.hasCloseTime()).isTrue();
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(2400);
        // every selected run terminated exactly once, with the batch's reason and identity; the closed one untouched
        for (String id : ids) {
            assertThat(describe(id).getWorkflowExecutionInfo().getStatus())
                    .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
            var terminations = historyOfType(id, EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED);
            assertThat(terminations).hasSize(1);
            assertThat(terminations.get(0).getWorkflowExecutionTerminatedEventAttributes().getReason())
                    .isEqualTo("stale jobs");
            assertThat(terminations.get(0).getWorkflowExecutionTerminatedEventAttributes().getIdentity())
                    .isEqualTo("ops-team");
        }
        assertThat(describe(closed).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        // and the namespace's batch history lists it
        List<BatchOperationInfo> listed = rawStub().listBatchOperations(ListBatchOperationsRequest.newBuilder()
                .setNamespace(NAMESPACE).build()).getOperationInfoList();
        assertThat(listed).anySatisfy(info -> {
            assertThat(info.getJobId()).isEqualTo(jobId);
            assertThat(info.getState()).isEqualTo(BatchOperationState.BATCH_OPERATION_STATE_COMPLETED);
            assertThat(info.hasCloseTime()).isTrue();
        });
    }

    @Test
    void signalsAListOfExecutionsOnceEachAndCountsClosedAndUnknownRunsAsDone() {
        // given three waiting workflows, one that completed, and a workflow id that never existed
        List<String> waiting = startGates(3);
        String closed = startGates(1).get(0);
        WorkflowStub.fromTyped(client.newWorkflowStub(GateWorkflow.class, closed)).signal("open", "before");
        client.newUntypedWorkflowStub(closed).getResult(String.class);
        List<WorkflowExecution> executions = new ArrayList<>();
        waiting.forEach(id -> executions.add(WorkflowExecution.newBuilder().setWorkflowId(id).build()));
        executions.add(WorkflowExecution.newBuilder().setWorkflowId(closed).build());
        executions.add(WorkflowExecution.newBuilder().setWorkflowId(uniqueId("never-started")).build());

        // when a batch signals them
        String jobId = "signal-" + UUID.randomUUID();
        rawStub().startBatchOperation(StartBatchOperationRequest.newBuilder().setNamespace(NAMESPACE).setJobId(jobId)
                .setReason("release").addAllExecutions(executions)
                .setSignalOperation(BatchOperationSignal.newBuilder().setSignal("open").setIdentity("ops")
                        .setInput(DefaultDataConverter.newDefaultInstance().toPayloads("batch").orElseThrow()))
                .build());

        // then every waiting one got the signal once and completed with it; the others count as done
        DescribeBatchOperationResponse done = awaitClosed(jobId);
        assertThat(done.getState()).isEqualTo(BatchOperationState.BATCH_OPERATION_STATE_COMPLETED);
        assertThat(done.getOperationType()).isEqualTo(BatchOperationType.BATCH_OPERATION_TYPE_SIGNAL);
        assertThat(done.getTotalOperationCount()).isEqualTo(5);
        assertThat(done.getCompleteOperationCount()).isEqualTo(5);
        assertThat(done.getFailureOperationCount()).isZero();
        assertThat(done.getExecutionsCount()).isEqualTo(5);
        for (String id : waiting) {
            assertThat(client.newUntypedWorkflowStub(id).getResult(String.class)).isEqualTo("job:batch");
            assertThat(historyOfType(id, EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)).hasSize(1);
        }
        assertThat(historyOfType(closed, EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)).hasSize(1);
    }

    @Test
    void aStoppedBatchAppliesNoMoreOperations() {
        // given 30 running workflows and a batch cancelling them at 4 per second
        List<String> ids = startGates(30);
        String jobId = "stop-" + UUID.randomUUID();
        String query = "TaskQueue = '" + taskQueue + "'";
        rawStub().startBatchOperation(StartBatchOperationRequest.newBuilder().setNamespace(NAMESPACE).setJobId(jobId)
                .setReason("slow termination").setVisibilityQuery(query).setMaxOperationsPerSecond(4)
                .setTerminationOperation(BatchOperationTermination.getDefaultInstance()).build());
        Poll.until(TIMEOUT, () -> describeBatch(jobId).getCompleteOperationCount() >= 2, "two runs terminated");

        // when it is stopped
        rawStub().stopBatchOperation(StopBatchOperationRequest.newBuilder().setNamespace(NAMESPACE).setJobId(jobId)
                .setReason("changed my mind").setIdentity("ops").build());

        // then it reads FAILED (as a stopped batch does in Temporal), closed, and terminates nothing more: over the
        // next 2 s (8 operation intervals), at most the operations already in flight finish
        DescribeBatchOperationResponse stopped = describeBatch(jobId);
        assertThat(stopped.getState()).isEqualTo(BatchOperationState.BATCH_OPERATION_STATE_FAILED);
        assertThat(stopped.hasCloseTime()).isTrue();
        long atStop = terminated(query);
        sleep(2000);
        long later = terminated(query);
        assertThat(later).isLessThanOrEqualTo(atStop + 1).isLessThan(ids.size());
        assertThat(describeBatch(jobId).getCompleteOperationCount()).isEqualTo(later);
        // stopping it again is refused, and the namespace can run another batch at once
        StatusRuntimeException again = catchThrowableOfType(StatusRuntimeException.class, () -> rawStub()
                .stopBatchOperation(StopBatchOperationRequest.newBuilder().setNamespace(NAMESPACE).setJobId(jobId)
                        .setReason("again").build()));
        assertThat(again.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        String next = "cancel-" + UUID.randomUUID();
        rawStub().startBatchOperation(StartBatchOperationRequest.newBuilder().setNamespace(NAMESPACE).setJobId(next)
                .setReason("cancel the rest").setVisibilityQuery(query + " AND ExecutionStatus = 'Running'")
                .setCancellationOperation(BatchOperationCancellation.getDefaultInstance()).build());
        assertThat(awaitClosed(next).getCompleteOperationCount()).isEqualTo(ids.size() - later);
        Poll.until(TIMEOUT, () -> terminated(query) + count(query + " AND ExecutionStatus = 'Canceled'")
                == ids.size(), "every run terminated or canceled");
    }

    @Test
    void resetsEachListedRunToItsFirstWorkflowTask() {
        // given two waiting workflows, addressed by workflow id only (their current runs)
        List<String> ids = startGates(2);
        List<String> oldRuns = ids.stream().map(id -> describe(id).getWorkflowExecutionInfo().getExecution()
                .getRunId()).toList();
        String jobId = "reset-" + UUID.randomUUID();
        rawStub().startBatchOperation(StartBatchOperationRequest.newBuilder().setNamespace(NAMESPACE).setJobId(jobId)
                .setReason("redeploy").addAllExecutions(ids.stream().map(id -> WorkflowExecution.newBuilder()
                        .setWorkflowId(id).build()).toList())
                .setResetOperation(io.temporal.api.batch.v1.BatchOperationReset.newBuilder()
                        .setOptions(io.temporal.api.common.v1.ResetOptions.newBuilder()
                                .setFirstWorkflowTask(com.google.protobuf.Empty.getDefaultInstance())))
                .build());

        // then each has a new current run, the old one terminated, and the new one still works
        DescribeBatchOperationResponse done = awaitClosed(jobId);
        assertThat(done.getOperationType()).isEqualTo(BatchOperationType.BATCH_OPERATION_TYPE_RESET);
        assertThat(done.getCompleteOperationCount()).isEqualTo(2);
        assertThat(done.getFailureOperationCount()).isZero();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            var current = describe(id).getWorkflowExecutionInfo();
            assertThat(current.getExecution().getRunId()).isNotEqualTo(oldRuns.get(i));
            assertThat(current.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
            assertThat(client.newUntypedWorkflowStub(id, java.util.Optional.of(oldRuns.get(i)),
                    java.util.Optional.empty()).describe().getStatus())
                    .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
            client.newWorkflowStub(GateWorkflow.class, id).open("after reset");
            assertThat(client.newUntypedWorkflowStub(id).getResult(String.class)).isEqualTo("job:after reset");
        }
    }

    @Test
    void deletesRunningAndClosedRunsWithTheirHistory() {
        // given a waiting workflow and a completed one
        String running = startGates(1).get(0);
        String closed = startGates(1).get(0);
        client.newWorkflowStub(GateWorkflow.class, closed).open("done");
        client.newUntypedWorkflowStub(closed).getResult(String.class);
        String query = "TaskQueue = '" + taskQueue + "'";
        assertThat(count(query)).isEqualTo(2);

        // when a batch deletes every run of the queue
        String jobId = "delete-" + UUID.randomUUID();
        rawStub().startBatchOperation(StartBatchOperationRequest.newBuilder().setNamespace(NAMESPACE).setJobId(jobId)
                .setReason("cleanup").setVisibilityQuery(query)
                .setDeletionOperation(io.temporal.api.batch.v1.BatchOperationDeletion.newBuilder().setIdentity("ops"))
                .build());

        // then both are gone: not listed, not found
        DescribeBatchOperationResponse done = awaitClosed(jobId);
        assertThat(done.getOperationType()).isEqualTo(BatchOperationType.BATCH_OPERATION_TYPE_DELETE);
        assertThat(done.getCompleteOperationCount()).isEqualTo(2);
        assertThat(done.getFailureOperationCount()).isZero();
        assertThat(count(query)).isZero();
        for (String id : List.of(running, closed)) {
            StatusRuntimeException gone = catchThrowableOfType(StatusRuntimeException.class, () -> describe(id));
            assertThat(gone.getStatus().getCode()).as("describe of deleted %s", id).isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    @Test
    void badRequestsAreRefusedWithTheRightStatus() {
        String jobId = "invalid-" + UUID.randomUUID();
        StartBatchOperationRequest valid = StartBatchOperationRequest.newBuilder().setNamespace(NAMESPACE)
                .setJobId(jobId).setReason("r").setVisibilityQuery("TaskQueue = '" + taskQueue + "'")
                .setTerminationOperation(BatchOperationTermination.getDefaultInstance()).build();
        assertStatus(Status.Code.INVALID_ARGUMENT, valid.toBuilder().clearJobId().build());
        assertStatus(Status.Code.INVALID_ARGUMENT, valid.toBuilder().clearReason().build());
        assertStatus(Status.Code.INVALID_ARGUMENT, valid.toBuilder().clearVisibilityQuery().build());
        assertStatus(Status.Code.INVALID_ARGUMENT, valid.toBuilder()
                .addExecutions(WorkflowExecution.newBuilder().setWorkflowId("w")).build());
        assertStatus(Status.Code.INVALID_ARGUMENT, valid.toBuilder().setVisibilityQuery("NoSuchField = 1").build());
        assertStatus(Status.Code.INVALID_ARGUMENT, valid.toBuilder().clearTerminationOperation().build());
        assertStatus(Status.Code.INVALID_ARGUMENT, valid.toBuilder()
                .setSignalOperation(BatchOperationSignal.getDefaultInstance()).build());
        assertStatus(Status.Code.NOT_FOUND, valid.toBuilder().setNamespace("no-such-namespace").build());

        // one running batch per namespace, as Temporal's default; the same job id twice is refused
        List<String> ids = startGates(5);
        rawStub().startBatchOperation(valid.toBuilder().setMaxOperationsPerSecond(2).build());
        assertStatus(Status.Code.RESOURCE_EXHAUSTED, valid.toBuilder().setJobId(jobId + "-2").build());
        assertStatus(Status.Code.ALREADY_EXISTS, valid);
        assertThat(awaitClosed(jobId).getCompleteOperationCount()).isEqualTo(ids.size());
        assertStatus(Status.Code.ALREADY_EXISTS, valid);

        StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class, () -> rawStub()
                .describeBatchOperation(DescribeBatchOperationRequest.newBuilder().setNamespace(NAMESPACE)
                        .setJobId("no-such-job").build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    private void assertStatus(Status.Code code, StartBatchOperationRequest request) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> rawStub().startBatchOperation(request));
        assertThat(e).as("StartBatchOperation should fail with " + code).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).isNotBlank();
    }

    /** Starts n gate workflows and waits until each has completed its first workflow task. */
    private List<String> startGates(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GateWorkflow workflow = newWorkflow(GateWorkflow.class);
            ids.add(WorkflowClient.start(workflow::pass, "job").getWorkflowId());
        }
        for (String id : ids) {
            Poll.until(TIMEOUT, () -> historyContains(id, EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
                    "first workflow task of " + id);
        }
        return ids;
    }

    private DescribeBatchOperationResponse describeBatch(String jobId) {
        return rawStub().describeBatchOperation(DescribeBatchOperationRequest.newBuilder().setNamespace(NAMESPACE)
                .setJobId(jobId).build());
    }

    private DescribeBatchOperationResponse awaitClosed(String jobId) {
        return Poll.untilValue(TIMEOUT, () -> {
            DescribeBatchOperationResponse r = describeBatch(jobId);
            return r.getState() == BatchOperationState.BATCH_OPERATION_STATE_RUNNING ? null : r;
        }, "batch " + jobId + " to close");
    }

    private long terminated(String query) {
        return count(query + " AND ExecutionStatus = 'Terminated'");
    }

    private long count(String query) {
        return rawStub().countWorkflowExecutions(CountWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE)
                .setQuery(query).build()).getCount();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
