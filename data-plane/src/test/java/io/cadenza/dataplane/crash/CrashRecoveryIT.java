package io.cadenza.dataplane.crash;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_FIRED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.crash.CrashWorkload.CountingSteps;
import io.cadenza.dataplane.crash.CrashWorkload.TimerActivityWorkflow;
import io.cadenza.dataplane.crash.CrashWorkload.TimerActivityWorkflowImpl;
import io.cadenza.dataplane.testing.Histories;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.cadenza.devstack.DataPlaneProcess;
import io.cadenza.devstack.PostgresServer;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the data plane (SIGKILL) while 200 workflows are in flight, restarts it on the same database and port, and
 * checks that every workflow completes exactly once with the right result and a gap-free history.
 *
 * <p>Runs the packaged application ({@code cadenza.dataplane.jar}, set by failsafe) as a separate process; the SDK
 * worker and client live in this JVM and reconnect on their own.
 */
class CrashRecoveryIT {

    static final int WORKFLOWS = 200;
    static final int ACTIVITIES_BEFORE_CRASH = 20;
    static final Duration RECOVERY_DEADLINE = Duration.ofMinutes(3);
    static final String DATABASE = "cadenza_crash";

    @TempDir Path tempDir;

    private final CountingSteps steps = new CountingSteps();

    @Test
    void everyWorkflowCompletesExactlyOnceAcrossADataPlaneCrash() throws Exception {
        String runName = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path logDir = Path.of("target", "crash-recovery", runName);
        Path dataPlaneLog = logDir.resolve("data-plane.log").toAbsolutePath();
        PostgresServer postgres = PostgresServer.start(tempDir.resolve("pg"), 0);
        DataPlaneProcess dataPlane = null;
        WorkflowServiceStubs service = null;
        WorkerFactory factory = null;
        try {
            postgres.createDatabaseIfMissing(DATABASE);
            int grpcPort = freePortPair();
            DataPlaneProcess.Settings settings =
                    new DataPlaneProcess.Settings(
                            dataPlaneJar(),
                            grpcPort,
                            "crash-cell",
                            postgres.jdbcUrl(DATABASE),
                            postgres.reactiveUrl(DATABASE),
                            postgres.username(),
                            postgres.password(),
                            dataPlaneLog,
                            Map.of());
            System.out.println("CrashRecoveryIT: data-plane log " + dataPlaneLog);

            // given a data plane and a worker running 200 workflows (timer, two activities, timer)
            dataPlane = DataPlaneProcess.start(settings);
            service = SdkTestSupport.newServiceStubs("127.0.0.1:" + grpcPort);
            WorkflowClient client = SdkTestSupport.newClient(service);
            String taskQueue = "crash-" + UUID.randomUUID();
            factory = WorkerFactory.newInstance(client);
            Worker worker = factory.newWorker(taskQueue);
            worker.registerWorkflowImplementationTypes(TimerActivityWorkflowImpl.class);
            worker.registerActivitiesImplementations(steps);
            factory.start();
            Map<String, Integer> inputs = startWorkflows(client, taskQueue);

            // ... that have made progress, but are not done
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> steps.completed.get() >= ACTIVITIES_BEFORE_CRASH,
                    ACTIVITIES_BEFORE_CRASH + " activities completed before the crash");

            // when the data plane is killed and restarted on the same database and port
            dataPlane.kill();
            int secondStepsBeforeCrash = steps.secondStepsCompleted.get();
            assertThat(dataPlane.isAlive()).as("data plane after SIGKILL").isFalse();
            assertThat(secondStepsBeforeCrash)
                    .as("workflows past their last activity at the crash")
                    .isLessThan(WORKFLOWS);
            dataPlane = DataPlaneProcess.start(settings);

            // then every workflow completes, with its own result, exactly once, and with a gap-free history
            awaitAllCompleted(service, inputs.keySet());
            for (Map.Entry<String, Integer> workflow : inputs.entrySet()) {
                String workflowId = workflow.getKey();
                String result = client.newUntypedWorkflowStub(workflowId).getResult(10, TimeUnit.SECONDS, String.class);
                assertThat(result)
                        .as("result of %s", workflowId)
                        .isEqualTo(CrashWorkload.expectedResult(workflow.getValue()));
                assertHistoryExactlyOnce(workflowId, client.fetchHistory(workflowId).getEvents());
            }
        } catch (Throwable failure) {
            String logs = "data-plane log: " + dataPlaneLog + ", PostgreSQL log: " + postgres.logFile();
            throw new AssertionError("Crash recovery failed; " + logs, failure);
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

    private Map<String, Integer> startWorkflows(WorkflowClient client, String taskQueue) {
        Map<String, Integer> inputs = new LinkedHashMap<>();
        for (int n = 0; n < WORKFLOWS; n++) {
            String workflowId = "crash-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
            TimerActivityWorkflow workflow =
                    client.newWorkflowStub(
                            TimerActivityWorkflow.class,
                            WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId).build());
            WorkflowClient.start(workflow::run, n);
            inputs.put(workflowId, n);
        }
        return inputs;
    }

