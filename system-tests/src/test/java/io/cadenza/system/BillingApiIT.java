package io.cadenza.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.devstack.CadenzaTopology;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Billing's REST API through the gateway with real credentials: the owner's Keycloak token and API key are resolved
 * by the control plane for billing (client cadenza-billing); a developer is refused; another account's invoice is
 * not found. (Usage itself needs the stack's Kafka broker, tested where that lands.)
 */
class BillingApiIT {

    private final CadenzaTopology stack = SystemStack.get();

    @Test
    void ownersSeeTheirPlanAndInvoicesDevelopersAndOtherAccountsDoNot() {
        Tenant hooli = Tenant.signUp(stack, "hooli");
        Tenant piedPiper = Tenant.signUp(stack, "piedpiper");
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        String invoiceId = "inv-" + hooli.accountId + "-" + month;

        Response plan = hooli.api().get("/api/v1/billing/plan");
        assertThat(plan.statusCode()).as(plan.asString()).isEqualTo(200);
        assertThat(plan.jsonPath().getString("plan")).isEqualTo("essentials");
        Response invoices = hooli.api().get("/api/v1/invoices");
        assertThat(invoices.statusCode()).as(invoices.asString()).isEqualTo(200);
        assertThat(invoices.jsonPath().getList("invoices.id", String.class)).contains(invoiceId);
        Response usage = hooli.api().queryParam("granularity", "DAILY").get("/api/v1/usage");
        assertThat(usage.statusCode()).as(usage.asString()).isEqualTo(200);

        // an API key of the owner works like the owner's token
        String key = (String) hooli.createApiKey("billing-reader", Instant.now().plus(1, ChronoUnit.DAYS))
                .get("token");
        given().baseUri(stack.gatewayHttpUrl()).header("Authorization", "Bearer " + key)
                .get("/api/v1/invoices/" + invoiceId).then().statusCode(200);

        // another account's invoice does not exist for this caller
        Response other = piedPiper.api().get("/api/v1/invoices/" + invoiceId);
        assertThat(other.statusCode()).as(other.asString()).isEqualTo(404);

        // a developer (here a service account) may not see billing
        Response created = hooli.api().body(Map.of("name", "ci", "accountRole", "developer",
                "namespaceAccesses", Map.of())).post("/api/v1/service-accounts");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String saToken = Tenant.clientCredentialsToken(stack,
                created.jsonPath().getString("serviceAccount.clientId"), created.jsonPath().getString("clientSecret"));
        Response refused = given().baseUri(stack.gatewayHttpUrl()).header("Authorization", "Bearer " + saToken)
                .get("/api/v1/usage");
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }
}
