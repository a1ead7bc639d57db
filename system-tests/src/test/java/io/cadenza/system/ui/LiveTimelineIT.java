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
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A run's graphical timeline and its live page, in real Chromium against the whole running system: the retried
 * activity's failed attempts and the timer are drawn; a running run's page shows its completion with nobody
 * clicking. Same style as {@link DashboardIT}; an account of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveTimelineIT {

    private static final String QUEUE = "ui-timeline";
    /** "Within a few seconds": the page polls every 2 s; this leaves room for a loaded machine. */
    private static final LocatorAssertions.HasTextOptions SOON = new LocatorAssertions.HasTextOptions()
            .setTimeout(12_000);

    private final CadenzaTopology stack = SystemStack.get();
    private DashboardBrowser browser;
    private Tenant tenant;
    private String namespace;
    private WorkflowClient client;
    private WorkerFactory workers;

    @BeforeAll
    void setUp() {
        browser = new DashboardBrowser(stack.dashboardUrl());
        tenant = Tenant.signUp(stack, "ui-timeline");
        namespace = (String) tenant.createActiveNamespace("timeline", null).get("id");
        String apiKey = (String) tenant.createApiKey("ui-timeline-worker", Instant.now().plus(1, ChronoUnit.DAYS))
                .get("token");
        WorkflowServiceStubs stubs = Sdk.stubs(stack.gatewayGrpcTarget(), apiKey);
        client = Sdk.client(stubs, namespace);
        reachable(stubs, namespace);
        workers = WorkerFactory.newInstance(client);
        Worker worker = workers.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(TimelineWorkflows.ShipmentImpl.class,
                ActionWorkflows.WaiterImpl.class);
        worker.registerActivitiesImplementations(new TimelineWorkflows.CarrierImpl());
        workers.start();
    }

    /**
     * Waits until the new namespace answers DescribeNamespace (what a worker calls first, with the SDK's 10 s
     * deadline): on a loaded machine the first calls to a freshly started cell can take longer.
     */
    static void reachable(WorkflowServiceStubs stubs, String namespace) {
        io.cadenza.system.Poll.until("namespace " + namespace + " answering", java.time.Duration.ofSeconds(90), () -> {
            try {
                stubs.blockingStub().describeNamespace(io.temporal.api.workflowservice.v1.DescribeNamespaceRequest
                        .newBuilder().setNamespace(namespace).build());
                return true;
            } catch (io.grpc.StatusRuntimeException e) {
                return null;
            }
        });
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

    private Page openWorkflow(String workflowId) {
        Page page = browser.login(tenant.email, Tenant.PASSWORD);
        page.navigate(browser.url("/workflow?ns=" + namespace + "&id=" + workflowId));
        DashboardBrowser.settle(page);
        return page;
    }

    @Test
    void theTimelineOfARunWithARetriedActivityAndATimerShowsBoth_andZooms() {
        String id = "shipment-" + UUID.randomUUID();
        WorkflowStub run = client.newUntypedWorkflowStub("Shipment", WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(id).build());
        run.start();
        assertThat(run.getResult(String.class)).isEqualTo("booked on attempt 3, shipped");

        Page page = openWorkflow(id);
        assertThat(page.locator("#workflow-status")).hasText("Completed");
        Locator svg = page.locator("#timeline-svg");
        Locator activity = svg.locator("g.lane[data-lane-kind=ACTIVITY]");
        assertThat(activity).hasCount(1);
        assertThat(activity.locator("text.lane-label")).containsText("Book");
        assertThat(activity.locator("text.lane-label")).containsText("Completed on attempt 3 (2 failed)");
        // each attempt a segment: two failed ones, then the one that completed
        assertThat(activity.locator("rect[data-kind=FAILED_ATTEMPT]")).hasCount(2);
        assertThat(activity.locator("rect[data-kind=COMPLETED]")).hasCount(1);
        assertThat(activity.locator("rect[data-kind=FAILED_ATTEMPT] title").last())
                .containsText("carrier busy (attempt 2)");
        Locator timer = svg.locator("g.lane[data-lane-kind=TIMER]");
        assertThat(timer).hasCount(1);
        assertThat(timer.locator("text.lane-label")).containsText("Timer");
        assertThat(timer.locator("text.lane-label")).containsText("2.0s");
        assertThat(timer.locator("rect[data-kind=FIRED]")).hasCount(1);
        assertThat(svg.locator("g.lane[data-lane-kind=WORKFLOW_TASKS] rect[data-kind=COMPLETED]").first())
                .isAttached();
        assertThat(svg.locator("g.marker[data-kind=CLOSE]")).hasCount(1);
        // the events table stays beside it
        assertThat(page.locator("#history")).isVisible();
        assertThat(page.locator("#timeline-window")).hasText(java.util.regex.Pattern.compile("^Whole run: .*"));
        DashboardBrowser.screenshot(page, "workflow-graph", true);

        // zoom: in around the middle, then to the timer's lane by clicking its label, then back to the whole run
        page.click("#timeline-zoom-in");
        assertThat(page.locator("#timeline-window")).hasText(java.util.regex.Pattern.compile("^Window: .*"));
        timer.locator("text.lane-label").click();
        assertThat(page.locator("#timeline-window")).hasText(java.util.regex.Pattern.compile("^Window: 2\\.[0-9]s"));
        page.click("#timeline-fit");
        assertThat(page.locator("#timeline-window")).hasText(java.util.regex.Pattern.compile("^Whole run: .*"));
        page.context().close();
    }

    @Test
    void aRunningRunsPageReflectsItsCompletionWithoutAClick() {
        String id = "live-" + UUID.randomUUID();
        WorkflowStub waiter = client.newUntypedWorkflowStub("Waiter", WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(id).build());
        waiter.start();
        Page page = openWorkflow(id);
        assertThat(page.locator("#workflow-status")).hasText("Running");
        assertThat(page.locator("#timeline-window")).containsText("live");

        // someone else signals the run; this page is not touched
        waiter.signal("approve", Map.of("by", "ops"));
        assertThat(waiter.getResult(String.class)).isEqualTo("approved by ops");

        assertThat(page.locator("#workflow-status")).hasText("Completed", SOON);
        assertThat(page.locator("#result")).containsText("approved by ops");
        assertThat(page.locator("#timeline-svg g.marker[data-kind=SIGNAL]")).hasCount(1);
        assertThat(page.locator("#timeline-window")).not().containsText("live");
        page.context().close();
    }
}
