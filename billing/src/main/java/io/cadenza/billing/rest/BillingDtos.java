package io.cadenza.billing.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cadenza.billing.pricing.BillingCalendar;
import io.cadenza.billing.pricing.Invoice;
import io.cadenza.billing.pricing.InvoiceLine;
import io.cadenza.billing.pricing.Plan;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of billing's REST API. Money and quantities are decimal strings (exact, never floating point). */
public final class BillingDtos {
    private BillingDtos() {
    }

    @Schema(name = "UsageResponse", description = "Shaped like Temporal Cloud's GetUsage response")
    public record UsageResponse(List<io.cadenza.billing.usage.UsageReport.Summary> summaries) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "InvoiceSummary")
    public record InvoiceSummary(String id,
                                 @Schema(description = "Set when finalized, e.g. CDZ-2026-000042") String number,
                                 @Schema(description = "yyyy-MM (UTC calendar month)") String month,
                                 @Schema(enumeration = {"draft", "finalized"}) String status,
                                 Instant periodStart, Instant periodEnd, String currency,
                                 @Schema(description = "Decimal dollars, e.g. \"123.45\"") String total,
                                 Instant finalizedAt) {
        static InvoiceSummary of(Invoice i) {
            return new InvoiceSummary(i.id(), i.number(), i.month().toString(), i.status().name().toLowerCase(),
                    BillingCalendar.start(i.month()), BillingCalendar.end(i.month()), "USD",
                    i.total().toPlainString(), i.finalizedAt());
        }
    }

    @Schema(name = "InvoiceList")
    public record InvoiceList(List<InvoiceSummary> invoices) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "InvoiceLine")
    public record Line(@Schema(enumeration = {"usage", "plan-fee", "adjustment"}) String kind, String description,
                       String namespace,
                       @Schema(enumeration = {"ACTIONS", "ACTIVE_STORAGE", "RETAINED_STORAGE"}) String type,
                       @Schema(description = "Decimal") String quantity,
                       @Schema(enumeration = {"actions", "GB-hours", "days", "late actions"}) String unit,
                       @Schema(description = "Decimal dollars, rounded half-even to cents") String amount) {
        static Line of(InvoiceLine l) {
            return new Line(l.kind().name().toLowerCase().replace('_', '-'), l.description(), l.namespaceId(),
                    l.type() == null ? null : l.type().name(), l.quantity().toPlainString(), l.unit(),
                    l.amount().toPlainString());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Invoice")
    public record InvoiceBody(String id, String number, String accountId, String month,
                              @Schema(enumeration = {"draft", "finalized"}) String status, Instant periodStart,
                              Instant periodEnd, String currency, List<Line> lines, String total,
                              Instant finalizedAt) {
        static InvoiceBody of(Invoice i) {
            return new InvoiceBody(i.id(), i.number(), i.accountId(), i.month().toString(),
                    i.status().name().toLowerCase(), BillingCalendar.start(i.month()), BillingCalendar.end(i.month()),
                    "USD", i.lines().stream().map(Line::of).toList(), i.total().toPlainString(), i.finalizedAt());
        }
    }

    @Schema(name = "PlanOffer")
    public record PlanOffer(String id, String displayName, String minimumMonthlyFee, String usageShare,
                            long includedActions, String includedActiveStorageGb,
                            String includedRetainedStorageGb) {
        static PlanOffer of(Plan p) {
            return new PlanOffer(p.id(), p.displayName(), p.minimumFee().toPlainString(),
                    p.usageShare().toPlainString(), p.includedActions(), p.includedActiveGb().toPlainString(),
                    p.includedRetainedGb().toPlainString());
        }
    }

    @Schema(name = "PlanChangeRecord")
    public record PlanChangeRecord(String plan, Instant effectiveAt) {
    }

    @Schema(name = "BillingPlan")
    public record PlanBody(@Schema(description = "The plan in force now") String plan, Instant since,
                           List<PlanOffer> available, List<PlanChangeRecord> history) {
    }

    @Schema(name = "PlanChangeRequest")
    public record PlanChangeRequest(@Schema(required = true, enumeration = {"essentials", "business"}) String plan) {
    }
}
