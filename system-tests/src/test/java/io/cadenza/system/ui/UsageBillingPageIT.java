package io.cadenza.system.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import io.cadenza.devstack.CadenzaTopology;
import io.cadenza.system.SystemStack;
import io.cadenza.system.Tenant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The "Usage & billing" page in real Chromium: chart, estimate, plan, invoice list and an invoice's page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageBillingPageIT {

    private final CadenzaTopology stack = SystemStack.get();
    private DashboardBrowser browser;
    private Tenant owner;

    @BeforeAll
    void setUp() {
        browser = new DashboardBrowser(stack.dashboardUrl());
        owner = Tenant.signUp(stack, "ui-billing");
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOwnerSeesUsageTheEstimateAndOpensTheCurrentInvoice() {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        Page page = browser.login(owner.email, Tenant.PASSWORD);
        page.navigate(browser.url("/billing"));
        page.waitForSelector("#actions-chart");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#month-estimate")).hasText(java.util.regex.Pattern.compile("^\\$\\d+\\.\\d\\d$"));
        assertThat(page.locator("#current-plan")).containsText("Essentials");
        page.waitForSelector("vaadin-grid-cell-content:has-text('" + month + "')");
        DashboardBrowser.screenshot(page, "usage-billing", false);

        page.click("vaadin-grid-cell-content:has-text('" + month + "')");
        page.waitForSelector("#invoice-title");
        DashboardBrowser.settle(page);
        assertThat(page.locator("#invoice-title")).hasText("Invoice " + month + " (draft)");
        assertThat(page.locator("#invoice-total")).containsText("Total: $");
        page.waitForSelector("vaadin-grid-cell-content:has-text('Essentials plan')");
        DashboardBrowser.screenshot(page, "invoice", false);
    }
}
