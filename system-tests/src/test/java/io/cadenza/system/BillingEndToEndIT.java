package io.cadenza.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.devstack.CadenzaTopology;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Billing end to end (issue 14): a workload with a known mix runs through the gateway with the Temporal Java SDK;
 * the cells meter it into their usage outbox, relay it over the real Kafka broker, and the billing service ingests
 * it. The actions billing reports per kind must equal a count made independently from the runs' histories by the
 * definition in billing/README.md — and stay equal after the broker is killed and restarted (a relay that
 * re-publishes must not double-count).
 */
class BillingEndToEndIT {

    private final CadenzaTopology stack = SystemStack.get();

    @WorkflowInterface
    public interface Metered {
        @WorkflowMethod
        String run(int round);

        @SignalMethod
        void poke(String note);

        @QueryMethod
        int pokes();

        @UpdateMethod
        int bump(int by);

        @UpdateValidatorMethod(updateName = "bump")
        void validateBump(int by);
    }

    @WorkflowInterface
    public interface MeteredChild {
        @WorkflowMethod
        String work(String what);
    }

    @ActivityInterface
    public interface Chores {
        String chore(String what);

        /** Fails its first attempt, so it is started twice. */
        String flaky(String what);
    }

    static final SearchAttributeKey<String> CUSTOMER = SearchAttributeKey.forKeyword("CustomerId");

