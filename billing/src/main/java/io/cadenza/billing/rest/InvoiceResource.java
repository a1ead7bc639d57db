package io.cadenza.billing.rest;

import io.cadenza.billing.config.BillingClock;
import io.cadenza.billing.invoice.InvoiceHtml;
import io.cadenza.billing.invoice.InvoiceService;
import io.cadenza.billing.pricing.Invoice;
import io.cadenza.billing.store.PlanStore;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/invoices}: monthly invoices, drafts while the month is open. */
@Path("/api/v1/invoices")
@Tag(name = "Invoices")
@SecurityRequirement(name = "bearer")
@ApiErrors
public class InvoiceResource {
    @Inject
    Callers callers;
    @Inject
    InvoiceService invoices;
    @Inject
    PlanStore plans;
    @Inject
    BillingClock clock;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The account's invoices",
            description = "Open months' drafts first (the current month's is the month-to-date estimate), then the "
                    + "finalized invoices, newest first. Owners, admins and finance admins only.")
    public Uni<BillingDtos.InvoiceList> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return callers.billingReader(authorization)
                .call(p -> plans.ensureAccount(p.accountId(), clock.instant()))
                .chain(p -> invoices.list(p.accountId()))
                .map(list -> new BillingDtos.InvoiceList(list.stream().map(BillingDtos.InvoiceSummary::of).toList()));
    }

    @GET
    @Path("/{invoiceId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One invoice with its lines",
            description = "Ask with Accept: text/html for the printable page. Another account's invoice is 404.")
    public Uni<BillingDtos.InvoiceBody> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            @PathParam("invoiceId") String invoiceId) {
        return find(authorization, invoiceId).map(BillingDtos.InvoiceBody::of);
    }

    @GET
    @Path("/{invoiceId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One invoice as a printable HTML page")
    public Uni<String> html(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @PathParam("invoiceId") String invoiceId) {
        return find(authorization, invoiceId).map(InvoiceHtml::render);
    }

    private Uni<Invoice> find(String authorization, String invoiceId) {
        return callers.billingReader(authorization)
                .call(p -> plans.ensureAccount(p.accountId(), clock.instant()))
                .chain(p -> invoices.get(p.accountId(), invoiceId))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Invoice " + invoiceId
                        + " does not exist in your account.")));
    }
}
