package io.cadenza.dataplane.crash;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.Histories;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.cadenza.devstack.DataPlaneProcess;
import io.cadenza.devstack.FreePort;
import io.cadenza.devstack.PostgresServer;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-run and scheduled work across a crash: parents wait for children (each a timer and an activity), and a
 * cron workflow and a schedule run every second, while the data plane is SIGKILLed. After the restart every child
 * start and outcome must reach its parent exactly once, and cron and schedule carry on.
 */
class ChildCrashRecoveryIT {

    static final int PARENTS = 60;
    static final AtomicInteger CHILD_STEPS = new AtomicInteger();

    @TempDir
    Path tempDir;

    @ActivityInterface
    public interface ChildStep {
        int square(int n);
    }

    public static class ChildStepImpl implements ChildStep {
        @Override
        public int square(int n) {
            CHILD_STEPS.incrementAndGet();
            return n * n;
        }
    }

    @WorkflowInterface
    public interface Child {
        @WorkflowMethod
        int run(int n);
    }

    public static class ChildImpl implements Child {
        @Override
        public int run(int n) {
            Workflow.sleep(Duration.ofMillis(800 + (n % 4) * 300L));
            return Workflow.newActivityStub(ChildStep.class, ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(200)).build())
                    .build()).square(n);
        }
    }

    @WorkflowInterface
    public interface Parent {
        @WorkflowMethod
        String run(int n);
    }

    public static class ParentImpl implements Parent {
        @Override
        public String run(int n) {
            Child child = Workflow.newChildWorkflowStub(Child.class, ChildWorkflowOptions.newBuilder()
                    .setWorkflowId(Workflow.getInfo().getWorkflowId() + "-child").build());
            return "parent-" + n + "=" + child.run(n);
        }
    }

    private static long completedRuns(WorkflowClient client, String workflowId) {
        return client.listExecutions("WorkflowId = '" + workflowId + "' AND ExecutionStatus = 'Completed'").count();
    }

    @Test
    void childStartsAndOutcomesReachTheirParentsExactlyOnceAcrossACrash() throws Exception {
        PostgresServer postgres = PostgresServer.start(tempDir.resolve("pg"), 0);
        DataPlaneProcess dataPlane = null;
        WorkflowServiceStubs service = null;
        WorkerFactory factory = null;
        Path log = Path.of("target", "crash-recovery", "children-" + UUID.randomUUID(), "data-plane.log")
                .toAbsolutePath();
        try {
            postgres.createDatabaseIfMissing("cadenza_child_crash");
            int port = FreePort.findConsecutive(2);
            DataPlaneProcess.Settings settings = new DataPlaneProcess.Settings(
                    Path.of(System.getProperty("cadenza.dataplane.jar")), port, "child-crash-cell",
                    postgres.jdbcUrl("cadenza_child_crash"), postgres.reactiveUrl("cadenza_child_crash"),
                    postgres.username(), postgres.password(), log, Map.of());
            dataPlane = DataPlaneProcess.start(settings);
            service = SdkTestSupport.newServiceStubs("127.0.0.1:" + port);
            WorkflowClient client = SdkTestSupport.newClient(service);
            String taskQueue = "child-crash-" + UUID.randomUUID();
            factory = WorkerFactory.newInstance(client);
            Worker worker = factory.newWorker(taskQueue);
            worker.registerWorkflowImplementationTypes(ParentImpl.class, ChildImpl.class);
            worker.registerActivitiesImplementations(new ChildStepImpl());
            factory.start();

            // given parents whose children are partly done
            Map<String, Integer> parents = new LinkedHashMap<>();
            for (int n = 0; n < PARENTS; n++) {
                String id = "parent-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
                WorkflowClient.start(client.newWorkflowStub(Parent.class, WorkflowOptions.newBuilder()
                        .setTaskQueue(taskQueue).setWorkflowId(id).build())::run, n);
                parents.put(id, n);
            }
            // and a cron workflow and a schedule, both every second
            String cronId = "cron-" + UUID.randomUUID().toString().substring(0, 8);
            WorkflowClient.start(client.newWorkflowStub(Child.class, WorkflowOptions.newBuilder().setTaskQueue(taskQueue)
                    .setWorkflowId(cronId).setCronSchedule("@every 1s").build())::run, 3);
            io.temporal.client.schedules.ScheduleClient schedules = io.temporal.client.schedules.ScheduleClient
                    .newInstance(service, io.temporal.client.schedules.ScheduleClientOptions.newBuilder()
                            .setNamespace(SdkTestSupport.NAMESPACE).build());
            String scheduleId = "schedule-" + UUID.randomUUID().toString().substring(0, 8);
            var schedule = schedules.createSchedule(scheduleId, io.temporal.client.schedules.Schedule.newBuilder()
                    .setAction(io.temporal.client.schedules.ScheduleActionStartWorkflow.newBuilder()
                            .setWorkflowType(Child.class).setArguments(2)
                            .setOptions(WorkflowOptions.newBuilder().setWorkflowId(scheduleId + "-wf")
                                    .setTaskQueue(taskQueue).build()).build())
                    .setSpec(io.temporal.client.schedules.ScheduleSpec.newBuilder().setIntervals(List.of(
                            new io.temporal.client.schedules.ScheduleIntervalSpec(Duration.ofSeconds(1)))).build())
                    .build(), io.temporal.client.schedules.ScheduleOptions.newBuilder().build());
            Poll.until(Duration.ofSeconds(60), () -> CHILD_STEPS.get() >= 10, "some children finished");
            long cronRunsBefore = completedRuns(client, cronId);
            long actionsBefore = schedule.describe().getInfo().getNumActions();

            // when the data plane is killed and restarted
            dataPlane.kill();
            assertThat(CHILD_STEPS.get()).as("children done at the crash").isLessThan(PARENTS);
            dataPlane = DataPlaneProcess.start(settings);

            // then the cron workflow and the schedule go on where they were
            Poll.until(Duration.ofSeconds(60), () -> completedRuns(client, cronId) >= cronRunsBefore + 2,
                    "cron runs after the restart");
            Poll.until(Duration.ofSeconds(60), () -> schedule.describe().getInfo().getNumActions() >= actionsBefore + 2,
                    "schedule actions after the restart");
            schedule.delete();
            client.newUntypedWorkflowStub(cronId).terminate("test done");

            // and every parent gets its child's result, and each parent history records the child exactly once
            for (Map.Entry<String, Integer> p : parents.entrySet()) {
                String result = client.newUntypedWorkflowStub(p.getKey()).getResult(120, TimeUnit.SECONDS, String.class);
                int n = p.getValue();
                assertThat(result).isEqualTo("parent-" + n + "=" + (n * n));
                List<HistoryEvent> events = client.fetchHistory(p.getKey()).getEvents();
                Histories.assertWellFormed(p.getKey(), events, EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
                assertThat(Histories.count(events, EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)).isEqualTo(1);
                assertThat(Histories.count(events, EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)).isEqualTo(1);
                assertThat(Histories.count(events, EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED)).isEqualTo(1);
            }
        } catch (Throwable failure) {
            throw new AssertionError("Child crash recovery failed; data-plane log: " + log, failure);
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
}
