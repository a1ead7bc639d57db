package io.cadenza.dataplane.human;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.cadenza.dataplane.human.ExpenseWorkflows.Expense;
import io.cadenza.dataplane.human.ExpenseWorkflows.ExpenseWorkflow;
import io.cadenza.dataplane.testing.Inbox;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Human approvals end to end: SDK workflows with the approvals helper, people acting through the inbox API. */
@QuarkusTest
public class HumanApprovalTest extends SdkTestSupport {

    static final Inbox BOB = Inbox.as("bob", "managers", "write");
    static final Inbox CAROL = Inbox.as("carol", "managers,sales", "write");
    static final Inbox EVE = Inbox.as("eve", "sales", "write");
    static final Inbox FRANK = Inbox.as("frank", "finance", "write");
    static final Inbox READER = Inbox.as("rita", "managers", "read");
    static final Inbox ADMIN = Inbox.as("root", "", "admin");

    private final ExpenseWorkflows.RecordingLedger ledger = new ExpenseWorkflows.RecordingLedger();

    @BeforeEach
    void worker() {
        Worker worker = newWorker();
        worker.registerWorkflowImplementationTypes(ExpenseWorkflows.ExpenseWorkflowImpl.class,
                ExpenseWorkflows.InvalidRequestWorkflowImpl.class, ExpenseWorkflows.WithdrawingWorkflowImpl.class);
        worker.registerActivitiesImplementations(ledger);
        startWorkers();
    }

    private WorkflowStub submit(String workflowId, Expense expense) {
        ExpenseWorkflow wf = client.newWorkflowStub(ExpenseWorkflow.class,
                workflowOptions().setWorkflowId(workflowId).build());
        WorkflowClient.start(wf::submit, expense);
        return WorkflowStub.fromTyped(wf);
    }

    @Test
    void smallExpensesAreAutoApproved() throws Exception {
        String result = newWorkflow(ExpenseWorkflow.class).submit(new Expense("e-small", 50, 60, 0));
        assertThat(result).isEqualTo("paid:auto");
    }

