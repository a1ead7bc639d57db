package io.cadenza.system.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.cadenza.devstack.CadenzaTopology;
import io.cadenza.system.Sdk;
import io.cadenza.system.SystemStack;
import io.cadenza.system.Tenant;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
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
 * Pages that update by themselves, in real Chromium against the whole running system: an approver's open inbox
 * shows a new task (title, requester, amount) without a reload; the task queue page shows the backlog of a queue
 * nobody polls, the run's page hints at it, and the page then lists the SDK worker that starts polling. Same style
 * as {@link DashboardIT}; an account of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveInboxAndTaskQueueIT {

    private static final String EXPENSES = "ui-live-expenses";
    /** "Within a few seconds": the pages poll every 3 s; this leaves room for a loaded machine. */
    private static final LocatorAssertions.ContainsTextOptions SOON = new LocatorAssertions.ContainsTextOptions()
            .setTimeout(15_000);

    private final CadenzaTopology stack = SystemStack.get();
    private DashboardBrowser browser;
    private Tenant tenant;
    private String namespace;
    private WorkflowServiceStubs stubs;
    private WorkflowClient client;
    private WorkerFactory expenseWorkers;
    private WorkerFactory laterWorkers;

    @BeforeAll
    void setUp() {
        browser = new DashboardBrowser(stack.dashboardUrl());
        tenant = Tenant.signUp(stack, "ui-live");
        namespace = (String) tenant.createActiveNamespace("live", null).get("id");
        String apiKey = (String) tenant.createApiKey("ui-live-worker", Instant.now().plus(1, ChronoUnit.DAYS))
                .get("token");
        stubs = Sdk.stubs(stack.gatewayGrpcTarget(), apiKey);
        client = Sdk.client(stubs, namespace);
        LiveTimelineIT.reachable(stubs, namespace);
        expenseWorkers = WorkerFactory.newInstance(client);
        expenseWorkers.newWorker(EXPENSES).registerWorkflowImplementationTypes(ExpenseWorkflowImpl.class);
        expenseWorkers.start();
    }

    private static Locator visibleCells(Page page, String text) {
        return page.locator("#tasks vaadin-grid-cell-content:visible").filter(
                new Locator.FilterOptions().setHasText(text));
    }

    @AfterAll
    void tearDown() {
        for (WorkerFactory f : new WorkerFactory[] {expenseWorkers, laterWorkers}) {
            if (f != null) {
                f.shutdownNow();
            }
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anApproverSeesANewTaskAppearInTheOpenInbox_withRequesterAndAmount() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String manager = "manager-" + suffix + "@" + tenant.accountName + ".example";
        tenant.api().body(Map.of("email", manager, "accountRole", "developer", "password", Tenant.PASSWORD,
                "groups", List.of("managers"), "namespaceAccesses", Map.of(namespace, "write")))
                .post("/api/v1/users").then().statusCode(201);

        Page page = browser.login(manager, Tenant.PASSWORD);
        page.navigate(browser.url("/inbox"));
        page.click("#tab-groups");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#inbox-empty")).hasText("No tasks here.");

        // a workflow asks the managers while the page stays open, untouched
        String employee = "Ana Silva " + suffix;
        client.newUntypedWorkflowStub("Expense", WorkflowOptions.newBuilder().setTaskQueue(EXPENSES)
                .setWorkflowId("expense-" + suffix).build())
                .start(Map.of("employee", employee, "amount", 1250, "reason", "team dinner"));

        Locator tasks = page.locator("#tasks");
        assertThat(tasks).containsText("Expense of " + employee, SOON);
        assertThat(visibleCells(page, "Expense of " + employee)).hasCount(1);
        assertThat(tasks).containsText(employee); // requested by
        assertThat(tasks).containsText("1,250"); // the amount
        assertThat(tasks).containsText("P3 normal");
        assertThat(page.locator("#inbox-empty")).hasText("");

        // filterable by group and by text
        page.locator("#inbox-group input").fill("managers");
        page.keyboard().press("Enter");
        assertThat(tasks).containsText("Expense of " + employee);
        page.locator("#inbox-search input").fill("no such request");
        assertThat(page.locator("#inbox-empty")).hasText("No task matches the filter.");
        page.locator("#inbox-search input").fill("");
        assertThat(page.locator("#inbox-empty")).hasText("");
        assertThat(visibleCells(page, "Expense of " + employee)).hasCount(1);
        DashboardBrowser.screenshot(page, "inbox-live", true);
        page.context().close();
    }

    @Test
    void theTaskQueuePageShowsTheBacklogOfAQueueNobodyPolls_theRunHintsAtIt_thenTheWorkerThatPolls()
            throws Exception {
        String queue = "ui-live-queue-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "waiting-" + UUID.randomUUID();
        WorkflowStub run = client.newUntypedWorkflowStub("Greeting", WorkflowOptions.newBuilder()
                .setTaskQueue(queue).setWorkflowId(id).build());
        run.start("Ada");

        // the run's page: it waits on a queue that has no pollers
        Page page = browser.login(tenant.email, Tenant.PASSWORD);
        page.navigate(browser.url("/workflow?ns=" + namespace + "&id=" + id));
        DashboardBrowser.settle(page);
        assertThat(page.locator("#queue-hint")).containsText("no worker polls task queue '" + queue
                + "' for workflow tasks", SOON);
        assertThat(page.locator("#task-queue-link")).hasText(queue);

        // its task queue page: one workflow task waiting, nobody polling
        page.locator("#queue-hint a").first().click();
        DashboardBrowser.settle(page);
        assertThat(page.locator("#workflow-backlog")).containsText("Backlog: 1 task", SOON);
        assertThat(page.locator("#workflow-no-pollers")).isVisible();
        assertThat(page.locator("#activity-no-pollers")).isVisible();

        // an SDK worker starts polling: the open page lists it by its identity, and the backlog drains
        String identity = "ui-live-worker-" + UUID.randomUUID().toString().substring(0, 8);
        WorkflowClient workerClient = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(namespace).setIdentity(identity).build());
        laterWorkers = WorkerFactory.newInstance(workerClient);
        var worker = laterWorkers.newWorker(queue);
        worker.registerWorkflowImplementationTypes(Sdk.GreetingImpl.class);
        worker.registerActivitiesImplementations(new Sdk.GreeterImpl());
        laterWorkers.start();
        assertThat(run.getResult(30, TimeUnit.SECONDS, String.class)).contains("Ada");

        assertThat(page.locator("#workflow-pollers")).containsText(identity, SOON);
        assertThat(page.locator("#activity-pollers")).containsText(identity, SOON);
        assertThat(page.locator("#workflow-backlog")).containsText("none waiting", SOON);
        DashboardBrowser.screenshot(page, "task-queue", true);

        // and from the menu, by name
        page.navigate(browser.url("/task-queues"));
        DashboardBrowser.settle(page);
        page.locator("#task-queue-name input").fill(queue);
        page.click("#task-queue-show");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#workflow-pollers")).containsText(identity, SOON);
        page.context().close();
    }
}
