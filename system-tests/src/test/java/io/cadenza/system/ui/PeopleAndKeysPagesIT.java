package io.cadenza.system.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.cadenza.devstack.CadenzaTopology;
import io.cadenza.system.Poll;
import io.cadenza.system.SystemStack;
import io.cadenza.system.Tenant;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The people and API key pages in real Chromium, checked end to end: what the admin sees, and what the change does
 * to callers (a removed service account's secret no longer gets a token; a disabled or deleted API key gets 401).
 * An account of its own; the stack is the one {@link SystemStack} started for the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeopleAndKeysPagesIT {

    private final CadenzaTopology stack = SystemStack.get();
    private DashboardBrowser browser;
    private Tenant tenant;

    @BeforeAll
    void setUp() {
        browser = new DashboardBrowser(stack.dashboardUrl());
        tenant = Tenant.signUp(stack, "ui-people");
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    private Page open(String path) {
        Page page = browser.login(tenant.email, Tenant.PASSWORD);
        page.navigate(browser.url(path));
        DashboardBrowser.settle(page);
        return page;
    }

    /** The items of a control-plane list, as the owner sees them through the REST API. */
    private List<Map<String, Object>> list(String path) {
        return tenant.api().queryParam("pageSize", 200).get(path).then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    private Map<String, Object> find(String path, String field, String value) {
        return list(path).stream().filter(m -> value.equals(m.get(field))).findFirst().orElse(null);
    }

    /** The HTTP status of {@code GET /api/v1/me} with {@code bearer} as the credential. */
    private int meStatus(String bearer) {
        return given().baseUri(stack.gatewayHttpUrl()).header("Authorization", "Bearer " + bearer)
                .get("/api/v1/me").statusCode();
    }

    /**
     * The grid's visible cells whose whole text is {@code text}, a name of [a-z0-9-] (the pattern runs in the browser,
     * so no Java-only quoting; the role select's screen-reader label also holds the name; a Vaadin grid keeps
     * recycled rows, hidden).
     */
    private static Locator visibleCell(Page page, String gridId, String text) {
        return page.locator("#" + gridId + " vaadin-grid-cell-content:visible").filter(
                new Locator.FilterOptions().setHasText(Pattern.compile("^\\s*" + text + "\\s*$")));
    }

    @Test
    void aServiceAccountIsCreatedListedGivenAnotherRoleAndDeleted_andItsSecretStopsWorking() {
        String name = "ui-sa-" + UUID.randomUUID().toString().substring(0, 8);
        Page page = open("/admin/members");

        // create: the one-time secret is shown, and the account is listed with the chosen role
        page.click("#service-account-create");
        page.locator("#member-name input").fill(name);
        page.click("#member-save");
        String secret = page.locator("#member-secret input").inputValue();
        assertThat(secret).isNotBlank();
        page.click("#member-secret-done");
        DashboardBrowser.settle(page);
        assertThat(visibleCell(page, "service-accounts", name)).hasCount(1);
        Map<String, Object> created = find("/api/v1/service-accounts", "name", name);
        assertThat(created).isNotNull();
        assertThat(created.get("accountRole")).isEqualTo("developer");
        String id = (String) created.get("id");
        String clientId = (String) created.get("clientId");
        String token = Tenant.clientCredentialsToken(stack, clientId, secret);
        assertThat(meStatus(token)).isEqualTo(200);

        // another role, chosen in the row: the control plane has it
        page.locator("[id='member-role-" + id + "']:visible").click();
        page.locator("vaadin-select-item:visible").filter(new Locator.FilterOptions().setHasText("read-only"))
                .first().click();
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("Role of " + name + " changed"))).isVisible();
        assertThat(find("/api/v1/service-accounts", "id", id).get("accountRole")).isEqualTo("read-only");

        // delete, after confirming: gone from the page and the API, and its secret no longer gets a token
        DashboardBrowser.settle(page);
        page.locator("[id='member-remove-" + id + "']:visible").click();
        assertThat(page.locator("vaadin-dialog-overlay")).containsText("Remove " + name + "?");
        page.click("#member-remove-confirm");
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText(name + " removed"))).isVisible();
        DashboardBrowser.settle(page);
        assertThat(visibleCell(page, "service-accounts", name)).hasCount(0);
        assertThat(find("/api/v1/service-accounts", "id", id)).isNull();
        int grant = given().baseUri(stack.keycloakUrl()).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret).post("/realms/cadenza/protocol/openid-connect/token")
                .statusCode();
        assertThat(grant).isIn(400, 401);
        // a token it got before is refused too
        Poll.until("the removed service account's token refused", Duration.ofSeconds(30),
                () -> meStatus(token) == 401 || meStatus(token) == 403 ? true : null);
        page.context().close();
    }

    @Test
    void aDisabledApiKeyIsRefused_enabledAgainItWorks_andDeletedItIsRefusedForGood() {
        String name = "ui-key-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> key = tenant.createApiKey(name, Instant.now().plus(1, ChronoUnit.DAYS));
        String id = (String) key.get("id");
        String token = (String) key.get("token");
        assertThat(meStatus(token)).isEqualTo(200);
        Page page = open("/admin/api-keys");
        Locator toggle = page.locator("[id='api-key-toggle-" + id + "']:visible");
        assertThat(toggle).hasText("Disable");

        toggle.click();
        assertThat(toggle).hasText("Enable");
        assertThat(page.locator("#api-keys vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions()
                .setHasText("disabled"))).hasCount(1);
        assertThat(find("/api/v1/api-keys", "id", id).get("disabled")).isEqualTo(true);
        Poll.until("the disabled key refused", Duration.ofSeconds(30), () -> meStatus(token) == 401 ? true : null);

        toggle.click();
        assertThat(toggle).hasText("Disable");
        Poll.until("the enabled key accepted", Duration.ofSeconds(30), () -> meStatus(token) == 200 ? true : null);

        page.locator("[id='api-key-delete-" + id + "']:visible").click();
        assertThat(page.locator("vaadin-dialog-overlay")).containsText("Delete API key " + name + "?");
        page.click("#api-key-delete-confirm");
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("Key deleted"))).isVisible();
        DashboardBrowser.settle(page);
        assertThat(visibleCell(page, "api-keys", name)).hasCount(0);
        assertThat(find("/api/v1/api-keys", "id", id)).isNull();
        Poll.until("the deleted key refused", Duration.ofSeconds(30), () -> meStatus(token) == 401 ? true : null);
        page.context().close();
    }
}
