package io.cadenza.system.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.cadenza.devstack.CadenzaTopology;
import io.cadenza.system.Sdk;
import io.cadenza.system.SystemStack;
import io.cadenza.system.Tenant;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A batch terminate from the workflow list, in real Chromium against the whole running system: the number of
 * matching running workflows is shown before confirming, the progress until the batch completes, and the batch in
 * the namespace's batch history. Same style as {@link DashboardIT}; an account of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchActionsIT {

    private final CadenzaTopology stack = SystemStack.get();
    private DashboardBrowser browser;
    private Tenant tenant;
    private String namespace;
    private WorkflowClient client;

    @BeforeAll
    void setUp() {
        browser = new DashboardBrowser(stack.dashboardUrl());
        tenant = Tenant.signUp(stack, "ui-batch");
        namespace = (String) tenant.createActiveNamespace("batch", null).get("id");
        String apiKey = (String) tenant.createApiKey("ui-batch-client", Instant.now().plus(1, ChronoUnit.DAYS))
                .get("token");
        WorkflowServiceStubs stubs = Sdk.stubs(stack.gatewayGrpcTarget(), apiKey);
        client = Sdk.client(stubs, namespace);
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A run nobody works on: it stays Running until acted on. */
    private void startIdle(String workflowId) {
        client.newUntypedWorkflowStub("Idle", WorkflowOptions.newBuilder().setTaskQueue("nobody-polls-this")
                .setWorkflowId(workflowId).build()).start();
    }

    @Test
    void aBatchTerminateFromTheListShowsTheCountThenTheProgressAndLandsInTheHistory() {
        String prefix = "stale-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stale.add(prefix + i);
            startIdle(prefix + i);
        }
        String keep = "keep-" + UUID.randomUUID();
        startIdle(keep);

        Page page = browser.login(tenant.email, Tenant.PASSWORD);
        DashboardBrowser.settle(page);
        page.locator("#query input").fill("WorkflowId STARTS_WITH '" + prefix + "'");
        page.click("#search");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#workflows")).containsText(prefix + "5");

        // the dialog counts the matching running workflows before anything happens
        page.click("#batch-action");
        assertThat(page.locator("#batch-count")).hasText("6 running workflows match.");
        assertThat(page.locator("#batch-confirm")).hasText("Terminate 6 workflows");
        page.locator("#batch-reason input").fill("stale jobs");
        DashboardBrowser.screenshot(page, "batch-confirm", true);
        page.click("#batch-confirm");

        // then follows the job to its end
        assertThat(page.locator("#batch-progress-text")).hasText("6 of 6 done");
        assertThat(page.locator("#batch-state")).hasText("Completed");
        DashboardBrowser.screenshot(page, "batch-progress", false);
        for (String id : stale) {
            assertThat(client.newUntypedWorkflowStub(id).describe().getStatus())
                    .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
        }
        assertThat(client.newUntypedWorkflowStub(keep).describe().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

        // and the batch history lists it with its reason, who ran it and its counts
        page.navigate(browser.url("/batches"));
        DashboardBrowser.settle(page);
        assertThat(page.locator("#batches")).containsText("stale jobs");
        assertThat(page.locator("#batches")).containsText("6 of 6 done");
        assertThat(page.locator("#batches")).containsText("Completed");
        assertThat(page.locator("#batches")).containsText("Terminate");
        DashboardBrowser.screenshot(page, "batches", true);
        page.context().close();
    }
}
