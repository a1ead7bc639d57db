package io.cadenza.dashboard.backend;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.dashboard.security.UserToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;

/** The billing service's REST API through the gateway ({@code billing/README.md}), called with the user's token. */
@ApplicationScoped
public class BillingClient {

    @Inject
    GatewayRest rest;

    /** Daily usage from {@code start} to {@code end}, grouped by namespace. */
    public JsonNode dailyUsageByNamespace(UserToken user, Instant start, Instant end) {
        return rest.get(user, "/api/v1/usage?granularity=DAILY&groupBy=namespace&start="
                + GatewayRest.encode(start.toString()) + "&end=" + GatewayRest.encode(end.toString()));
    }

    public JsonNode invoices(UserToken user) {
        return rest.get(user, "/api/v1/invoices");
    }

    public JsonNode invoice(UserToken user, String id) {
        return rest.get(user, "/api/v1/invoices/" + GatewayRest.encode(id));
    }

    public JsonNode plan(UserToken user) {
        return rest.get(user, "/api/v1/billing/plan");
    }

    public JsonNode changePlan(UserToken user, String plan) {
        return rest.put(user, "/api/v1/billing/plan", Map.of("plan", plan));
    }
}