    @Test
    void aManagerClaimsAndApprovesAndTheHistoryShowsWho() throws Exception {
        // given an expense waiting for a manager
        String workflowId = uniqueId("expense");
        WorkflowStub run = submit(workflowId, new Expense("e1", 500, 600, 0));
        String taskId = BOB.awaitTask(workflowId);

        // then only candidates (and admins) see it
        BOB.get(taskId).then().statusCode(200).body("title", equalTo("Expense e1"))
                .body("state", equalTo("open")).body("workflowType", equalTo("ExpenseWorkflow"))
                .body("candidateGroups", hasItem("managers")).body("data.amount", equalTo(500))
                .body("outcomes", hasItems("approve", "reject")).body("priority", equalTo(2));
        EVE.get(taskId).then().statusCode(404).contentType("application/problem+json");
        BOB.inNamespace("elsewhere").get(taskId).then().statusCode(404);
        ADMIN.list(Map.of("scope", "all", "pageSize", 500)).then().statusCode(200)
                .body("tasks.id", hasItem(taskId));
        EVE.list(Map.of("scope", "all")).then().statusCode(403);
        READER.get(taskId).then().statusCode(200);
        READER.claim(taskId).then().statusCode(403);

        // when bob claims, comments and approves
        BOB.claim(taskId).then().statusCode(200).body("state", equalTo("claimed")).body("assignee", equalTo("bob"));
        CAROL.claim(taskId).then().statusCode(409).body("detail", containsString("claimed by bob"));
        BOB.post(taskId, "comments", Map.of("text", "checking receipts")).then().statusCode(200);
        BOB.complete(taskId, "approve", "fine", Map.of("approvedAmount", "450.00", "costCenter", "R&D"))
                .then().statusCode(200).body("state", equalTo("completed")).body("completedBy", equalTo("bob"))
                .body("result.outcome", equalTo("approve"))
                .body("audit.action", equalTo(List.of("created", "claimed", "commented", "completed")));

        // then the workflow pays and the history names the approver
        assertThat(run.getResult(20, TimeUnit.SECONDS, String.class)).isEqualTo("paid:bob:450.00");
        assertThat(ledger.calls).contains("pay:e1:450.00");
        HistoryEvent started = historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_STARTED).stream()
                .filter(e -> e.getActivityTaskStartedEventAttributes().getIdentity().equals("bob")).findFirst()
                .orElseThrow();
        assertThat(started).isNotNull();
        assertThat(historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_COMPLETED))
                .anyMatch(e -> e.getActivityTaskCompletedEventAttributes().getIdentity().equals("bob"));
        // and completing again is a conflict with the reason
        CAROL.complete(taskId, "reject", "", Map.of("approvedAmount", 1)).then().statusCode(409)
                .body("detail", containsString("already completed by bob"));
    }

    @Test
    void aClaimIsReleasedOrDelegatedOnlyByItsHolderOrAnAdmin() throws Exception {
        // given an expense claimed by bob
        String workflowId = uniqueId("expense");
        WorkflowStub run = submit(workflowId, new Expense("e-delegated", 700, 600, 0));
        String taskId = BOB.awaitTask(workflowId);
        BOB.claim(taskId).then().statusCode(200).body("assignee", equalTo("bob"));

        // then another candidate can neither release nor take over bob's claim
        CAROL.post(taskId, "unclaim", null).then().statusCode(409).body("detail", containsString("claimed by bob"));
        CAROL.post(taskId, "assign", Map.of("assignee", "carol")).then().statusCode(409)
                .body("detail", containsString("claimed by bob"));

        // when bob releases it, it is open again and carol claims it
        BOB.post(taskId, "unclaim", null).then().statusCode(200).body("state", equalTo("open"))
                .body("assignee", nullValue());
        CAROL.claim(taskId).then().statusCode(200).body("assignee", equalTo("carol"));

        // when an admin delegates it to frank (not a candidate), frank sees it as his and completes it
        ADMIN.post(taskId, "assign", Map.of()).then().statusCode(400).body("errors[0].field", equalTo("assignee"));
        ADMIN.post(taskId, "assign", Map.of("assignee", "frank")).then().statusCode(200)
                .body("state", equalTo("claimed")).body("assignee", equalTo("frank"));
        FRANK.list(Map.of("scope", "mine")).then().statusCode(200).body("tasks.id", hasItem(taskId));
        CAROL.complete(taskId, "approve", "", Map.of("approvedAmount", 700)).then().statusCode(409);
        FRANK.complete(taskId, "approve", "", Map.of("approvedAmount", "700.00")).then().statusCode(200)
                .body("completedBy", equalTo("frank"))
                .body("audit.action", equalTo(List.of("created", "claimed", "unclaimed", "claimed", "assigned",
                        "completed")));
        assertThat(run.getResult(20, TimeUnit.SECONDS, String.class)).isEqualTo("paid:frank:700.00");
    }

    @Test
    void theListFiltersByTextTypeAndPriorityAndPagesWithoutOverlap() throws Exception {
        // given three open expenses whose titles share a unique marker
        String marker = uniqueId("flt");
        List<String> workflowIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String workflowId = marker + "-" + i;
            submit(workflowId, new Expense(marker + "-e" + i, 300 + i, 600, 0));
            BOB.awaitTask(workflowId);
            workflowIds.add(workflowId);
        }

        // then text, workflow type and priority narrow the list
        BOB.list(Map.of("q", marker + "-e1")).then().statusCode(200)
                .body("tasks.workflowId", equalTo(List.of(workflowIds.get(1))));
        BOB.list(Map.of("q", marker, "workflowType", "ExpenseWorkflow", "priority", 2)).then().statusCode(200)
                .body("tasks", hasSize(3));
        BOB.list(Map.of("q", marker, "priority", 1)).then().statusCode(200).body("tasks", hasSize(0));
        BOB.list(Map.of("q", marker, "workflowType", "SomethingElse")).then().statusCode(200).body("tasks", hasSize(0));
        EVE.list(Map.of("q", marker)).then().statusCode(200).body("tasks", hasSize(0));

        // and pages of two follow each other without overlap
        io.restassured.path.json.JsonPath first = BOB.list(Map.of("q", marker, "pageSize", 2)).then().statusCode(200)
                .body("tasks", hasSize(2)).extract().jsonPath();
        String token = first.getString("nextPageToken");
        assertThat(token).isNotBlank();
        List<String> second = BOB.list(Map.of("q", marker, "pageSize", 2, "nextPageToken", token)).then()
                .statusCode(200).extract().jsonPath().getList("tasks.workflowId");
        List<String> seen = new ArrayList<>(first.getList("tasks.workflowId"));
        seen.addAll(second);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(workflowIds);

        // and bad parameters are named
        BOB.list(Map.of("pageSize", 0, "priority", 9, "dueBefore", "tomorrow", "nextPageToken", "not-ours"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("pageSize", "priority", "dueBefore", "nextPageToken"));
        BOB.list(Map.of("scope", "everything")).then().statusCode(400).body("errors[0].field", equalTo("scope"));
    }

    @Test
    void rejectionCompensatesTheReservation() throws Exception {
        String workflowId = uniqueId("expense");
        WorkflowStub run = submit(workflowId, new Expense("e2", 900, 600, 0));
        String taskId = CAROL.awaitTask(workflowId);

        CAROL.complete(taskId, "reject", "too expensive", Map.of("approvedAmount", 0)).then().statusCode(200);

        assertThat(run.getResult(20, TimeUnit.SECONDS, String.class)).isEqualTo("rejected:carol:too expensive");
        assertThat(ledger.calls).containsSubsequence("reserve:e2", "release:e2").noneMatch(c -> c.startsWith("pay:e2"));
    }

    @Test
    void decisionsAreValidatedAgainstTheForm() throws Exception {
        String workflowId = uniqueId("expense");
        submit(workflowId, new Expense("e3", 300, 600, 0));
        String taskId = BOB.awaitTask(workflowId);

        BOB.complete(taskId, "maybe", "", Map.of("approvedAmount", "abc", "costCenter", "Marketing", "x", 1))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("outcome", "formValues.approvedAmount", "formValues.costCenter",
                        "formValues.x"));
        BOB.post(taskId, "complete", Map.of("outcome", "approve")).then().statusCode(400)
                .body("errors[0].field", equalTo("formValues.approvedAmount"))
                .body("errors[0].message", equalTo("is required"));
        BOB.get(taskId).then().statusCode(200).body("state", equalTo("open"));
    }

    @Test
    void overdueTasksAreEscalatedToFinance() throws Exception {
        // given a request due in 2 seconds that escalates to finance
        String workflowId = uniqueId("expense");
        WorkflowStub run = submit(workflowId, new Expense("e4", 700, 600, 2));
        String taskId = BOB.awaitTask(workflowId);
        FRANK.get(taskId).then().statusCode(404);

        // when nobody acts before the due date, then finance becomes a candidate
        Poll.until(Duration.ofSeconds(20), () -> FRANK.get(taskId).statusCode() == 200, "escalated to finance");
        FRANK.get(taskId).then().body("overdue", equalTo(true)).body("escalated", equalTo(true))
                .body("candidateGroups", hasItems("managers", "finance"))
                .body("audit.action", hasItem("escalated"));
        FRANK.complete(taskId, "approve", "", Map.of("approvedAmount", 700)).then().statusCode(200);
        assertThat(run.getResult(20, TimeUnit.SECONDS, String.class)).isEqualTo("paid:frank:700");
    }

    @Test
    void anUnansweredRequestTimesOut() throws Exception {
        String workflowId = uniqueId("expense");
        WorkflowStub run = submit(workflowId, new Expense("e5", 400, 3, 0));
        String taskId = BOB.awaitTask(workflowId);

        assertThat(run.getResult(20, TimeUnit.SECONDS, String.class)).isEqualTo("timed-out");
        BOB.get(taskId).then().statusCode(200).body("state", equalTo("expired"));
        BOB.complete(taskId, "approve", "", Map.of("approvedAmount", 1)).then().statusCode(409)
                .body("detail", containsString("expired"));
    }

    @Test
    void invalidRequestsFailTheActivity() throws Exception {
        var wf = newWorkflow(ExpenseWorkflows.InvalidRequestWorkflow.class);
        assertThat(wf.ask("no-candidates")).startsWith("InvalidApprovalRequest|true|No candidates");
        var other = newWorkflow(ExpenseWorkflows.InvalidRequestWorkflow.class);
        assertThat(other.ask("wrong-type")).startsWith("InvalidApprovalRequest|true|")
                .contains("only offers activity type Approval");
    }

    @Test
    void cancellingTheScopeOrTerminatingWithdrawsTheTask() throws Exception {
        // cancellation scope
        String workflowId = uniqueId("withdraw");
        var wf = client.newWorkflowStub(ExpenseWorkflows.WithdrawingWorkflow.class,
                workflowOptions().setWorkflowId(workflowId).build());
        WorkflowClient.start(wf::ask);
        String taskId = BOB.awaitTask(workflowId);
        wf.withdraw();
        assertThat(WorkflowStub.fromTyped(wf).getResult(20, TimeUnit.SECONDS, String.class)).isEqualTo("withdrawn");
        BOB.get(taskId).then().body("state", equalTo("withdrawn"))
                .body("closeReason", containsString("cancelled"));

        // termination
        String terminated = uniqueId("expense");
        WorkflowStub run = submit(terminated, new Expense("e6", 400, 600, 0));
        String second = BOB.awaitTask(terminated);
        run.terminate("no longer needed");
        Poll.until(Duration.ofSeconds(10), () -> BOB.get(second).jsonPath().getString("state").equals("withdrawn"),
                "task withdrawn after termination");
        BOB.complete(second, "approve", "", Map.of("approvedAmount", 1)).then().statusCode(409)
                .body("detail", containsString("withdrawn"));
    }

    @Test
    void concurrentCompletionsHaveExactlyOneWinner() throws Exception {
        for (int i = 0; i < 8; i++) {
            String workflowId = uniqueId("race" + i);
            WorkflowStub run = submit(workflowId, new Expense("r" + i, 200, 600, 0));
            String taskId = BOB.awaitTask(workflowId);
            CyclicBarrier barrier = new CyclicBarrier(2);
            List<CompletableFuture<Response>> clicks = new ArrayList<>();
            for (Inbox person : List.of(BOB, CAROL)) {
                clicks.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return person.complete(taskId, "approve", "", Map.of("approvedAmount", 200));
                }));
            }
            List<Integer> statuses = clicks.stream().map(c -> c.join().statusCode()).sorted().toList();
            assertThat(statuses).as("statuses of two simultaneous completions").containsExactly(200, 409);
            assertThat(run.getResult(20, TimeUnit.SECONDS, String.class)).startsWith("paid:");
            assertThat(historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).hasSize(3);
        }
    }
}