    static final ActivityOptions CHORE_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(20))
            .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(200))
                    .setMaximumAttempts(5).build())
            .build();

    public static class MeteredImpl implements Metered {
        private final Chores chores = Workflow.newActivityStub(Chores.class, CHORE_OPTIONS);
        private int pokes;
        private int bumps;

        @Override
        public String run(int round) {
            if (round == 2) {
                // the crash workload: a timer and an activity, in flight when the cell is killed
                Workflow.sleep(Duration.ofSeconds(2));
                return chores.chore("after the crash");
            }
            if (round > 0) {
                return chores.chore("round " + round);
            }
            String flaky = chores.flaky("first");
            Workflow.sleep(Duration.ofMillis(300));
            Workflow.upsertTypedSearchAttributes(CUSTOMER.valueSet("cust-7"));
            String child = Workflow.newChildWorkflowStub(MeteredChild.class).work("child");
            Workflow.await(() -> pokes >= 1 && bumps >= 1);
            Workflow.continueAsNew(1);
            return flaky + child;
        }

        @Override
        public void poke(String note) {
            pokes++;
        }

        @Override
        public int pokes() {
            return pokes;
        }

        @Override
        public int bump(int by) {
            bumps += by;
            return bumps;
        }

        @Override
        public void validateBump(int by) {
            if (by <= 0) {
                throw new IllegalArgumentException("a bump is positive");
            }
        }
    }

    public static class MeteredChildImpl implements MeteredChild {
        private final Chores chores = Workflow.newActivityStub(Chores.class, CHORE_OPTIONS);

        @Override
        public String work(String what) {
            return chores.chore(what);
        }
    }

    public static class ChoresImpl implements Chores {
        @Override
        public String chore(String what) {
            return "done " + what;
        }

        @Override
        public String flaky(String what) {
            if (Activity.getExecutionContext().getInfo().getAttempt() == 1) {
                throw new IllegalStateException("first attempt fails on purpose");
            }
            return "flaky " + what;
        }
    }

    @Test
    void billedActionsEqualTheCountFromTheHistoriesAndSurviveABrokerCrash() throws Exception {
        // given an account with a namespace (with a search attribute) and an API key
        Tenant tenant = Tenant.signUp(stack, "metered");
        Map<String, Object> created = createNamespace(tenant);
        String namespace = (String) created.get("id");
        String cell = (String) created.get("cellId");
        String key = (String) tenant.createApiKey("metered worker", Instant.now().plus(1, ChronoUnit.DAYS))
                .get("token");
        String taskQueue = "metered-" + tenant.accountId;
        WorkflowServiceStubs stubs = Sdk.stubs(stack.gatewayGrpcTarget(), key);
        WorkflowClient client = Sdk.client(stubs, namespace);
        WorkerFactory factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker(taskQueue);
        worker.registerWorkflowImplementationTypes(MeteredImpl.class, MeteredChildImpl.class,
                io.cadenza.system.ui.ExpenseWorkflowImpl.class);
        worker.registerActivitiesImplementations(new ChoresImpl());
        factory.start();
        List<String> workflowIds = new ArrayList<>();
        int queriesAnswered = 0;
        int rejectedUpdates = 0;
        try {
            // when a known mix runs: activities (one retried), a timer, an upsert, a child, a query, a signal, an
            // accepted and a rejected update, continue-as-new, a signal-with-start, a schedule triggered once, a
            // standalone activity and an approval
            String mainId = "metered-main-" + tenant.accountId;
            Metered main = client.newWorkflowStub(Metered.class, WorkflowOptions.newBuilder()
                    .setTaskQueue(taskQueue).setWorkflowId(mainId).build());
            WorkflowClient.start(main::run, 0);
            workflowIds.add(mainId);
            assertThat(main.pokes()).isZero();
            queriesAnswered++;
            main.poke("hello");
            assertThat(catchUpdate(() -> main.bump(-1))).isInstanceOf(WorkflowUpdateException.class);
            rejectedUpdates++;
            assertThat(main.bump(2)).isEqualTo(2);
            assertThat(WorkflowStub.fromTyped(main).getResult(60, TimeUnit.SECONDS, String.class))
                    .isEqualTo("done round 1");

            String swsId = "metered-sws-" + tenant.accountId;
            Metered sws = client.newWorkflowStub(Metered.class, WorkflowOptions.newBuilder()
                    .setTaskQueue(taskQueue).setWorkflowId(swsId).build());
            BatchRequest batch = client.newSignalWithStartRequest();
            batch.add(sws::run, 1);
            batch.add(sws::poke, "with start");
            client.signalWithStart(batch);
            workflowIds.add(swsId);
            assertThat(WorkflowStub.fromTyped(sws).getResult(60, TimeUnit.SECONDS, String.class))
                    .isEqualTo("done round 1");

            ScheduleClient schedules = ScheduleClient.newInstance(stubs, ScheduleClientOptions.newBuilder()
                    .setNamespace(namespace).build());
            String scheduleId = "metered-schedule-" + tenant.accountId;
            ScheduleHandle schedule = schedules.createSchedule(scheduleId, Schedule.newBuilder()
                    .setAction(ScheduleActionStartWorkflow.newBuilder().setWorkflowType(Metered.class)
                            .setArguments(1)
                            .setOptions(WorkflowOptions.newBuilder().setWorkflowId("metered-scheduled-"
                                    + tenant.accountId).setTaskQueue(taskQueue).build())
                            .build())
                    .setSpec(ScheduleSpec.newBuilder().build()).build(), ScheduleOptions.newBuilder().build());
            schedule.trigger();
            String scheduledRun = Poll.until("the schedule's run", Duration.ofSeconds(30), () -> {
                var actions = schedule.describe().getInfo().getRecentActions();
                return actions.isEmpty() ? null
                        : ((io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow)
                        actions.get(0).getAction()).getWorkflowId();
            });
            workflowIds.add(scheduledRun);
            assertThat(client.newUntypedWorkflowStub(scheduledRun).getResult(60, TimeUnit.SECONDS, String.class))
                    .isEqualTo("done round 1");
            schedule.delete();

            // a standalone activity (no workflow) that fails its first attempt: a start and a retry
            io.temporal.client.ActivityClient activities = io.temporal.client.ActivityClient.newInstance(stubs,
                    io.temporal.client.ActivityClientOptions.newBuilder().setNamespace(namespace).build());
            assertThat(activities.execute(Chores.class, Chores::flaky,
                    io.temporal.client.StartActivityOptions.newBuilder().setId("metered-standalone-"
                                    + tenant.accountId).setTaskQueue(taskQueue)
                            .setScheduleToCloseTimeout(Duration.ofSeconds(60))
                            .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(200))
                                    .build()).build(), "standalone")).isEqualTo("flaky standalone");
            int standaloneActivityStarts = 2;

            // an approval: a person in the inbox approves the workflow's request (an activity, billed as one)
            String approver = "approver@" + tenant.accountName + ".example";
            tenant.api().body(Map.of("email", approver, "accountRole", "developer", "password", Tenant.PASSWORD,
                    "groups", List.of("managers"), "namespaceAccesses", Map.of(namespace, "write")))
                    .post("/api/v1/users").then().statusCode(201);
            String approverToken = Tenant.passwordToken(stack, approver, Tenant.PASSWORD);
            String expenseId = "metered-expense-" + tenant.accountId;
            java.util.concurrent.CompletableFuture<String> expense = WorkflowClient.execute(client.newWorkflowStub(
                    io.cadenza.system.ui.ExpenseWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(taskQueue)
                            .setWorkflowId(expenseId).build())::run,
                    Map.<String, Object>of("employee", "sam", "amount", 420, "reason", "travel"));
            workflowIds.add(expenseId);
            String tasks = "/api/v1/namespaces/" + namespace + "/tasks";
            Object taskId = Poll.until("the approval task", Duration.ofSeconds(30), () -> {
                Response r = io.restassured.RestAssured.given().baseUri(stack.gatewayHttpUrl())
                        .header("Authorization", "Bearer " + approverToken).get(tasks);
                List<Map<String, Object>> open = r.jsonPath().getList("tasks");
                return open == null ? null : open.stream().filter(t -> expenseId.equals(t.get("workflowId")))
                        .map(t -> t.get("id")).findFirst().orElse(null);
            });
            io.restassured.RestAssured.given().baseUri(stack.gatewayHttpUrl())
                    .contentType(io.restassured.http.ContentType.JSON)
                    .header("Authorization", "Bearer " + approverToken).body(Map.of("outcome", "approve"))
                    .post(tasks + "/" + taskId + "/complete").then().statusCode(200);
            assertThat(expense.get(30, TimeUnit.SECONDS)).isEqualTo("decision: approve by " + approver);

            // then billing's actions per kind equal the independent count from every run's history
            Map<String, Long> expected = expectedActions(client, namespace, workflowIds, swsId, queriesAnswered,
                    rejectedUpdates, 1, standaloneActivityStarts);
            awaitBilled(tenant, namespace, expected, "after the workload");

            // when the broker is killed and restarted, and more usage flows afterwards
            stack.restartKafka(true);
            // a query of the id's closed last run (the continued one, which was never poked), answered by the worker
            assertThat(main.pokes()).isZero();
            queriesAnswered++;
            Map<String, Long> afterCrash = expectedActions(client, namespace, workflowIds, swsId, queriesAnswered,
                    rejectedUpdates, 1, standaloneActivityStarts);

            // then every action is billed exactly once: nothing lost across the outage, nothing counted twice
            awaitBilled(tenant, namespace, afterCrash, "after a broker crash");

            // when the namespace's cell is SIGKILLed with runs in flight, and then the billing service too
            List<WorkflowStub> inFlight = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = "metered-crash-" + i + "-" + tenant.accountId;
                Metered run = client.newWorkflowStub(Metered.class, WorkflowOptions.newBuilder()
                        .setTaskQueue(taskQueue).setWorkflowId(id).build());
                WorkflowClient.start(run::run, 2);
                inFlight.add(WorkflowStub.fromTyped(run));
                workflowIds.add(id);
            }
            stack.crashAndRestart(cell);
            stack.crashAndRestart("billing");

            // then every run completes, and every action is still billed exactly once
            for (WorkflowStub run : inFlight) {
                assertThat(run.getResult(120, TimeUnit.SECONDS, String.class)).isEqualTo("done after the crash");
            }
            Map<String, Long> afterKills = expectedActions(client, namespace, workflowIds, swsId, queriesAnswered,
                    rejectedUpdates, 1, standaloneActivityStarts);
            awaitBilled(tenant, namespace, afterKills, "after a cell and the billing service were SIGKILLed");
        } finally {
            factory.shutdownNow();
            factory.awaitTermination(10, TimeUnit.SECONDS);
            stubs.shutdownNow();
        }
    }

    private static Throwable catchUpdate(Runnable update) {
        try {
            update.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private Map<String, Object> createNamespace(Tenant tenant) {
        Response created = tenant.api().body(Map.of("name", "metered", "retentionDays", 7,
                "searchAttributes", Map.of("CustomerId", "Keyword"))).post("/api/v1/namespaces");
        assertThat(created.statusCode() / 100).as(created.asString()).isEqualTo(2);
        String id = created.jsonPath().getString("id");
        return Poll.until("namespace " + id + " active", Duration.ofSeconds(60), () -> {
            Response r = tenant.api().get("/api/v1/namespaces/" + id);
            return "active".equals(r.jsonPath().getString("state")) ? r.jsonPath().getMap("") : null;
        });
    }

    /** Waits until billing reports exactly {@code expected}; on timeout, fails with the difference. */
    private static void awaitBilled(Tenant tenant, String namespace, Map<String, Long> expected, String when) {
        try {
            Poll.until("billing to report " + expected + " " + when, Duration.ofSeconds(120), () ->
                    billedActions(tenant, namespace).equals(expected) ? true : null);
        } catch (AssertionError timedOut) {
            assertThat(billedActions(tenant, namespace)).as("actions billed " + when).isEqualTo(expected);
        }
    }

    /** What billing reports for the namespace this month, actions per kind. */
    private static Map<String, Long> billedActions(Tenant tenant, String namespace) {
        Instant now = Instant.now();
        Response r = tenant.api().queryParam("start", now.minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS)
                        .toString())
                .queryParam("end", now.plus(1, ChronoUnit.HOURS).toString())
                .queryParam("granularity", "DAILY").queryParam("groupBy", "namespace,kind")
                .get("/api/v1/usage");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        Map<String, Long> byKind = new TreeMap<>();
        JsonPath json = r.jsonPath();
        List<Map<String, Object>> summaries = json.getList("summaries");
        for (Map<String, Object> summary : summaries) {
            for (Map<String, Object> group : (List<Map<String, Object>>) summary.get("recordGroups")) {
                Map<String, String> by = new TreeMap<>();
                for (Map<String, Object> g : (List<Map<String, Object>>) group.get("groupBys")) {
                    by.put((String) g.get("key"), (String) g.get("value"));
                }
                if (!namespace.equals(by.get("namespace"))) {
                    continue;
                }
                for (Map<String, Object> record : (List<Map<String, Object>>) group.get("records")) {
                    if ("ACTIONS".equals(record.get("type"))) {
                        byKind.merge(by.get("kind"), ((Number) record.get("value")).longValue(), Long::sum);
                    }
                }
            }
        }
        return byKind;
    }

    /**
     * The actions of the runs, counted from their histories by billing/README.md's definition, independently of the
     * data plane's metering code. Runs are followed through continue-as-new and into children.
     */
    static Map<String, Long> expectedActions(WorkflowClient client, String namespace, List<String> workflowIds,
                                             String signalWithStartId, int queries, int rejectedUpdates,
                                             int scheduleActions, int standaloneActivityStarts) {
        Map<String, Long> count = new TreeMap<>();
        List<WorkflowExecution> runs = new ArrayList<>();
        for (String id : workflowIds) {
            runs.addAll(chain(client, namespace, id));
        }
        for (int i = 0; i < runs.size(); i++) {
            WorkflowExecution run = runs.get(i);
            List<HistoryEvent> events = client.fetchHistory(run.getWorkflowId(), run.getRunId()).getEvents();
            Map<Long, Integer> attempts = new TreeMap<>();
            boolean signalWithStart = run.getWorkflowId().equals(signalWithStartId)
                    && events.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId()
                    .isEmpty();
            for (HistoryEvent e : events) {
                EventType t = e.getEventType();
                switch (t) {
                    case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> add(count, "workflow.started", 1);
                    case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> add(count, "workflow.started", 1);
                    case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> runs.add(
                            e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution());
                    case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> attempts.put(e.getEventId(), 1);
                    case EVENT_TYPE_ACTIVITY_TASK_STARTED -> attempts.put(
                            e.getActivityTaskStartedEventAttributes().getScheduledEventId(),
                            Math.max(1, e.getActivityTaskStartedEventAttributes().getAttempt()));
                    case EVENT_TYPE_TIMER_STARTED -> add(count, "timer.started", 1);
                    case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
                        // signal-with-start counts once in all: its start above
                        if (!signalWithStart) {
                            add(count, "signal", 1);
                        }
                        signalWithStart = false;
                    }
                    case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> add(count, "update", 1);
                    case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> add(count, "search-attributes.upserted", 1);
                    default -> {
                    }
                }
            }
            attempts.values().forEach(a -> add(count, "activity.started", a));
        }
        add(count, "query", queries);
        add(count, "activity.started", standaloneActivityStarts);
        add(count, "update", rejectedUpdates);
        add(count, "schedule.created", 1);
        add(count, "schedule.updated", 1); // the trigger is a PatchSchedule: a change of the schedule
        add(count, "schedule.deleted", 1);
        add(count, "schedule.action", 2L * scheduleActions);
        count.values().removeIf(v -> v == 0);
        return count;
    }

    /** A workflow id's runs, first to last, following continue-as-new back from its current run. */
    private static List<WorkflowExecution> chain(WorkflowClient client, String namespace, String workflowId) {
        String runId = client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(namespace).setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build()).getWorkflowExecutionInfo().getExecution().getRunId();
        List<WorkflowExecution> runs = new ArrayList<>();
        while (runId != null && !runId.isEmpty()) {
            runs.add(0, WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build());
            runId = client.fetchHistory(workflowId, runId).getEvents().get(0)
                    .getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
        }
        return runs;
    }

    private static void add(Map<String, Long> count, String kind, long n) {
        count.merge(kind, n, Long::sum);
    }
}
