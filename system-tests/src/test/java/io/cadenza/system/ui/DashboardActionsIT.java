package io.cadenza.system.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
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
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's actions in real Chromium against the whole running system: workflow signal, cancel, reset, call
 * stack and queries, pending activities; schedules created with the SDK's ScheduleClient; saved views; namespace and
 * user administration with the audit log; readable errors. Same style as {@link DashboardIT}; an account of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardActionsIT {

    private static final String QUEUE = "ui-actions";

    private final CadenzaTopology stack = SystemStack.get();
    private DashboardBrowser browser;
    private Tenant tenant;
    private String namespace;
    private WorkflowServiceStubs stubs;
    private WorkflowClient client;
    private WorkerFactory workers;

    @BeforeAll
    void setUp() {
        browser = new DashboardBrowser(stack.dashboardUrl());
        tenant = Tenant.signUp(stack, "ui-actions");
        namespace = (String) tenant.createActiveNamespace("ops", null).get("id");
        String apiKey = (String) tenant.createApiKey("ui-actions-worker", Instant.now().plus(1, ChronoUnit.DAYS))
                .get("token");
        stubs = Sdk.stubs(stack.gatewayGrpcTarget(), apiKey);
        client = Sdk.client(stubs, namespace);
        workers = WorkerFactory.newInstance(client);
        Worker worker = workers.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(ActionWorkflows.WaiterImpl.class,
                ActionWorkflows.RetryingImpl.class, Sdk.GreetingImpl.class);
        worker.registerActivitiesImplementations(new ActionWorkflows.FlakyImpl(), new Sdk.GreeterImpl());
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

    private WorkflowStub startWaiter(String workflowId) {
        WorkflowStub stub = client.newUntypedWorkflowStub("Waiter", WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(workflowId).build());
        stub.start();
        return stub;
    }

    private Page openWorkflow(String workflowId) {
        Page page = browser.login(tenant.email, Tenant.PASSWORD);
        page.navigate(browser.url("/workflow?ns=" + namespace + "&id=" + workflowId));
        DashboardBrowser.settle(page);
        return page;
    }

    /** Clicks {@code refresh} until {@code target} shows {@code text} (the page shows a snapshot, not a stream). */
    private static void refreshUntil(Page page, String refresh, Locator target, String text) {
        Poll.until(target + " showing " + text, Duration.ofSeconds(30), () -> {
            page.click(refresh);
            DashboardBrowser.settle(page);
            return target.textContent().contains(text) ? true : null;
        });
    }

    private static Locator visibleCell(Page page, String gridId, String text) {
        return page.locator("#" + gridId + " vaadin-grid-cell-content:visible").filter(
                new Locator.FilterOptions().setHasText(text));
    }

    @Test
    void aSignalWithAJsonPayloadCompletesTheWaitingWorkflow_andTheCallStackAndAQueryShowWhereItIs() {
        String id = "waiter-" + UUID.randomUUID();
        WorkflowStub waiter = startWaiter(id);
        Page page = openWorkflow(id);
        assertThat(page.locator("#workflow-status")).hasText("Running");

        // the call stack (__stack_trace) and a query by name, answered by the worker
        page.click("#query-stack");
        assertThat(page.locator("#query-result")).containsText("WaiterImpl");
        page.locator("#query-name input").fill("status");
        page.click("#query-run");
        assertThat(page.locator("#query-result")).hasText("waiting for approve");
        DashboardBrowser.screenshot(page, "workflow-query", false);

        // signal "approve" with a JSON payload: the workflow completes with its value
        page.click("#action-signal");
        page.locator("#signal-name input").fill("approve");
        page.locator("#signal-input textarea").fill("{\"by\": \"pat\"}");
        DashboardBrowser.screenshot(page, "signal-dialog", false);
        page.click("#confirm-action");
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("Signal sent"))).isVisible();
        refreshUntil(page, "#workflow-refresh", page.locator("#workflow-status"), "Completed");
        assertThat(page.locator("#result")).containsText("approved by pat");
        assertThat(page.locator("#timeline")).containsText("Signal received: approve");
        assertThat(waiter.getResult(String.class)).isEqualTo("approved by pat");
        assertThat(page.locator("#action-signal")).isDisabled();
        page.context().close();
    }

    @Test
    void cancelAsksForConfirmationAndTheWorkflowEndsCanceled() {
        String id = "waiter-cancel-" + UUID.randomUUID();
        startWaiter(id);
        Page page = openWorkflow(id);
        assertThat(page.locator("#workflow-status")).hasText("Running");
        page.click("#action-cancel");
        assertThat(page.locator("vaadin-dialog-overlay")).containsText("Cancel " + id + "?");
        DashboardBrowser.screenshot(page, "cancel-confirm", false);
        page.click("#confirm-action");
        refreshUntil(page, "#workflow-refresh", page.locator("#workflow-status"), "Canceled");
        assertThat(client.newUntypedWorkflowStub(id).describe().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
        page.context().close();
    }

    @Test
    void resetToAWorkflowTaskStartsANewRunThatCompletes() {
        String id = "greet-reset-" + UUID.randomUUID();
        Sdk.Greeting greeting = client.newWorkflowStub(Sdk.Greeting.class, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(id).build());
        assertThat(greeting.greet("reset")).isEqualTo("Hello, reset!");
        String firstRun = client.newUntypedWorkflowStub(id).describe().getExecution().getRunId();
        Page page = openWorkflow(id);
        assertThat(page.locator("#workflow-status")).hasText("Completed");

        page.click("#action-reset");
        page.click("#reset-event");
        // the first completed workflow task: the new run replays up to it and runs the activity again
        page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText("#4 ")).click();
        assertThat(page.locator("#reset-event")).containsText("WorkflowTaskCompleted");
        DashboardBrowser.screenshot(page, "reset-dialog", false);
        page.click("#confirm-action");
        page.waitForURL(url -> url.contains("run=") && !url.contains(firstRun));
        DashboardBrowser.settle(page);
        assertThat(page.locator("#summary")).not().containsText(firstRun);
        refreshUntil(page, "#workflow-refresh", page.locator("#workflow-status"), "Completed");
        assertThat(page.locator("#result")).containsText("Hello, reset!");
        String newRun = client.newUntypedWorkflowStub(id).describe().getExecution().getRunId();
        assertThat(newRun).isNotEqualTo(firstRun);
        assertThat(page.locator("#summary")).containsText(newRun);

        // both runs are in the list
        page.navigate(browser.url("/workflows"));
        DashboardBrowser.settle(page);
        page.locator("#query input").fill("WorkflowId = '" + id + "'");
        page.click("#search");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#count-all")).hasText("All 2");
        assertThat(visibleCell(page, "workflows", firstRun)).hasCount(1);
        assertThat(visibleCell(page, "workflows", newRun)).hasCount(1);
        page.context().close();
    }

    @Test
    void aRetryingActivityShowsAsPendingWithItsAttemptAndLastFailure() {
        String id = "retrying-" + UUID.randomUUID();
        WorkflowStub retrying = client.newUntypedWorkflowStub("Retrying", WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(id).build());
        retrying.start();
        Page page = openWorkflow(id);
        Locator pending = page.locator("#pending-activities");
        refreshUntil(page, "#workflow-refresh", pending, "downstream unavailable");
        assertThat(pending).containsText("CallDownstream");
        assertThat(pending).containsText("DownstreamDown");
        // attempt n (the server's count) of the 100 allowed, with the failure of the attempt before
        assertThat(pending).containsText(Pattern.compile("\\D([2-9]|[1-9]\\d) / 100"));
        assertThat(pending).not().containsText("PendingActivityState");
        pending.scrollIntoViewIfNeeded();
        DashboardBrowser.screenshot(page, "pending-activities", false);
        page.context().close();
        retrying.terminate("test done");
    }

    @Test
    void errorsShowAsReadableNotifications() {
        String id = "waiter-closed-" + UUID.randomUUID();
        WorkflowStub waiter = startWaiter(id);
        Page page = openWorkflow(id);
        assertThat(page.locator("#workflow-status")).hasText("Running");

        // input that is not JSON is refused before anything is sent: the dialog stays open with the reason
        page.click("#action-signal");
        page.locator("#signal-name input").fill("approve");
        page.locator("#signal-input textarea").fill("{by: pat");
        page.click("#confirm-action");
        assertThat(page.locator("#signal-input")).hasAttribute("invalid", "");
        assertThat(page.locator("#signal-input")).containsText("not valid JSON");
        DashboardBrowser.screenshot(page, "signal-invalid-json", false);

        // the run closes behind the page's back: signalling it shows the server's reason, no stack trace
        waiter.terminate("closed by the test");
        page.locator("#signal-input textarea").fill("{\"by\": \"pat\"}");
        page.click("#confirm-action");
        Locator error = page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("Signal approve"));
        assertThat(error).isVisible();
        assertThat(error).containsText("already completed");
        // and the page shows the run as it is now
        assertThat(page.locator("#workflow-status")).hasText("Terminated");
        assertThat(page.locator("#action-signal")).isDisabled();
        assertThat(String.join("\n", page.locator("vaadin-notification-card").allTextContents()))
                .doesNotContain("Exception", "StatusRuntime", "\tat ", ".java:");
        DashboardBrowser.screenshot(page, "signal-closed-error", false);
        page.context().close();
    }

    @Test
    void aScheduleFromTheSdkIsListedDescribedPausedAndTriggered() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String scheduleId = "nightly-" + unique;
        String workflowId = "scheduled-greet-" + unique;
        ScheduleClient schedules = ScheduleClient.newInstance(stubs, ScheduleClientOptions.newBuilder()
                .setNamespace(namespace).build());
        schedules.createSchedule(scheduleId, Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder().setWorkflowType("Greeting")
                        .setArguments("schedule")
                        .setOptions(WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(QUEUE)
                                .build()).build())
                .setSpec(ScheduleSpec.newBuilder().setIntervals(List.of(new ScheduleIntervalSpec(
                        Duration.ofHours(1)))).build())
                .build(), ScheduleOptions.newBuilder().build());
        try {
            Page page = browser.login(tenant.email, Tenant.PASSWORD);
            page.navigate(browser.url("/schedules"));
            DashboardBrowser.settle(page);
            Locator row = visibleCell(page, "schedules", scheduleId);
            assertThat(row).hasCount(1);
            assertThat(page.locator("#schedules")).containsText("Greeting");
            row.click();
            DashboardBrowser.settle(page);
            assertThat(page.locator("#schedule-title")).hasText(scheduleId);
            assertThat(page.locator("#schedule-next-runs")).containsText(" UTC");
            assertThat(page.locator("#schedule-recent-actions")).hasText("(none)");

            page.click("#schedule-pause");
            assertThat(page.locator("#schedule-title")).hasText(scheduleId + " (paused)");
            assertThat(page.locator("#schedule-pause")).hasText("Unpause");
            assertThat(page.locator("#schedules [data-status=Paused]")).hasCount(1);
            assertThat(page.locator("#schedule-notes")).containsText("paused from the dashboard");
            assertThat(schedules.getHandle(scheduleId).describe().getSchedule().getState().isPaused()).isTrue();
            page.click("#schedule-pause");
            assertThat(page.locator("#schedule-title")).hasText(scheduleId);
            assertThat(page.locator("#schedule-pause")).hasText("Pause");

            page.click("#schedule-trigger");
            DashboardBrowser.settle(page);
            refreshUntil(page, "#schedule-refresh", page.locator("#schedule-recent-actions"), workflowId);
            DashboardBrowser.screenshot(page, "schedule", true);

            // the triggered run is in the workflow list
            page.navigate(browser.url("/workflows"));
            DashboardBrowser.settle(page);
            page.locator("#query input").fill("WorkflowId STARTS_WITH '" + workflowId + "'");
            page.click("#search");
            DashboardBrowser.settle(page);
            assertThat(page.locator("#count-all")).hasText("All 1");
            assertThat(visibleCell(page, "workflows", "Greeting")).hasCount(1);
            page.context().close();
        } finally {
            schedules.getHandle(scheduleId).delete();
        }
    }

    @Test
    void aSavedViewRestoresItsQueryAfterAReload() {
        String view = "greetings-" + UUID.randomUUID().toString().substring(0, 8);
        String query = "WorkflowType = 'Greeting' AND ExecutionStatus = 'Completed'";
        Page page = browser.login(tenant.email, Tenant.PASSWORD);
        DashboardBrowser.settle(page);
        page.locator("#query input").fill(query);
        page.click("#search");
        DashboardBrowser.settle(page);
        page.click("#save-view");
        page.locator("#view-name input").fill(view);
        page.click("#view-save");
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("View saved"))).isVisible();

        page.reload();
        DashboardBrowser.settle(page);
        assertThat(page.locator("#query input")).hasValue("");
        page.locator("#saved-views input").fill(view);
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText(view)).click();
        DashboardBrowser.settle(page);
        assertThat(page.locator("#query input")).hasValue(query);
        DashboardBrowser.screenshot(page, "saved-view", false);
        page.context().close();
    }

    @Test
    void anAdminCreatesEditsAndDeletesANamespace_andTheAuditLogListsIt() {
        Tenant admin = Tenant.signUp(stack, "ui-admin");
        String name = "billing";
        String id = name + "." + admin.accountId;
        Page page = browser.login(admin.email, Tenant.PASSWORD);
        page.navigate(browser.url("/admin/namespaces"));
        DashboardBrowser.settle(page);

        // create with retention and a search attribute: provisioned on a cell, then active
        page.click("#namespace-create");
        page.locator("#namespace-name input").fill(name);
        page.locator("#namespace-retention input").fill("3");
        page.locator("#namespace-attributes textarea").fill("CustomerId=Keyword");
        DashboardBrowser.screenshot(page, "namespace-create", false);
        page.click("#namespace-save");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#namespaces")).containsText(id);
        refreshUntil(page, "#namespace-refresh", page.locator("#namespaces"), "active");
        assertThat(page.locator("#namespaces")).containsText("CustomerId:Keyword");
        assertThat(page.locator("#namespaces vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^3$")))).hasCount(1);
        DashboardBrowser.screenshot(page, "namespaces", true);

        // edit its retention, and turn delete protection on
        page.click("[id='namespace-edit-" + id + "']");
        assertThat(page.locator("#namespace-name input")).hasValue(name);
        page.locator("#namespace-retention input").fill("5");
        page.click("#namespace-protection");
        page.click("#namespace-save");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#namespaces vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^5$")))).hasCount(1);
        assertThat(admin.api().get("/api/v1/namespaces/" + id).jsonPath().getInt("retentionDays")).isEqualTo(5);

        // protected: the delete is refused with the control plane's reason
        page.click("[id='namespace-delete-" + id + "']");
        page.click("#namespace-delete-confirm");
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("delete protection"))).isVisible();
        page.keyboard().press("Escape");

        // protection off, then the delete goes through and the namespace disappears
        page.click("[id='namespace-edit-" + id + "']");
        page.click("#namespace-protection");
        page.click("#namespace-save");
        DashboardBrowser.settle(page);
        page.click("[id='namespace-delete-" + id + "']");
        page.click("#namespace-delete-confirm");
        DashboardBrowser.settle(page);
        Poll.until("namespace " + id + " gone", Duration.ofSeconds(60), () -> {
            page.click("#namespace-refresh");
            DashboardBrowser.settle(page);
            return visibleCell(page, "namespaces", id).count() == 0 ? true : null;
        });

        page.navigate(browser.url("/admin/audit-log"));
        DashboardBrowser.settle(page);
        Locator audit = page.locator("#audit-log");
        assertThat(audit).containsText("namespace.create");
        assertThat(audit).containsText("namespace.update");
        assertThat(audit).containsText("namespace.delete");
        assertThat(audit).containsText(admin.email);
        DashboardBrowser.screenshot(page, "audit-log", true);
        page.context().close();
    }

    @Test
    void anAdminInvitesAUserAndSeesTheOneTimePassword() {
        Tenant admin = Tenant.signUp(stack, "ui-invite");
        String invited = "pat@" + admin.accountName + ".example";
        Page page = browser.login(admin.email, Tenant.PASSWORD);
        page.navigate(browser.url("/admin/members"));
        DashboardBrowser.settle(page);
        page.click("#user-invite");
        page.locator("#member-name input").fill(invited);
        page.locator("#member-groups input").fill("managers");
        page.click("#member-save");
        String password = page.locator("#member-secret input").inputValue();
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        DashboardBrowser.screenshot(page, "member-invited", false);
        page.click("#member-secret-done");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#users")).containsText(invited);
        assertThat(page.content()).doesNotContain(password);
        // the one-time password works: the invited user logs in
        assertThat(Tenant.passwordToken(stack, invited, password)).isNotBlank();

        page.navigate(browser.url("/admin/audit-log"));
        DashboardBrowser.settle(page);
        assertThat(page.locator("#audit-log")).containsText("user.invite");
        page.context().close();
    }
}
