package io.cadenza.dataplane.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.Histories;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.cadenza.devstack.DataPlaneProcess;
import io.cadenza.devstack.PostgresServer;
import io.temporal.api.batch.v1.BatchOperationSignal;
import io.temporal.api.enums.v1.BatchOperationState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.workflowservice.v1.DescribeBatchOperationRequest;
import io.temporal.api.workflowservice.v1.DescribeBatchOperationResponse;
import io.temporal.api.workflowservice.v1.StartBatchOperationRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs the data plane in the middle of a batch signal, restarts it on the same database and port, and checks
 * that the job resumes where it was and that every selected run got the signal exactly once (a signal the job had
 * applied but not yet recorded is applied again under the same request id, which the run recognises), while runs
 * that had closed before count as done.
 */
class BatchCrashIT {

    static final int RUNNING = 60;
    static final int CLOSED = 5;
    static final String DATABASE = "cadenza_batch_crash";

    @TempDir Path tempDir;

    @WorkflowInterface
    public interface Counter {
        /** Waits for {@link #finish()}; counts {@link #poke()} signals meanwhile. */
        @WorkflowMethod
        int run();

        @SignalMethod
        void poke();

        @SignalMethod
        void finish();

        @QueryMethod
        int pokes();
    }

    public static class CounterImpl implements Counter {
        private int pokes;
        private boolean finished;

        @Override
        public int run() {
            Workflow.await(() -> finished);
            return pokes;
        }

        @Override
        public void poke() {
            pokes++;
        }

        @Override
        public void finish() {
            finished = true;
        }

        @Override
        public int pokes() {
            return pokes;
        }
    }

    @Test
    void everySelectedRunIsSignalledExactlyOnceAcrossADataPlaneCrash() throws Exception {
        String runName = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path log = Path.of("target", "batch-crash", runName, "data-plane.log").toAbsolutePath();
        PostgresServer postgres = PostgresServer.start(tempDir.resolve("pg"), 0);
        DataPlaneProcess dataPlane = null;
        WorkflowServiceStubs service = null;
        WorkerFactory factory = null;
        try {
            postgres.createDatabaseIfMissing(DATABASE);
            int grpcPort = CrashRecoveryIT.freePortPair();
            DataPlaneProcess.Settings settings = new DataPlaneProcess.Settings(CrashRecoveryIT.dataPlaneJar(),
                    grpcPort, "batch-crash-cell", postgres.jdbcUrl(DATABASE), postgres.reactiveUrl(DATABASE),
                    postgres.username(), postgres.password(), log, Map.of());
            System.out.println("BatchCrashIT: data-plane log " + log);

            // given 60 waiting workflows and 5 closed ones on one queue, and a worker
            dataPlane = DataPlaneProcess.start(settings);
            service = SdkTestSupport.newServiceStubs("127.0.0.1:" + grpcPort);
            WorkflowClient client = SdkTestSupport.newClient(service);
            String taskQueue = "batch-crash-" + UUID.randomUUID();
            factory = WorkerFactory.newInstance(client);
            factory.newWorker(taskQueue).registerWorkflowImplementationTypes(CounterImpl.class);
            factory.start();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < RUNNING + CLOSED; i++) {
                String id = "batch-crash-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
                Counter counter = client.newWorkflowStub(Counter.class,
                        WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(id).build());
                WorkflowClient.start(counter::run);
                ids.add(id);
            }
            for (int i = RUNNING; i < RUNNING + CLOSED; i++) {
                client.newWorkflowStub(Counter.class, ids.get(i)).finish();
                assertThat(client.newUntypedWorkflowStub(ids.get(i)).getResult(10, TimeUnit.SECONDS, Integer.class))
                        .isZero();
            }

            // when a batch signals all of them at 10 per second, and the data plane is killed a third of the way
            String jobId = "crash-" + UUID.randomUUID();
            service.blockingStub().startBatchOperation(StartBatchOperationRequest.newBuilder()
                    .setNamespace(SdkTestSupport.NAMESPACE).setJobId(jobId).setReason("poke all")
                    .setVisibilityQuery("TaskQueue = '" + taskQueue + "'").setMaxOperationsPerSecond(10)
                    .setSignalOperation(BatchOperationSignal.newBuilder().setSignal("poke").setIdentity("crash-test"))
                    .build());
            WorkflowServiceStubs stubs = service;
            Poll.until(Duration.ofSeconds(60), () -> describe(stubs, jobId).getCompleteOperationCount() >= 20,
                    "20 operations done before the crash");
            DescribeBatchOperationResponse beforeCrash = describe(service, jobId);
            assertThat(beforeCrash.getState()).isEqualTo(BatchOperationState.BATCH_OPERATION_STATE_RUNNING);
            assertThat(beforeCrash.getTotalOperationCount()).isEqualTo(RUNNING + CLOSED);
            dataPlane.kill();
            assertThat(dataPlane.isAlive()).as("data plane after SIGKILL").isFalse();
            dataPlane = DataPlaneProcess.start(settings);

            // then the job resumes and completes with every target done
            DescribeBatchOperationResponse done = Poll.untilValue(Duration.ofSeconds(120), () -> {
                DescribeBatchOperationResponse r = describe(stubs, jobId);
                return r.getState() == BatchOperationState.BATCH_OPERATION_STATE_RUNNING ? null : r;
            }, "the batch to complete after the restart");
            assertThat(done.getState()).isEqualTo(BatchOperationState.BATCH_OPERATION_STATE_COMPLETED);
            assertThat(done.getTotalOperationCount()).isEqualTo(RUNNING + CLOSED);
            assertThat(done.getCompleteOperationCount()).isEqualTo(RUNNING + CLOSED);
            assertThat(done.getFailureOperationCount()).isZero();
            assertThat(done.getCompleteOperationCount()).isGreaterThan(beforeCrash.getCompleteOperationCount());
            // and every waiting run got exactly one poke, the closed ones none
            for (int i = 0; i < RUNNING; i++) {
                String id = ids.get(i);
                client.newWorkflowStub(Counter.class, id).finish();
                assertThat(client.newUntypedWorkflowStub(id).getResult(60, TimeUnit.SECONDS, Integer.class))
                        .as("pokes of %s", id).isEqualTo(1);
                var events = client.fetchHistory(id).getEvents();
                Histories.assertWellFormed(id, events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
                assertThat(events.stream().filter(e -> e.getEventType()
                        == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED && e
                        .getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("poke")).count())
                        .as("poke signals in the history of %s", id).isEqualTo(1);
            }
            for (int i = RUNNING; i < RUNNING + CLOSED; i++) {
                assertThat(Histories.count(client.fetchHistory(ids.get(i)).getEvents(),
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)).isEqualTo(1); // the finish signal only
            }
        } catch (Throwable failure) {
            throw new AssertionError("Batch crash recovery failed; data-plane log: " + log + ", PostgreSQL log: "
                    + postgres.logFile(), failure);
        } finally {
            if (factory != null) {
                factory.shutdownNow();
                factory.awaitTermination(10, TimeUnit.SECONDS);
            }
            if (service != null) {
                service.shutdownNow();
            }
            if (dataPlane != null) {
                dataPlane.close();
            }
            postgres.close();
        }
    }

    private static DescribeBatchOperationResponse describe(WorkflowServiceStubs service, String jobId) {
        return service.blockingStub().describeBatchOperation(DescribeBatchOperationRequest.newBuilder()
                .setNamespace(SdkTestSupport.NAMESPACE).setJobId(jobId).build());
    }
}
