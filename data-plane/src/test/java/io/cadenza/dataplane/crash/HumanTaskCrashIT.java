package io.cadenza.dataplane.crash;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.human.ExpenseWorkflows;
import io.cadenza.dataplane.testing.Inbox;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.cadenza.devstack.DataPlaneProcess;
import io.cadenza.devstack.PostgresServer;
import io.restassured.path.json.JsonPath;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs the data plane while human tasks wait in the inbox, one of them claimed and due while the cell is down,
 * and checks after restart: tasks and claims are intact, the missed due date still escalates (exactly once), and
 * completing then continues the workflow exactly once.
 */
class HumanTaskCrashIT {

    static final String DATABASE = "cadenza_human_crash";

    @TempDir Path tempDir;

    @Test
    void inboxTasksAndEscalationsSurviveACrash() throws Exception {
        Path log = Path.of("target", "crash-recovery", "human-" + UUID.randomUUID(), "data-plane.log")
                .toAbsolutePath();
        PostgresServer postgres = PostgresServer.start(tempDir.resolve("pg"), 0);
        DataPlaneProcess dataPlane = null;
        WorkflowServiceStubs service = null;
        WorkerFactory factory = null;
        try {
            postgres.createDatabaseIfMissing(DATABASE);
            int grpcPort = CrashRecoveryIT.freePortPair();
            DataPlaneProcess.Settings settings = new DataPlaneProcess.Settings(CrashRecoveryIT.dataPlaneJar(),
                    grpcPort, "human-crash-cell", postgres.jdbcUrl(DATABASE), postgres.reactiveUrl(DATABASE),
                    postgres.username(), postgres.password(), log, Map.of());
            String http = "http://127.0.0.1:" + (grpcPort + 1);
            Inbox bob = Inbox.as("bob", "managers", "write").at(http);
            Inbox frank = Inbox.as("frank", "finance", "write").at(http);

            // given two expenses waiting for managers: one claimed by bob, one due in 20 seconds (-> finance; long
            // enough that a loaded machine reaches the check below before it is due)
            dataPlane = DataPlaneProcess.start(settings);
            service = SdkTestSupport.newServiceStubs("127.0.0.1:" + grpcPort);
            WorkflowClient client = SdkTestSupport.newClient(service);
            String taskQueue = "human-crash-" + UUID.randomUUID();
            factory = WorkerFactory.newInstance(client);
            Worker worker = factory.newWorker(taskQueue);
            worker.registerWorkflowImplementationTypes(ExpenseWorkflows.ExpenseWorkflowImpl.class);
            worker.registerActivitiesImplementations(new ExpenseWorkflows.RecordingLedger());
            factory.start();
            WorkflowStub claimed = start(client, taskQueue, "claimed-" + UUID.randomUUID(),
                    new ExpenseWorkflows.Expense("c1", 500, 600, 0));
            WorkflowStub due = start(client, taskQueue, "due-" + UUID.randomUUID(),
                    new ExpenseWorkflows.Expense("c2", 800, 600, 20));
            String claimedTask = bob.awaitTask(claimed.getExecution().getWorkflowId());
            String dueTask = bob.awaitTask(due.getExecution().getWorkflowId());
            bob.claim(claimedTask).then().statusCode(200);
            frank.get(dueTask).then().statusCode(404);
            java.time.Instant dueAt = java.time.Instant.parse(bob.get(dueTask).jsonPath().getString("dueAt"));

            // when the cell is killed and stays down past the due date
            dataPlane.kill();
            assertThat(dataPlane.isAlive()).isFalse();
            // the due date must pass while nothing runs (there is nothing to poll: wait for the clock itself)
            long untilDue = java.time.Duration.between(java.time.Instant.now(), dueAt).toMillis() + 1_000;
            if (untilDue > 0) {
                Thread.sleep(untilDue);
            }
            dataPlane = DataPlaneProcess.start(settings);

            // then the claim survived, and the missed due date escalates to finance once
            Poll.until(Duration.ofSeconds(60), () -> frank.get(dueTask).statusCode() == 200,
                    "escalation after restart");
            JsonPath escalated = frank.get(dueTask).jsonPath();
            assertThat(escalated.getBoolean("overdue")).isTrue();
            assertThat(escalated.getList("audit.action", String.class).stream().filter("escalated"::equals))
                    .hasSize(1);
            JsonPath stillClaimed = bob.get(claimedTask).jsonPath();
            assertThat(stillClaimed.getString("state")).isEqualTo("claimed");
            assertThat(stillClaimed.getString("assignee")).isEqualTo("bob");

            // and completing both continues each workflow exactly once
            bob.complete(claimedTask, "approve", "", Map.of("approvedAmount", 500)).then().statusCode(200);
            frank.complete(dueTask, "reject", "late", Map.of("approvedAmount", 0)).then().statusCode(200);
            assertThat(claimed.getResult(60, TimeUnit.SECONDS, String.class)).isEqualTo("paid:bob:500");
            assertThat(due.getResult(60, TimeUnit.SECONDS, String.class)).isEqualTo("rejected:frank:late");
            for (WorkflowStub run : List.of(claimed, due)) {
                long approvals = client.fetchHistory(run.getExecution().getWorkflowId()).getEvents().stream()
                        .filter(e -> e.getEventType() == EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
                        .filter(e -> !e.getActivityTaskCompletedEventAttributes().getIdentity().isEmpty()
                                && List.of("bob", "frank").contains(
                                e.getActivityTaskCompletedEventAttributes().getIdentity()))
                        .count();
                assertThat(approvals).as("approval completions of %s", run.getExecution().getWorkflowId())
                        .isEqualTo(1);
            }
        } catch (Throwable failure) {
            throw new AssertionError("Human task crash recovery failed; data-plane log: " + log, failure);
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

    private static WorkflowStub start(WorkflowClient client, String taskQueue, String workflowId,
                                      ExpenseWorkflows.Expense expense) {
        var wf = client.newWorkflowStub(ExpenseWorkflows.ExpenseWorkflow.class,
                io.temporal.client.WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId)
                        .build());
        WorkflowClient.start(wf::submit, expense);
        return WorkflowStub.fromTyped(wf);
    }
}
