package io.cadenza.billing.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.cadenza.billing.testing.BillingTestResources;
import io.cadenza.billing.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may see and change what: tokens are resolved by a stub of the control plane ({@code <role>-<account>}). */
@QuarkusTest
@QuarkusTestResource(BillingTestResources.class)
class BillingApiAuthorizationTest {
    @Inject
    TestClock clock;

    @BeforeEach
    void now() {
        clock.set(Instant.parse("2026-12-03T12:00:00Z"));
    }

    @Test
    void withoutOrWithAnUnknownTokenIs401ProblemJson() {
        given().when().get("/api/v1/usage")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("Authorization: Bearer"));
        given().auth().oauth2("nobody").when().get("/api/v1/invoices")
                .then().statusCode(401).body("detail", equalTo("Unknown API key."));
    }

    @Test
    void membersWithoutABillingRoleAre403() {
        for (String path : new String[] {"/api/v1/usage", "/api/v1/invoices", "/api/v1/billing/plan",
                "/api/v1/invoices/inv-accauth-2026-12"}) {
            given().auth().oauth2("developer-accauth").when().get(path)
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("developer"));
            given().auth().oauth2("read-only-accauth").when().get(path).then().statusCode(403);
        }
        given().auth().oauth2("finance-admin-accauth").when().get("/api/v1/usage").then().statusCode(200);
        given().auth().oauth2("admin-accauth").when().get("/api/v1/invoices").then().statusCode(200);
    }

    @Test
    void anotherAccountsInvoiceIs404() {
        given().auth().oauth2("owner-accother").when().get("/api/v1/invoices")
                .then().statusCode(200).body("invoices.id", hasItem("inv-accother-2026-12"));
        given().auth().oauth2("owner-accother").when().get("/api/v1/invoices/inv-accother-2026-12")
                .then().statusCode(200).body("accountId", equalTo("accother"));
        given().auth().oauth2("owner-accauth").when().get("/api/v1/invoices/inv-accother-2026-12")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2("owner-accauth").when().get("/api/v1/invoices/not-an-invoice")
                .then().statusCode(404);
    }

    @Test
    void theInvoiceIsAlsoAPrintablePage() {
        given().auth().oauth2("owner-acchtml").accept("text/html")
                .when().get("/api/v1/invoices/inv-acchtml-2026-12")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("DRAFT"))
                .body(containsString("Essentials plan, Dec 3-31 (29 of 31 days)"));
    }

    @Test
    void ownersChangeThePlanFinanceAdminsOnlyReadIt() {
        given().auth().oauth2("owner-accplan").when().get("/api/v1/billing/plan")
                .then().statusCode(200).body("plan", equalTo("essentials"))
                .body("available.id", hasItem("business"));
        given().auth().oauth2("finance-admin-accplan").contentType("application/json")
                .body("{\"plan\":\"business\"}").when().put("/api/v1/billing/plan")
                .then().statusCode(403);
        given().auth().oauth2("owner-accplan").contentType("application/json")
                .body("{\"plan\":\"platinum\"}").when().put("/api/v1/billing/plan")
                .then().statusCode(400).body("detail", containsString("essentials"));

        clock.set(Instant.parse("2026-12-15T10:00:00Z"));
        given().auth().oauth2("owner-accplan").contentType("application/json")
                .body("{\"plan\":\"business\"}").when().put("/api/v1/billing/plan")
                .then().statusCode(200).body("plan", equalTo("business"))
                .body("history.size()", equalTo(2));
        // Essentials Dec 3-14 (12 days): 100 x 12/31 = 38.71; Business Dec 15-31: 500 x 17/31 = 274.19
        given().auth().oauth2("finance-admin-accplan").accept("application/json")
                .when().get("/api/v1/invoices/inv-accplan-2026-12")
                .then().statusCode(200)
                .body("lines.amount", equalTo(java.util.List.of("38.71", "274.19")))
                .body("total", equalTo("312.90"));
    }

    @Test
    void badQueriesAreExplained() {
        given().auth().oauth2("owner-accauth").queryParam("granularity", "WEEKLY").when().get("/api/v1/usage")
                .then().statusCode(400).body("detail", containsString("HOURLY or DAILY"));
        given().auth().oauth2("owner-accauth").queryParam("start", "yesterday").when().get("/api/v1/usage")
                .then().statusCode(400).body("detail", containsString("RFC 3339"));
        given().auth().oauth2("owner-accauth").queryParam("groupBy", "cell").when().get("/api/v1/usage")
                .then().statusCode(400).body("detail", containsString("namespace and kind"));
        given().auth().oauth2("owner-accauth").queryParam("start", "2026-01-01T00:00:00Z")
                .queryParam("end", "2026-12-01T00:00:00Z").queryParam("granularity", "HOURLY")
                .when().get("/api/v1/usage")
                .then().statusCode(400).body("detail", containsString("31 days"));
    }
}
