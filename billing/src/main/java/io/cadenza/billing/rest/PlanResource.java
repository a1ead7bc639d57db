package io.cadenza.billing.rest;

import io.cadenza.billing.config.BillingClock;
import io.cadenza.billing.pricing.PlanChange;
import io.cadenza.billing.pricing.PriceBook;
import io.cadenza.billing.store.BillingReads;
import io.cadenza.billing.store.PlanStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/billing/plan}: the account's plan and its changes. */
@Path("/api/v1/billing/plan")
@Tag(name = "Billing plan")
@SecurityRequirement(name = "bearer")
@ApiErrors
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {
    @Inject
    Callers callers;
    @Inject
    PlanStore plans;
    @Inject
    BillingReads reads;
    @Inject
    Pool pool;
    @Inject
    PriceBook prices;
    @Inject
    BillingClock clock;

    @GET
    @Operation(summary = "The plan in force, the plans on offer and the history of changes",
            description = "Owners, admins and finance admins only. New accounts start on Essentials.")
    public Uni<BillingDtos.PlanBody> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return callers.billingReader(authorization)
                .call(p -> plans.ensureAccount(p.accountId(), clock.instant()))
                .chain(p -> body(p.accountId()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the plan, effective now",
            description = "Owners and admins only. The plan fees of the month are prorated by day: the day of the "
                    + "change is billed on the new plan.")
    public Uni<BillingDtos.PlanBody> change(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            BillingDtos.PlanChangeRequest request) {
        if (request == null || request.plan() == null || request.plan().isBlank()) {
            throw ProblemException.invalid("plan", "is required (one of " + prices.plans().keySet() + ")");
        }
        if (prices.plan(request.plan()) == null) {
            throw ProblemException.invalid("plan", "must be one of " + prices.plans().keySet() + " (got '"
                    + request.plan() + "')");
        }
        return callers.planChanger(authorization)
                .call(p -> plans.change(p.accountId(), request.plan(), p.who(), clock.instant()))
                .chain(p -> body(p.accountId()));
    }

    private Uni<BillingDtos.PlanBody> body(String accountId) {
        return reads.planHistory(pool, accountId).map(history -> {
            PlanChange current = history.get(history.size() - 1);
            for (PlanChange c : history) {
                if (!c.effectiveAt().isAfter(clock.instant())) {
                    current = c;
                }
            }
            List<BillingDtos.PlanOffer> offers = prices.plans().values().stream()
                    .sorted((a, b) -> a.minimumFee().compareTo(b.minimumFee()))
                    .map(BillingDtos.PlanOffer::of).toList();
            return new BillingDtos.PlanBody(current.planId(), current.effectiveAt(), offers,
                    history.stream().map(c -> new BillingDtos.PlanChangeRecord(c.planId(), c.effectiveAt())).toList());
        });
    }
}
