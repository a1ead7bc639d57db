package io.cadenza.billing.rest;

import io.cadenza.billing.config.BillingClock;
import io.cadenza.billing.store.BillingReads;
import io.cadenza.billing.usage.UsageReport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/usage}: the account's usage per period, like Temporal Cloud's GetUsage. */
@Path("/api/v1/usage")
@Tag(name = "Usage")
@SecurityRequirement(name = "bearer")
@ApiErrors
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {
    static final Duration MAX_HOURLY = Duration.ofDays(31);
    static final Duration MAX_DAILY = Duration.ofDays(400);

    @Inject
    Callers callers;
    @Inject
    BillingReads reads;
    @Inject
    Pool pool;
    @Inject
    BillingClock clock;

    @GET
    @Operation(summary = "Usage of the caller's account per hour or day",
            description = "Owners, admins and finance admins only. Periods are UTC; start is rounded down and end up "
                    + "to whole periods. Actions are counts (unit NUMBER), storage is byte-seconds. A period that has "
                    + "not ended yet is incomplete.")
    public Uni<BillingDtos.UsageResponse> usage(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = "RFC 3339 timestamp; default: start of the current UTC month")
            @QueryParam("start") String start,
            @Parameter(description = "RFC 3339 timestamp; default: now") @QueryParam("end") String end,
            @Parameter(description = "HOURLY or DAILY (default DAILY)") @QueryParam("granularity") String granularity,
            @Parameter(description = "Comma-separated: namespace, kind (default namespace)")
            @QueryParam("groupBy") String groupBy) {
        Instant now = clock.instant();
        UsageReport.Granularity g = granularity(granularity);
        Instant from = g.floor(start == null || start.isBlank() ? monthStart(now) : instant("start", start));
        Instant to = g.ceil(end == null || end.isBlank() ? now : instant("end", end));
        if (!to.isAfter(from)) {
            throw ProblemException.invalid("end", "must be after start");
        }
        Duration max = g == UsageReport.Granularity.HOURLY ? MAX_HOURLY : MAX_DAILY;
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw ProblemException.invalid("end", "is more than " + max.toDays() + " days after start for "
                    + g + " granularity; ask for a shorter range or DAILY");
        }
        boolean byNamespace = false;
        boolean byKind = false;
        for (String key : (groupBy == null ? "namespace" : groupBy).split(",")) {
            switch (key.trim().toLowerCase(Locale.ROOT)) {
                case "namespace" -> byNamespace = true;
                case "kind" -> byKind = true;
                case "" -> {
                }
                default -> throw ProblemException.invalid("groupBy", "may list namespace and kind (got '"
                        + key.trim() + "')");
            }
        }
        boolean ns = byNamespace;
        boolean kind = byKind;
        return callers.billingReader(authorization)
                .chain(p -> reads.hours(pool, p.accountId(), from, to))
                .map(rows -> new BillingDtos.UsageResponse(UsageReport.summaries(rows, from, to, g, ns, kind, now)));
    }

    private static UsageReport.Granularity granularity(String value) {
        if (value == null || value.isBlank()) {
            return UsageReport.Granularity.DAILY;
        }
        try {
            return UsageReport.Granularity.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("granularity", "must be HOURLY or DAILY (got '" + value + "')");
        }
    }

    private static Instant instant(String field, String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an RFC 3339 timestamp such as 2026-12-01T00:00:00Z (got '"
                    + value + "')");
        }
    }

    private static Instant monthStart(Instant now) {
        return io.cadenza.billing.pricing.BillingCalendar.start(io.cadenza.billing.pricing.BillingCalendar.monthOf(
                now));
    }
}