    /** Polls DescribeWorkflowExecution until every workflow closed; a workflow closing any other way fails at once. */
    private static void awaitAllCompleted(WorkflowServiceStubs service, Iterable<String> workflowIds) {
        List<String> pending = new ArrayList<>();
        workflowIds.forEach(pending::add);
        Poll.until(
                RECOVERY_DEADLINE,
                () -> {
                    pending.removeIf(workflowId -> isCompleted(service, workflowId));
                    return pending.isEmpty();
                },
                () -> "all " + WORKFLOWS + " workflows completed after the restart; still open: " + pending);
    }

    private static boolean isCompleted(WorkflowServiceStubs service, String workflowId) {
        WorkflowExecutionStatus status =
                service
                        .blockingStub()
                        .describeWorkflowExecution(
                                DescribeWorkflowExecutionRequest.newBuilder()
                                        .setNamespace(SdkTestSupport.NAMESPACE)
                                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                                        .build())
                        .getWorkflowExecutionInfo()
                        .getStatus();
        if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
                && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
            throw new AssertionError(workflowId + " closed as " + status + " instead of completing");
        }
        return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
    }

    /** A crash may cost retries, never duplicates: each command's events appear exactly once. */
    private static void assertHistoryExactlyOnce(String workflowId, List<HistoryEvent> events) {
        Histories.assertWellFormed(workflowId, events, EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
        assertThat(Histories.count(events, EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
                .as("ActivityTaskScheduled in %s", workflowId)
                .isEqualTo(CrashWorkload.ACTIVITIES_PER_WORKFLOW);
        assertThat(Histories.count(events, EVENT_TYPE_ACTIVITY_TASK_COMPLETED))
                .as("ActivityTaskCompleted in %s", workflowId)
                .isEqualTo(CrashWorkload.ACTIVITIES_PER_WORKFLOW);
        assertThat(Histories.count(events, EVENT_TYPE_TIMER_STARTED))
                .as("TimerStarted in %s", workflowId)
                .isEqualTo(CrashWorkload.TIMERS_PER_WORKFLOW);
        assertThat(Histories.count(events, EVENT_TYPE_TIMER_FIRED))
                .as("TimerFired in %s", workflowId)
                .isEqualTo(CrashWorkload.TIMERS_PER_WORKFLOW);
    }

    static Path dataPlaneJar() {
        String jar = System.getProperty("cadenza.dataplane.jar");
        assertThat(jar).as("system property cadenza.dataplane.jar (set by failsafe)").isNotBlank();
        Path path = Path.of(jar);
        assertThat(Files.isRegularFile(path)).as("data-plane jar %s exists", path).isTrue();
        return path;
    }

    /** A free port whose successor is free too: the cell serves gRPC on the first and health on the second. */
    static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (port < 65535) {
                try {
                    new ServerSocket(port + 1).close();
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IOException("no pair of adjacent free ports found");
    }
}
