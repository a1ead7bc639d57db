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
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The workflow list pages with the server's page token (50 a page): paging through a list longer than one page in
 * real Chromium shows what the Temporal API's own second page holds, and Previous goes back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowListPagingIT {

    private static final int PAGE_SIZE = 50;
    private static final int WORKFLOWS = PAGE_SIZE + 5;

    private final CadenzaTopology stack = SystemStack.get();
    private DashboardBrowser browser;
    private Tenant tenant;
    private String namespace;
    private WorkflowServiceStubs stubs;
    private WorkflowClient client;

    @BeforeAll
    void setUp() {
        browser = new DashboardBrowser(stack.dashboardUrl());
        tenant = Tenant.signUp(stack, "ui-paging");
        namespace = (String) tenant.createActiveNamespace("paging", null).get("id");
        String apiKey = (String) tenant.createApiKey("ui-paging", Instant.now().plus(1, ChronoUnit.DAYS))
                .get("token");
        stubs = Sdk.stubs(stack.gatewayGrpcTarget(), apiKey);
        client = Sdk.client(stubs, namespace);
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    private ListWorkflowExecutionsResponse apiPage(String query, com.google.protobuf.ByteString token) {
        return stubs.blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(namespace).setQuery(query).setPageSize(PAGE_SIZE).setNextPageToken(token).build());
    }

    @Test
    void nextShowsTheSecondPageTheApiReturns_andPreviousGoesBack() {
        String prefix = "paged-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String query = "WorkflowId STARTS_WITH '" + prefix + "'";
        // running workflows nobody works on: they stay listed as they are
        for (int i = 0; i < WORKFLOWS; i++) {
            client.newUntypedWorkflowStub("Pager", WorkflowOptions.newBuilder().setTaskQueue("nobody-polls")
                    .setWorkflowId(prefix + i).build()).start();
        }
        ListWorkflowExecutionsResponse first = Poll.until("all " + WORKFLOWS + " listed", Duration.ofSeconds(60),
                () -> {
                    ListWorkflowExecutionsResponse page = apiPage(query, com.google.protobuf.ByteString.EMPTY);
                    return page.getExecutionsCount() == PAGE_SIZE && !page.getNextPageToken().isEmpty()
                            && apiPage(query, page.getNextPageToken()).getExecutionsCount() == WORKFLOWS - PAGE_SIZE
                            ? page : null;
                });
        List<String> secondPage = apiPage(query, first.getNextPageToken()).getExecutionsList().stream()
                .map(WorkflowExecutionInfo::getExecution).map(e -> e.getWorkflowId()).toList();

        Page page = browser.login(tenant.email, Tenant.PASSWORD);
        DashboardBrowser.settle(page);
        page.locator("#query input").fill(query);
        page.click("#search");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#count-all")).hasText("All " + WORKFLOWS);
        assertThat(page.locator("#page-label")).hasText("Page 1");
        assertThat(page.locator("#page-previous")).isDisabled();
        assertThat(page.locator("#page-next")).isEnabled();

        page.click("#page-next");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#page-label")).hasText("Page 2");
        assertThat(page.locator("#page-next")).isDisabled();
        Locator ids = page.locator("#workflows vaadin-grid-cell-content:visible").filter(
                new Locator.FilterOptions().setHasText(prefix));
        assertThat(ids).hasCount(WORKFLOWS - PAGE_SIZE);
        assertThat(ids.allTextContents().stream().map(String::trim).toList())
                .containsExactlyInAnyOrderElementsOf(secondPage);
        DashboardBrowser.screenshot(page, "workflows-page-2", false);

        page.click("#page-previous");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#page-label")).hasText("Page 1");
        assertThat(page.locator("#page-previous")).isDisabled();
        assertThat(page.locator("#page-next")).isEnabled();
        // the first page's rows, not the second's: the first of the API's first page is shown (the pattern runs in
        // the browser: no Java-only quoting; the id is [a-z0-9-])
        String newest = first.getExecutions(0).getExecution().getWorkflowId();
        assertThat(page.locator("#workflows vaadin-grid-cell-content:visible").filter(
                new Locator.FilterOptions().setHasText(java.util.regex.Pattern.compile(
                        "^\\s*" + newest + "\\s*$")))).hasCount(1);
        page.context().close();
    }
}
