package io.cadenza.system.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.cadenza.devstack.CadenzaTopology;
import io.cadenza.system.Poll;
import io.cadenza.system.Sdk;
import io.cadenza.system.SystemStack;
import io.cadenza.system.Tenant;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard in real Chromium against the whole running system: Keycloak's login page, the gateway (gRPC and
 * REST) with the logged-in user's token, the control plane and the cells. Needs {@code CadenzaTopology} to start the
 * dashboard too (see dashboard/README.md, "System tests").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    private final CadenzaTopology stack = SystemStack.get();
    private DashboardBrowser browser;
    private Tenant acme;
    private String namespace;
    private WorkflowClient client;
    private WorkerFactory workers;

    @BeforeAll
    void setUp() {
        browser = new DashboardBrowser(stack.dashboardUrl());
        acme = Tenant.signUp(stack, "ui-acme");
        namespace = (String) acme.createActiveNamespace("orders", null).get("id");
        String apiKey = (String) acme.createApiKey("ui-worker", Instant.now().plus(1, ChronoUnit.DAYS)).get("token");
        WorkflowServiceStubs stubs = Sdk.stubs(stack.gatewayGrpcTarget(), apiKey);
        client = Sdk.client(stubs, namespace);
        workers = WorkerFactory.newInstance(client);
        Worker worker = workers.newWorker("ui-greetings");
        worker.registerWorkflowImplementationTypes(Sdk.GreetingImpl.class);
        worker.registerActivitiesImplementations(new Sdk.GreeterImpl());
        workers.start();
        for (int i = 0; i < 3; i++) {
            client.newWorkflowStub(Sdk.Greeting.class, WorkflowOptions.newBuilder().setTaskQueue("ui-greetings")
                    .setWorkflowId("greet-" + i).build()).greet("n" + i);
        }
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

    /** A run nobody works on: it stays Running until terminated. */
    private String startIdle(String workflowId) {
        WorkflowStub stub = client.newUntypedWorkflowStub("Idle", WorkflowOptions.newBuilder()
                .setTaskQueue("nobody-polls-this").setWorkflowId(workflowId).build());
        return stub.start().getRunId();
    }

    @Test
    void searchWithTheFilterBuilderAndWithATypedQuery() {
        startIdle("idle-search-" + UUID.randomUUID());
        Page page = browser.login(acme.email, Tenant.PASSWORD);
        DashboardBrowser.settle(page);
        DashboardBrowser.screenshot(page, "workflows", true);
        // other tests of this class complete workflows in the namespace too: compare with the server's own count
        long completed = client.countWorkflows("ExecutionStatus = 'Completed'").getCount();
        assertThat(completed).isGreaterThanOrEqualTo(3);
        assertThat(page.locator("#count-Completed")).hasText(java.util.regex.Pattern.compile(
                "Completed\\s*" + completed + "$"));

        // the filter builder writes the query
        page.locator("#filter-type input").fill("Greeting");
        page.locator("#filter-id-prefix input").fill("greet-");
        page.click("#filter-apply");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#query input")).hasValue("WorkflowType = 'Greeting' AND WorkflowId STARTS_WITH 'greet-'");
        assertThat(page.locator("#workflows")).containsText("greet-2");
        // (vaadin-grid keeps rows it no longer needs in the DOM, hidden: look at visible cells only)
        assertThat(page.locator("#workflows vaadin-grid-cell-content:visible:has-text('idle-search-')"))
                .hasCount(0);
        DashboardBrowser.screenshot(page, "workflows-filtered", false);

        // a typed query
        page.locator("#query input").fill("ExecutionStatus = 'Running'");
        page.click("#search");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#workflows")).containsText("idle-search-");
        assertThat(page.locator("#workflows vaadin-grid-cell-content:visible:has-text('greet-1')")).hasCount(0);

        // an invalid query shows the server's message, not a stack trace
        page.locator("#query input").fill("NoSuchField = 'x'");
        page.click("#search");
        assertThat(page.locator("vaadin-notification-card").first()).containsText("NoSuchField");
        assertThat(page.locator("body")).not().containsText("Exception");
        DashboardBrowser.screenshot(page, "invalid-query", false);
        page.context().close();
    }

    @Test
    void aHistoryShowsAsTimelineCompactListAndJson() {
        Page page = browser.login(acme.email, Tenant.PASSWORD);
        page.navigate(browser.url("/workflow?ns=" + namespace + "&id=greet-0"));
        DashboardBrowser.settle(page);
        assertThat(page.locator("#workflow-status")).hasText("Completed");
        assertThat(page.locator("#result")).containsText("Hello, n0!");
        assertThat(page.locator("#timeline")).containsText("Compose");
        DashboardBrowser.screenshot(page, "workflow-timeline", true);
        page.click("#tab-compact");
        assertThat(page.locator("#compact")).containsText("ActivityTaskCompleted");
        DashboardBrowser.screenshot(page, "workflow-compact", false);
        page.click("#tab-json");
        assertThat(page.locator("#history-json")).containsText("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
        Download download = page.waitForDownload(() -> page.click("#download-json"));
        assertThat(download.suggestedFilename()).endsWith("_history.json");
        DashboardBrowser.screenshot(page, "workflow-json", false);
        page.context().close();
    }

    @Test
    void aHistoryLongerThanOnePageShowsEveryEvent() throws Exception {
        // given: a completed run with more events than one GetWorkflowExecutionHistory page (1000)
        WorkerFactory longWorkers = WorkerFactory.newInstance(client);
        longWorkers.newWorker("ui-long").registerWorkflowImplementationTypes(LongHistoryWorkflow.Impl.class);
        longWorkers.start();
        String id = "long-" + UUID.randomUUID();
        LongHistoryWorkflow workflow = client.newWorkflowStub(LongHistoryWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue("ui-long").setWorkflowId(id).build());
        assertThat(workflow.run(1200)).isEqualTo("steps 1200 sum 719400");
        longWorkers.shutdownNow();
        int events = client.fetchHistory(id).getEvents().size();
        assertThat(events).isGreaterThan(1200);

        // when: it is opened in the dashboard
        Page page = browser.login(acme.email, Tenant.PASSWORD);
        page.navigate(browser.url("/workflow?ns=" + namespace + "&id=" + id));
        DashboardBrowser.settle(page);
        assertThat(page.locator("#workflow-status")).hasText("Completed");

        // then: the compact list ends with the run's last event, and the JSON download holds every event
        page.click("#tab-compact");
        page.locator("#compact").evaluate("grid => grid.scrollToIndex(grid.size - 1)");
        assertThat(page.locator("#compact vaadin-grid-cell-content:visible").filter(
                new com.microsoft.playwright.Locator.FilterOptions().setHasText(
                        java.util.regex.Pattern.compile("^" + events + "$")))).hasCount(1);
        assertThat(page.locator("#compact")).containsText("WorkflowExecutionCompleted");
        page.click("#tab-json");
        Download download = page.waitForDownload(() -> page.click("#download-json"));
        String json = java.nio.file.Files.readString(download.path());
        assertThat(json.split("\"eventId\"", -1).length - 1).isEqualTo(events);
        page.context().close();
    }

    @Test
    void terminateARunningWorkflow() {
        String id = "idle-terminate-" + UUID.randomUUID();
        startIdle(id);
        Page page = browser.login(acme.email, Tenant.PASSWORD);
        page.navigate(browser.url("/workflow?ns=" + namespace + "&id=" + id));
        DashboardBrowser.settle(page);
        assertThat(page.locator("#workflow-status")).hasText("Running");
        page.click("#action-terminate");
        page.locator("#terminate-reason input").fill("no longer needed");
        DashboardBrowser.screenshot(page, "terminate-confirm", false);
        page.click("#confirm-action");
        assertThat(page.locator("#workflow-status")).hasText("Terminated");
        assertThat(page.locator("#failure")).containsText("no longer needed");
        WorkflowExecutionStatus status = client.newUntypedWorkflowStub(id).describe().getStatus();
        assertThat(status).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
        page.context().close();
    }

    @Test
    void anAdminCreatesAnApiKeyAndSeesItListedWithoutItsToken() {
        Page page = browser.login(acme.email, Tenant.PASSWORD);
        page.navigate(browser.url("/admin/api-keys"));
        DashboardBrowser.settle(page);
        page.click("#api-key-create");
        page.locator("#api-key-name input").fill("ci-deployer");
        page.click("#api-key-save");
        String token = page.locator("#api-key-token input").inputValue();
        assertThat(token).startsWith("cdz_").hasSize(47);
        DashboardBrowser.screenshot(page, "api-key-created", false);
        page.click("#api-key-done");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#api-keys")).containsText("ci-deployer");
        assertThat(page.locator("#api-keys")).containsText(token.substring(0, 12));
        assertThat(page.content()).doesNotContain(token);
        DashboardBrowser.screenshot(page, "api-keys", true);
        page.context().close();
    }

    @Test
    void anAdminDisablesEnablesAndDeletesAnApiKey() {
        // given a key made through the API
        Map<String, Object> key = acme.createApiKey("ui-rotate", Instant.now().plus(1, ChronoUnit.DAYS));
        String id = (String) key.get("id");
        Page page = browser.login(acme.email, Tenant.PASSWORD);
        page.navigate(browser.url("/admin/api-keys"));
        DashboardBrowser.settle(page);

        // when the admin disables it, the control plane has it disabled, and enabling undoes that
        page.locator("[id='api-key-toggle-" + id + "']:visible").click();
        Poll.until("the key to be disabled", Duration.ofSeconds(15),
                () -> Boolean.TRUE.equals(apiKey(id).get("disabled")) ? id : null);
        DashboardBrowser.settle(page);
        assertThat(page.locator("[id='api-key-toggle-" + id + "']:visible")).hasText("Enable");
        page.locator("[id='api-key-toggle-" + id + "']:visible").click();
        Poll.until("the key to be enabled again", Duration.ofSeconds(15),
                () -> Boolean.FALSE.equals(apiKey(id).get("disabled")) ? id : null);

        // when the admin deletes it, it is gone from the control plane and from the page
        DashboardBrowser.settle(page);
        page.locator("[id='api-key-delete-" + id + "']:visible").click();
        // deleting asks first
        page.click("#api-key-delete-confirm");
        Poll.until("the key to be deleted", Duration.ofSeconds(15), () -> apiKey(id) == null ? id : null);
        DashboardBrowser.settle(page);
        assertThat(page.locator("[id='api-key-delete-" + id + "']:visible")).hasCount(0);
        // (a Vaadin grid keeps recycled rows in the DOM, hidden: only visible cells count)
        assertThat(page.locator("#api-keys vaadin-grid-cell-content:visible:has-text('ui-rotate')")).hasCount(0);
        page.context().close();
    }

    @Test
    void anAdminCreatesAServiceAccountWhoseOneTimeSecretLogsItIn() {
        Page page = browser.login(acme.email, Tenant.PASSWORD);
        page.navigate(browser.url("/admin/members"));
        DashboardBrowser.settle(page);

        // when the admin creates a service account, its client secret is shown once
        page.click("#service-account-create");
        page.locator("#member-name input").fill("ui-deployer");
        page.click("#member-save");
        String secret = page.locator("#member-secret input").inputValue();
        assertThat(secret).isNotBlank();
        page.click("#member-secret-done");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#service-accounts")).containsText("ui-deployer");
        assertThat(page.content()).doesNotContain(secret);

        // then that secret gets a Keycloak token for the account, which the control plane knows as the service account
        List<Map<String, Object>> accounts = acme.api().queryParam("pageSize", 100).get("/api/v1/service-accounts")
                .then().statusCode(200).extract().jsonPath().getList("items");
        String clientId = (String) accounts.stream().filter(a -> "ui-deployer".equals(a.get("name"))).findFirst()
                .orElseThrow().get("clientId");
        String token = Tenant.clientCredentialsToken(stack, clientId, secret);
        io.restassured.RestAssured.given().baseUri(stack.gatewayHttpUrl()).header("Authorization", "Bearer " + token)
                .get("/api/v1/me").then().statusCode(200)
                .body("principalType", org.hamcrest.Matchers.equalTo("service-account"))
                .body("displayName", org.hamcrest.Matchers.equalTo("ui-deployer"));
        page.context().close();
    }

    @Test
    void anAdminChangesAMembersRoleAndRemovesThemAfterConfirming() {
        // given a developer invited through the API
        String email = "dev-" + UUID.randomUUID().toString().substring(0, 8) + "@" + acme.accountName + ".example";
        String userId = acme.api().body(Map.of("email", email, "accountRole", "developer", "password",
                Tenant.PASSWORD)).post("/api/v1/users").then().statusCode(201).extract().path("user.id");
        Page page = browser.login(acme.email, Tenant.PASSWORD);
        page.navigate(browser.url("/admin/members"));
        DashboardBrowser.settle(page);
        assertThat(page.locator("#users")).containsText(email);

        // when the admin makes them read-only, the control plane has the new role
        page.locator("[id='member-role-" + userId + "']:visible").click();
        page.locator("vaadin-select-item:visible").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("read-only")).first().click();
        Poll.until("the role to change", Duration.ofSeconds(15),
                () -> "read-only".equals(user(userId).get("accountRole")) ? userId : null);

        // when they click Remove and then Cancel, nothing is removed
        DashboardBrowser.settle(page);
        page.locator("[id='member-remove-" + userId + "']:visible").click();
        assertThat(page.locator("#member-remove-confirm")).isVisible();
        page.locator("vaadin-button:visible").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Cancel")).first().click();
        assertThat(page.locator("#member-remove-confirm")).hasCount(0);
        assertThat(user(userId)).isNotNull();

        // when they confirm, the user is gone from the control plane and from the page
        page.locator("[id='member-remove-" + userId + "']:visible").click();
        page.click("#member-remove-confirm");
        Poll.until("the user to be removed", Duration.ofSeconds(15), () -> user(userId) == null ? userId : null);
        DashboardBrowser.settle(page);
        assertThat(page.locator("#users vaadin-grid-cell-content:visible:has-text('" + email + "')")).hasCount(0);
        page.context().close();
    }

    /** Invites a developer with write access to this class's namespace, in the given business groups. */
    private void inviteDeveloper(String email, List<String> groups) {
        acme.api().body(Map.of("email", email, "accountRole", "developer", "password", Tenant.PASSWORD,
                "groups", groups, "namespaceAccesses", Map.of(namespace, "write")))
                .post("/api/v1/users").then().statusCode(201);
    }

    /** Opens the inbox on the group tab and waits until the task titled {@code title} is listed. */
    private void awaitGroupTask(Page page, String title) {
        page.navigate(browser.url("/inbox"));
        Poll.until("'" + title + "' in the inbox", Duration.ofSeconds(30), () -> {
            page.reload();
            page.click("#tab-groups");
            DashboardBrowser.settle(page);
            return page.locator("#tasks").textContent().contains(title) ? true : null;
        });
    }

    /** Opens the listed task titled {@code title}. */
    private static void openTask(Page page, String title) {
        page.locator("#tasks vaadin-grid-cell-content").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText(title)).first().click();
        DashboardBrowser.settle(page);
    }

    /** The user as the control plane lists it, or null when it is not listed. */
    private Map<String, Object> user(String id) {
        List<Map<String, Object>> users = acme.api().queryParam("pageSize", 100).get("/api/v1/users").then()
                .statusCode(200).extract().jsonPath().getList("items");
        return users.stream().filter(u -> id.equals(u.get("id"))).findFirst().orElse(null);
    }

    /** The key as the control plane lists it, or null when it is not listed. */
    private Map<String, Object> apiKey(String id) {
        List<Map<String, Object>> keys = acme.api().queryParam("pageSize", 100).get("/api/v1/api-keys").then()
                .statusCode(200).extract().jsonPath().getList("items");
        return keys.stream().filter(k -> id.equals(k.get("id"))).findFirst().orElse(null);
    }

    @Test
    void aUserOfAnotherAccountSeesNoneOfIt() {
        Tenant globex = Tenant.signUp(stack, "ui-globex");
        Page page = browser.login(globex.email, Tenant.PASSWORD);
        DashboardBrowser.settle(page);
        page.click("#namespace-switcher");
        assertThat(page.locator("vaadin-select-item").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText(namespace))).hasCount(0);
        page.keyboard().press("Escape");
        assertThat(page.locator("#workflows")).not().containsText("greet-");
        // even a hand-made link to the other account's workflow is refused by the gateway
        page.navigate(browser.url("/workflow?ns=" + namespace + "&id=greet-0"));
        DashboardBrowser.settle(page);
        assertThat(page.locator("body")).not().containsText("Hello, n0!");
        assertThat(page.locator("vaadin-notification-card").first()).isVisible();
        page.navigate(browser.url("/admin/api-keys"));
        DashboardBrowser.settle(page);
        assertThat(page.locator("#api-keys")).not().containsText("ci-deployer");
        DashboardBrowser.screenshot(page, "other-account", false);
        page.context().close();
    }

    @Test
    void aManagerApprovesTheExpenseTaskAndTheWorkflowCompletes() throws Exception {
        // given: a manager in the account's group "managers", and an Expense workflow waiting on an approval task
        String manager = "manager-" + UUID.randomUUID().toString().substring(0, 8) + "@" + acme.accountName
                + ".example";
        inviteDeveloper(manager, List.of("managers"));
        String id = "expense-" + UUID.randomUUID();
        WorkflowStub expense = client.newUntypedWorkflowStub("Expense", WorkflowOptions.newBuilder()
                .setTaskQueue("ui-expenses").setWorkflowId(id).build());
        WorkerFactory expenseWorkers = WorkerFactory.newInstance(client);
        Worker worker = expenseWorkers.newWorker("ui-expenses");
        worker.registerWorkflowImplementationTypes(ExpenseWorkflowImpl.class);
        expenseWorkers.start();
        expense.start(Map.of("employee", "sam", "amount", 420, "reason", "conference"));

        // when: the manager approves it in the inbox with a comment
        Page page = browser.login(manager, Tenant.PASSWORD);
        awaitGroupTask(page, "Expense of sam");
        DashboardBrowser.screenshot(page, "inbox", true);
        openTask(page, "Expense of sam");
        page.click("#task-claim");
        // the page re-renders once the claim is recorded: act on the new form
        assertThat(page.locator("#task-unclaim")).isVisible();
        assertThat(page.locator("#task-audit")).containsText("claimed");
        page.locator("#task-comment textarea").fill("Within budget, approved.");
        DashboardBrowser.screenshot(page, "task", true);
        page.click("#outcome-approve");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#task-audit")).containsText("completed");

        // then: the workflow completes with the decision
        String result = expense.getResult(30, java.util.concurrent.TimeUnit.SECONDS, String.class);
        assertThat(result).contains("approve");
        page.click("#task-workflow-link");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#workflow-status")).hasText("Completed");
        page.context().close();
        expenseWorkers.shutdownNow();
    }

    @Test
    void aRequiredFieldBlocksTheDecisionUntilFilled_andTheRejectionReachesTheWorkflow() throws Exception {
        // given: a buyer, and a Purchase workflow waiting on a task with a required amount field
        String buyer = "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@" + acme.accountName + ".example";
        inviteDeveloper(buyer, List.of("buyers"));
        WorkerFactory purchaseWorkers = WorkerFactory.newInstance(client);
        purchaseWorkers.newWorker("ui-purchases").registerWorkflowImplementationTypes(PurchaseWorkflow.Impl.class);
        purchaseWorkers.start();
        String item = "laptop-" + UUID.randomUUID().toString().substring(0, 6);
        WorkflowStub purchase = client.newUntypedWorkflowStub("Purchase", WorkflowOptions.newBuilder()
                .setTaskQueue("ui-purchases").setWorkflowId("purchase-" + item).build());
        purchase.start(item);

        Page page = browser.login(buyer, Tenant.PASSWORD);
        awaitGroupTask(page, "Purchase of " + item);
        openTask(page, "Purchase of " + item);
        page.click("#task-claim");
        assertThat(page.locator("#task-unclaim")).isVisible();

        // when: rejecting without the required amount, the decision is refused in the page and nothing is recorded
        page.click("#outcome-reject");
        assertThat(page.locator("vaadin-notification-card").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Fill in the required fields first"))).isVisible();
        assertThat(page.locator("#field-approvedAmount")).hasAttribute("invalid", "");
        assertThat(page.locator("#task-audit")).not().containsText("completed");

        // when: the amount is filled in, the rejection goes through with the form and the comment
        page.locator("#field-approvedAmount input").fill("0");
        page.locator("#field-note textarea").fill("Use the spare one.");
        page.locator("#task-comment textarea").fill("Not this quarter.");
        page.click("#outcome-reject");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#task-audit")).containsText("completed");

        // then: the workflow got exactly that decision
        String result = purchase.getResult(30, java.util.concurrent.TimeUnit.SECONDS, String.class);
        assertThat(result).startsWith("reject ").contains("approvedAmount", "Use the spare one.",
                "comment=Not this quarter.", "by " + buyer);
        page.context().close();
        purchaseWorkers.shutdownNow();
    }

    @Test
    void aManagerDelegatesAnExpenseTaskAndTheDelegateDecides() throws Exception {
        // given: a manager (candidate through the group) and a colleague outside the group
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String manager = "lead-" + suffix + "@" + acme.accountName + ".example";
        String colleague = "deputy-" + suffix + "@" + acme.accountName + ".example";
        inviteDeveloper(manager, List.of("managers"));
        inviteDeveloper(colleague, List.of());
        WorkerFactory expenseWorkers = WorkerFactory.newInstance(client);
        expenseWorkers.newWorker("ui-delegated").registerWorkflowImplementationTypes(ExpenseWorkflowImpl.class);
        expenseWorkers.start();
        String employee = "kim-" + suffix;
        WorkflowStub expense = client.newUntypedWorkflowStub("Expense", WorkflowOptions.newBuilder()
                .setTaskQueue("ui-delegated").setWorkflowId("expense-" + employee).build());
        expense.start(Map.of("employee", employee, "amount", 75, "reason", "books"));

        // when: the manager claims the task and delegates it to the colleague
        Page page = browser.login(manager, Tenant.PASSWORD);
        awaitGroupTask(page, "Expense of " + employee);
        openTask(page, "Expense of " + employee);
        // (claiming and unclaiming puts it back for the group first)
        page.click("#task-claim");
        page.click("#task-unclaim");
        assertThat(page.locator("#task-claim")).isVisible();
        assertThat(page.locator("#task-audit")).containsText("unclaimed");
        page.click("#task-claim");
        page.locator("#task-delegate-to input").fill(colleague);
        page.click("#task-delegate");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#task-audit")).containsText("assigned");
        // the manager no longer holds it, so can neither decide nor claim it
        assertThat(page.locator("#task-unclaim")).hasCount(0);
        assertThat(page.locator("#task-claim")).hasCount(0);
        String taskUrl = page.url();
        page.context().close();

        // then: the colleague finds it under their own tasks and approves it
        Page deputy = browser.login(colleague, Tenant.PASSWORD);
        deputy.navigate(browser.url("/inbox"));
        deputy.click("#tab-mine");
        DashboardBrowser.settle(deputy);
        assertThat(deputy.locator("#tasks")).containsText("Expense of " + employee);
        deputy.navigate(taskUrl);
        DashboardBrowser.settle(deputy);
        assertThat(deputy.locator("#task-unclaim")).isVisible();
        deputy.click("#outcome-approve");
        DashboardBrowser.settle(deputy);
        assertThat(deputy.locator("#task-audit")).containsText("completed");
        assertThat(expense.getResult(30, java.util.concurrent.TimeUnit.SECONDS, String.class))
                .isEqualTo("decision: approve by " + colleague);
        deputy.context().close();
        expenseWorkers.shutdownNow();
    }
}
