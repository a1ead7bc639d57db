package io.cadenza.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.devstack.CadenzaTopology;
import io.cadenza.system.ui.ExpenseWorkflow;
import io.cadenza.system.ui.ExpenseWorkflowImpl;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The approval inbox through the gateway with real Keycloak users: a workflow written with the approvals helper asks
 * the account's {@code managers}; a manager (a Keycloak user in that group) finds the task with their own token,
 * claims and approves it; the workflow completes with the decision. People outside the candidates, and other
 * tenants, see nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalInboxIT {

    private final CadenzaTopology stack = SystemStack.get();
    private Tenant acme;
    private String namespace;
    private WorkflowServiceStubs stubs;
    private WorkflowClient client;
    private WorkerFactory workers;
    private String managerToken;
    private String manager;
    private String outsiderToken;

    @BeforeAll
    void accountWithAManagerAndAnOutsider() {
        acme = Tenant.signUp(stack, "expenses");
        namespace = (String) acme.createActiveNamespace("expenses", null).get("id");
        manager = "manager@" + acme.accountName + ".example";
        String outsider = "outsider@" + acme.accountName + ".example";
        acme.api().body(Map.of("email", manager, "accountRole", "developer", "password", Tenant.PASSWORD,
                "groups", List.of("managers"), "namespaceAccesses", Map.of(namespace, "write")))
                .post("/api/v1/users").then().statusCode(201);
        acme.api().body(Map.of("email", outsider, "accountRole", "developer", "password", Tenant.PASSWORD,
                "namespaceAccesses", Map.of(namespace, "write"))).post("/api/v1/users").then().statusCode(201);
        managerToken = Tenant.passwordToken(stack, manager, Tenant.PASSWORD);
        outsiderToken = Tenant.passwordToken(stack, outsider, Tenant.PASSWORD);

        String key = (String) acme.createApiKey("expense worker", Instant.now().plus(1, ChronoUnit.DAYS)).get("token");
        stubs = Sdk.stubs(stack.gatewayGrpcTarget(), key);
        client = Sdk.client(stubs, namespace);
        workers = WorkerFactory.newInstance(client);
        Worker worker = workers.newWorker("expenses");
        worker.registerWorkflowImplementationTypes(ExpenseWorkflowImpl.class);
        workers.start();
    }

    @AfterAll
    void stopWorker() {
        if (workers != null) {
            workers.shutdownNow();
        }
        if (stubs != null) {
            stubs.shutdownNow();
        }
    }

    private io.restassured.specification.RequestSpecification as(String token) {
        return given().baseUri(stack.gatewayHttpUrl()).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }

    private String tasks() {
        return "/api/v1/namespaces/" + namespace + "/tasks";
    }

    private Map<String, Object> awaitTask(String token, String workflowId) {
        return Poll.until("the approval task of " + workflowId, Duration.ofSeconds(30), () -> {
            Response r = as(token).get(tasks());
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
            List<Map<String, Object>> found = r.jsonPath().getList("tasks");
            return found.stream().filter(t -> workflowId.equals(t.get("workflowId"))).findFirst().orElse(null);
        });
    }

    private CompletableFuture<String> submit(String workflowId, int amount) {
        ExpenseWorkflow expense = client.newWorkflowStub(ExpenseWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue("expenses").setWorkflowId(workflowId).build());
        return WorkflowClient.execute(expense::run, Map.of("employee", "sam", "amount", amount, "reason", "travel"));
    }

    @Test
    void aManagerClaimsAndApprovesAndTheWorkflowCompletesWithTheDecision() throws Exception {
        String workflowId = "expense-" + UUID.randomUUID();
        CompletableFuture<String> result = submit(workflowId, 420);

        Map<String, Object> task = awaitTask(managerToken, workflowId);
        assertThat(task.get("title")).isEqualTo("Expense of sam");
        assertThat(task.get("state")).isEqualTo("open");
        String taskPath = tasks() + "/" + task.get("id");

        as(managerToken).post(taskPath + "/claim").then().statusCode(200);
        as(managerToken).body(Map.of("outcome", "approve", "comment", "Within budget."))
                .post(taskPath + "/complete").then().statusCode(200);

        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("decision: approve by " + manager);
        Response done = as(managerToken).get(taskPath);
        assertThat(done.jsonPath().getString("state")).isEqualTo("completed");
        assertThat(done.jsonPath().getString("completedBy")).isEqualTo(manager);
        assertThat(done.jsonPath().getList("audit.action")).contains("claimed", "completed");
        // A second completion is a conflict, not a second decision.
        assertThat(as(managerToken).body(Map.of("outcome", "reject")).post(taskPath + "/complete").statusCode())
                .isEqualTo(409);
    }

    @Test
    void peopleOutsideTheCandidatesAndOtherTenantsSeeNothing() {
        String workflowId = "expense-" + UUID.randomUUID();
        submit(workflowId, 990);
        Map<String, Object> task = awaitTask(managerToken, workflowId);
        String taskPath = tasks() + "/" + task.get("id");

        // a member of the account who is not a candidate
        List<Map<String, Object>> outsiderView = as(outsiderToken).get(tasks()).jsonPath().getList("tasks");
        assertThat(outsiderView).noneMatch(t -> workflowId.equals(t.get("workflowId")));
        assertThat(as(outsiderToken).get(taskPath).statusCode()).isEqualTo(404);
        assertThat(as(outsiderToken).body(Map.of("outcome", "approve")).post(taskPath + "/complete").statusCode())
                .isEqualTo(404);

        // another tenant, even knowing the path
        Tenant other = Tenant.signUp(stack, "snoop");
        assertThat(as(other.token()).get(taskPath).statusCode()).isEqualTo(404);
        assertThat(as(other.token()).get(tasks()).statusCode()).isEqualTo(404);

        // without credentials
        assertThat(given().baseUri(stack.gatewayHttpUrl()).get(tasks()).statusCode()).isEqualTo(401);

        // the account owner (namespace admin) sees every task of the namespace
        List<Map<String, Object>> all = as(acme.token()).queryParam("scope", "all").get(tasks()).jsonPath()
                .getList("tasks");
        assertThat(all).anyMatch(t -> workflowId.equals(t.get("workflowId")));
    }
}
