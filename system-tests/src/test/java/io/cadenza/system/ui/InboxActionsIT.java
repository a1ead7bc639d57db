package io.cadenza.system.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.cadenza.devstack.CadenzaTopology;
import io.cadenza.system.Poll;
import io.cadenza.system.Sdk;
import io.cadenza.system.SystemStack;
import io.cadenza.system.Tenant;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An approval task handled in the inbox pages in real Chromium: claimed, unclaimed, claimed again and assigned to a
 * colleague, who rejects it. Each step is checked in the page and in the inbox REST API, and the workflow gets the
 * rejection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxActionsIT {

    private static final String QUEUE = "ui-inbox-actions";

    private final CadenzaTopology stack = SystemStack.get();
    private DashboardBrowser browser;
    private Tenant tenant;
    private String namespace;
    private WorkflowClient client;
    private WorkerFactory workers;

    @BeforeAll
    void setUp() {
        browser = new DashboardBrowser(stack.dashboardUrl());
        tenant = Tenant.signUp(stack, "ui-inbox");
        namespace = (String) tenant.createActiveNamespace("approvals", null).get("id");
        String apiKey = (String) tenant.createApiKey("ui-inbox-worker", Instant.now().plus(1, ChronoUnit.DAYS))
                .get("token");
        client = Sdk.client(Sdk.stubs(stack.gatewayGrpcTarget(), apiKey), namespace);
        workers = WorkerFactory.newInstance(client);
        workers.newWorker(QUEUE).registerWorkflowImplementationTypes(ExpenseWorkflowImpl.class);
        workers.start();
    }

    @AfterAll
    void tearDown() {
        if (workers != null) {
            workers.shutdownNow();
        }
        if (browser != null) {
            browser.close();
        }
    }

    private String invite(String email, List<String> groups) {
        tenant.api().body(Map.of("email", email, "accountRole", "developer", "password", Tenant.PASSWORD,
                "groups", groups, "namespaceAccesses", Map.of(namespace, "write")))
                .post("/api/v1/users").then().statusCode(201);
        return email;
    }

    private String tasks() {
        return "/api/v1/namespaces/" + namespace + "/tasks";
    }

    /** The task as the account owner reads it through the REST API. */
    private JsonPath task(String id) {
        return given().baseUri(stack.gatewayHttpUrl()).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + tenant.token()).get(tasks() + "/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aTaskIsUnclaimedThenAssignedToAColleagueWhoRejectsIt() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String manager = invite("manager-" + suffix + "@" + tenant.accountName + ".example", List.of("managers"));
        String deputy = invite("deputy-" + suffix + "@" + tenant.accountName + ".example", List.of());
        String employee = "lee-" + suffix;
        String workflowId = "expense-" + employee;
        WorkflowStub expense = client.newUntypedWorkflowStub("Expense", WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(workflowId).build());
        expense.start(Map.of("employee", employee, "amount", 1200, "reason", "new chair"));
        String title = "Expense of " + employee;
        String taskId = Poll.until("the task of " + workflowId, Duration.ofSeconds(30), () -> {
            List<Map<String, Object>> all = given().baseUri(stack.gatewayHttpUrl())
                    .header("Authorization", "Bearer " + tenant.token()).queryParam("scope", "all").get(tasks())
                    .then().statusCode(200).extract().jsonPath().getList("tasks");
            return all.stream().filter(t -> workflowId.equals(t.get("workflowId"))).map(t -> (String) t.get("id"))
                    .findFirst().orElse(null);
        });

        // the manager finds it in the group's inbox and opens it
        Page page = browser.login(manager, Tenant.PASSWORD);
        page.navigate(browser.url("/inbox"));
        page.click("#tab-groups");
        DashboardBrowser.settle(page);
        Locator row = page.locator("#tasks vaadin-grid-cell-content:visible").filter(
                new Locator.FilterOptions().setHasText(title));
        assertThat(row).not().hasCount(0);
        row.first().click();
        DashboardBrowser.settle(page);

        // claim, then unclaim: the task is back with the group, unassigned
        page.click("#task-claim");
        assertThat(page.locator("#task-unclaim")).isVisible();
        assertThat(task(taskId).getString("assignee")).isEqualTo(manager);
        page.click("#task-unclaim");
        assertThat(page.locator("#task-claim")).isVisible();
        assertThat(page.locator("#task-audit")).containsText("unclaimed");
        JsonPath unclaimed = task(taskId);
        assertThat(unclaimed.getString("assignee")).isNull();
        assertThat(unclaimed.getString("state")).isEqualTo("open");

        // claim again and assign it to the deputy (not in the group): the manager can no longer act on it
        page.click("#task-claim");
        page.locator("#task-delegate-to input").fill(deputy);
        page.click("#task-delegate");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#task-audit")).containsText("assigned");
        assertThat(page.locator("#task-claim")).hasCount(0);
        assertThat(page.locator("#outcome-reject")).hasCount(0);
        assertThat(page.locator("#task-held")).containsText("Held by " + deputy);
        assertThat(task(taskId).getString("assignee")).isEqualTo(deputy);
        page.context().close();

        // the deputy finds it under their own tasks and rejects it with a comment
        Page deputyPage = browser.login(deputy, Tenant.PASSWORD);
        deputyPage.navigate(browser.url("/inbox"));
        deputyPage.click("#tab-mine");
        DashboardBrowser.settle(deputyPage);
        deputyPage.locator("#tasks vaadin-grid-cell-content:visible").filter(
                new Locator.FilterOptions().setHasText(title)).first().click();
        DashboardBrowser.settle(deputyPage);
        assertThat(deputyPage.locator("#task-unclaim")).isVisible();
        deputyPage.locator("#task-comment textarea").fill("Over the chair budget.");
        deputyPage.click("#outcome-reject");
        DashboardBrowser.settle(deputyPage);
        assertThat(deputyPage.locator("#task-audit")).containsText("completed");
        assertThat(deputyPage.locator("#outcome-reject")).hasCount(0);

        JsonPath done = task(taskId);
        assertThat(done.getString("state")).isEqualTo("completed");
        assertThat(done.getString("completedBy")).isEqualTo(deputy);
        assertThat(expense.getResult(30, TimeUnit.SECONDS, String.class)).isEqualTo("decision: reject by " + deputy);
        deputyPage.context().close();
    }
}
