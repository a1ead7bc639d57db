package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.util.Durations;
import io.cadenza.approvals.ApprovalRequest;
import io.cadenza.approvals.ApprovalResult;
import io.cadenza.approvals.Approvals;
import io.cadenza.dataplane.functional.support.GateWorkflow;
import io.cadenza.dataplane.functional.support.GateWorkflowImpl;
import io.cadenza.dataplane.functional.support.TextActivities;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.retention.NamespacePurger;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.DeleteNamespaceRequest;
import io.temporal.api.operatorservice.v1.DeleteNamespaceResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * OperatorService DeleteNamespace: the namespace disappears for every RPC at once, its work stops (runs terminated,
 * schedules deleted) and its data is purged in the background; other namespaces are untouched; the name can be
 * registered again after the purge.
 */
@QuarkusTest
public class DeleteNamespaceTest extends SdkTestSupport {

    /** Every table that holds namespace data, counted for one namespace id ($1). */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("executions", "SELECT count(*) FROM executions WHERE namespace_id = $1");
        TABLES.put("current_executions", "SELECT count(*) FROM current_executions WHERE namespace_id = $1");
        TABLES.put("history_events", "SELECT count(*) FROM history_events WHERE namespace_id = $1");
        TABLES.put("schedules", "SELECT count(*) FROM schedules WHERE namespace_id = $1");
        TABLES.put("inbox_tasks", "SELECT count(*) FROM inbox_tasks WHERE namespace_id = $1");
        TABLES.put("inbox_task_events", "SELECT count(*) FROM inbox_task_events e JOIN inbox_tasks t "
                + "ON t.task_id = e.task_id WHERE t.namespace_id = $1");
        TABLES.put("namespaces", "SELECT count(*) FROM namespaces WHERE id = $1");
    }

    @Inject
    Pool pool;

    @Inject
    NamespacePurger purger;

    @Inject
    NamespaceRegistry registry;

    /** Waits on a timer, a pending activity (no worker polls its queue), a running child and a human approval. */
    @WorkflowInterface
    public interface BusyWorkflow {
        @WorkflowMethod
        String run();
    }

    public static class BusyWorkflowImpl implements BusyWorkflow {
        @Override
        public String run() {
            String id = Workflow.getInfo().getWorkflowId();
            GateWorkflow child = Workflow.newChildWorkflowStub(GateWorkflow.class,
                    ChildWorkflowOptions.newBuilder().setWorkflowId(id + "-child").build());
            Promise<String> childResult = Async.function(child::pass, "child");
            Workflow.getWorkflowExecution(child).get();
            TextActivities unpolled = Workflow.newActivityStub(TextActivities.class, ActivityOptions.newBuilder()
                    .setTaskQueue(id + "-unpolled").setStartToCloseTimeout(Duration.ofHours(1)).build());
            Promise<String> activity = Async.function(unpolled::upper, "never");
            Promise<ApprovalResult> approval = Approvals.newInstance().requestAsync(
                    ApprovalRequest.builder("approve before deletion").candidateGroups("managers").build());
            Workflow.sleep(Duration.ofHours(1));
            return childResult.get() + activity.get() + approval.get();
        }
    }

    @WorkflowInterface
    public interface NoopWorkflow {
        @WorkflowMethod
        String noop();
    }

    public static class NoopWorkflowImpl implements NoopWorkflow {
        @Override
        public String noop() {
            return "noop";
        }
    }

    @Test
    void deletedNamespaceIsGoneAtOnceItsWorkStopsItsDataIsPurgedAndItsNameCanBeRegisteredAgain() {
        // given a scratch namespace with a busy workflow (timer, activity, child, approval) and a schedule
        String name = "ns-del-" + UUID.randomUUID().toString().substring(0, 8);
        rawStub().registerNamespace(RegisterNamespaceRequest.newBuilder().setNamespace(name)
                .setWorkflowExecutionRetentionPeriod(Durations.fromDays(1)).build());
        String namespaceId = rawStub().describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(name)
                .build()).getNamespaceInfo().getId();
        WorkflowClient nsClient = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(name).build());
        WorkerFactory nsFactory = WorkerFactory.newInstance(nsClient);
        // and, in the default namespace, a workflow waiting for a signal
        newWorker().registerWorkflowImplementationTypes(GateWorkflowImpl.class);
        startWorkers();
        GateWorkflow bystander = newWorkflow(GateWorkflow.class);
        WorkflowExecution bystanderRun = WorkflowClient.start(bystander::pass, "bystander");
        try {
            var worker = nsFactory.newWorker(taskQueue);
            worker.registerWorkflowImplementationTypes(BusyWorkflowImpl.class, GateWorkflowImpl.class,
                    NoopWorkflowImpl.class);
            nsFactory.start();
            String workflowId = uniqueId("busy");
            BusyWorkflow busy = nsClient.newWorkflowStub(BusyWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId).build());
            WorkflowClient.start(busy::run);
            ScheduleClient.newInstance(service, ScheduleClientOptions.newBuilder().setNamespace(name).build())
                    .createSchedule(uniqueId("sched"), Schedule.newBuilder()
                            .setAction(ScheduleActionStartWorkflow.newBuilder().setWorkflowType(NoopWorkflow.class)
                                    .setOptions(WorkflowOptions.newBuilder().setWorkflowId(uniqueId("tick"))
                                            .setTaskQueue(taskQueue).build())
                                    .build())
                            .setSpec(ScheduleSpec.newBuilder()
                                    .setIntervals(List.of(new ScheduleIntervalSpec(Duration.ofHours(1)))).build())
                            .build(), ScheduleOptions.newBuilder().build());
            Poll.until(Duration.ofSeconds(30), () -> {
                var events = nsClient.fetchHistory(workflowId).getEvents().stream().map(e -> e.getEventType())
                        .toList();
                return events.contains(EventType.EVENT_TYPE_TIMER_STARTED)
                        && events.contains(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)
                        && events.contains(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
            }, "the busy workflow to start its timer, child and activity");
            assertThat(count(TABLES.get("inbox_tasks"), namespaceId)).isEqualTo(1);
            assertThat(count(TABLES.get("schedules"), namespaceId)).isEqualTo(1);

            // when the namespace is deleted
            DeleteNamespaceResponse deleted = operator().deleteNamespace(DeleteNamespaceRequest.newBuilder()
                    .setNamespace(name).build());

            // then it answers with the name, and the namespace is NOT_FOUND for every RPC right away
            assertThat(deleted.getDeletedNamespace()).isEqualTo(name);
            assertNamespaceNotFound(() -> rawStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                    .setNamespace(name).build()));
            assertNamespaceNotFound(() -> rawStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                    .setId(namespaceId).build()));
            assertNamespaceNotFound(() -> rawStub().startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder()
                    .setNamespace(name).setWorkflowId(uniqueId("late")).setRequestId(UUID.randomUUID().toString())
                    .setWorkflowType(WorkflowType.newBuilder().setName("NoopWorkflow"))
                    .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue)).build()));
            assertNamespaceNotFound(() -> rawStub().signalWorkflowExecution(SignalWorkflowExecutionRequest
                    .newBuilder().setNamespace(name).setSignalName("open")
                    .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId + "-child"))
                    .build()));
            assertNamespaceNotFound(() -> rawStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(name).build()));
            assertThat(rawStub().listNamespaces(ListNamespacesRequest.getDefaultInstance()).getNamespacesList())
                    .noneMatch(n -> n.getNamespaceInfo().getName().equals(name));
            // deleting it again while (or after) it is purged does not fail as a new deletion would
            try {
                assertThat(operator().deleteNamespace(DeleteNamespaceRequest.newBuilder().setNamespaceId(namespaceId)
                        .build()).getDeletedNamespace()).isEqualTo(name);
            } catch (StatusRuntimeException purgedAlready) {
                assertThat(purgedAlready.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                assertThat(purger.lastPurge(name)).isPresent();
            }

            // and its runs are terminated and every row of it is purged
            Poll.until(Duration.ofSeconds(60), () -> rows(namespaceId).values().stream().allMatch(n -> n == 0),
                    () -> "every row of " + name + " to be purged, left: " + rows(namespaceId));
            NamespacePurger.Summary summary = Poll.untilValue(Duration.ofSeconds(10),
                    () -> purger.lastPurge(name).orElse(null), "the purge summary");
            assertThat(summary.namespaceId()).isEqualTo(namespaceId);
            assertThat(summary.runsTerminated()).as("busy workflow and its child").isGreaterThanOrEqualTo(2);
            assertThat(summary.runsDeleted()).isGreaterThanOrEqualTo(2);
            assertThat(summary.schedulesDeleted()).isEqualTo(1);
        } finally {
            nsFactory.shutdownNow();
        }

        // the other namespace's workflow was not touched
        var described = describe(bystanderRun.getWorkflowId());
        assertThat(described.getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        bystander.open("still here");
        assertThat(client.newUntypedWorkflowStub(bystanderRun.getWorkflowId()).getResult(String.class))
                .isEqualTo("bystander:still here");

        // and the name can be registered again: a new, empty namespace
        rawStub().registerNamespace(RegisterNamespaceRequest.newBuilder().setNamespace(name)
                .setWorkflowExecutionRetentionPeriod(Durations.fromDays(1)).build());
        var again = rawStub().describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(name).build());
        assertThat(again.getNamespaceInfo().getId()).isNotEqualTo(namespaceId);
        assertThat(rawStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder().setNamespace(name)
                .build()).getExecutionsList()).isEmpty();
    }

    @Test
    void aPurgeInterruptedAfterTheMarkIsTakenUpAgainBySweeps() {
        // given a namespace with an open run that was marked deleted, but whose purge never ran (the cell died
        // right after the mark was durable; a restarted cell reloads it as deleting, see NamespaceRegistry.reload)
        String name = "ns-del-" + UUID.randomUUID().toString().substring(0, 8);
        rawStub().registerNamespace(RegisterNamespaceRequest.newBuilder().setNamespace(name)
                .setWorkflowExecutionRetentionPeriod(Durations.fromDays(1)).build());
        var ns = registry.byName(name);
        rawStub().startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(name).setWorkflowId(uniqueId("orphan")).setRequestId(UUID.randomUUID().toString())
                .setWorkflowType(WorkflowType.newBuilder().setName("NoopWorkflow"))
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue)).build());
        registry.markDeleted(ns).toCompletableFuture().join();
        assertNamespaceNotFound(() -> rawStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                .setNamespace(name).build()));
        assertThat(count(TABLES.get("executions"), ns.id())).isEqualTo(1);

        // when the sweep (periodic, and after start-up recovery) resumes deletions
        purger.resumeDeleted().join();

        // then the run was terminated and everything of the namespace is gone
        assertThat(rows(ns.id()).values()).containsOnly(0L);
        assertThat(purger.lastPurge(name)).hasValueSatisfying(s -> assertThat(s.runsTerminated()).isEqualTo(1));
        assertThat(registry.deleting()).noneMatch(d -> d.id().equals(ns.id()));
    }

    @Test
    void unknownNamespacesAndBadRequestsAreRefused() {
        StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class,
                () -> operator().deleteNamespace(DeleteNamespaceRequest.newBuilder()
                        .setNamespace("ns-never-registered").build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(unknown.getStatus().getDescription()).contains("ns-never-registered");

        StatusRuntimeException unknownId = catchThrowableOfType(StatusRuntimeException.class,
                () -> operator().deleteNamespace(DeleteNamespaceRequest.newBuilder()
                        .setNamespaceId(UUID.randomUUID().toString()).build()));
        assertThat(unknownId.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

        StatusRuntimeException none = catchThrowableOfType(StatusRuntimeException.class,
                () -> operator().deleteNamespace(DeleteNamespaceRequest.getDefaultInstance()));
        assertThat(none.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

        StatusRuntimeException both = catchThrowableOfType(StatusRuntimeException.class,
                () -> operator().deleteNamespace(DeleteNamespaceRequest.newBuilder().setNamespace(NAMESPACE)
                        .setNamespaceId("x").build()));
        assertThat(both.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    private OperatorServiceGrpc.OperatorServiceBlockingStub operator() {
        return OperatorServiceGrpc.newBlockingStub(service.getRawChannel());
    }

    private static void assertNamespaceNotFound(Runnable call) {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(error).as("NOT_FOUND expected").isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(error.getStatus().getDescription()).contains("Namespace");
    }

    private Map<String, Long> rows(String namespaceId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.forEach((table, sql) -> counts.put(table, count(sql, namespaceId)));
        return counts;
    }

    private long count(String sql, String namespaceId) {
        return pool.preparedQuery(sql).execute(Tuple.of(namespaceId)).toCompletionStage().toCompletableFuture()
                .join().iterator().next().getLong(0);
    }
}
