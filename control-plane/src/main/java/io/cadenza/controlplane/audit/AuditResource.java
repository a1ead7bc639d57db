package io.cadenza.controlplane.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.controlplane.api.ApiErrors;
import io.cadenza.controlplane.api.PageResponse;
import io.cadenza.controlplane.api.PageToken;
import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.auth.Caller;
import io.cadenza.controlplane.auth.CurrentCaller;
import io.cadenza.controlplane.auth.Permissions;
import io.cadenza.controlplane.problem.ProblemException;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/v1/audit-logs")
@Tag(name = "Audit log")
@Authenticated
@Blocking
@ApiErrors
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    CurrentCaller caller;
    @Inject
    Tx tx;
    @Inject
    ObjectMapper json;

    @GET
    @Operation(summary = "The account's audit log, newest first",
            description = "Owners and admins. Every change made through the control plane (and every refused "
                    + "change by a member of the account): who, what, when, from where, result. since/until are "
                    + "RFC 3339 instants (since inclusive, until exclusive).")
    public PageResponse<AuditDtos.Entry> list(@QueryParam("since") String since, @QueryParam("until") String until,
                                              @QueryParam("pageSize") Integer pageSize,
                                              @QueryParam("pageToken") String pageToken) {
        Caller c = caller.get();
        if (!Permissions.canReadAuditLog(c.role())) {
            throw ProblemException.forbidden("Only account owners and admins may read the audit log.");
        }
        int size = PageToken.pageSize(pageSize);
        Instant from = instant("since", since);
        Instant to = instant("until", until);
        List<String> after = PageToken.decode("audit-logs", pageToken, 2);
        StringBuilder query = new StringBuilder("accountId = :account");
        Parameters params = Parameters.with("account", c.accountId());
        if (from != null) {
            query.append(" and at >= :since");
            params = params.and("since", from);
        }
        if (to != null) {
            query.append(" and at < :until");
            params = params.and("until", to);
        }
        if (after != null) {
            Instant at;
            try {
                at = Instant.parse(after.get(0));
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("pageToken", "is not a page token of this list");
            }
            query.append(" and (at < :afterAt or (at = :afterAt and id < :afterId))");
            params = params.and("afterAt", at).and("afterId", after.get(1));
        }
        query.append(" order by at desc, id desc");
        Parameters finalParams = params;
        List<AuditLogEntity> rows = tx.read(() -> AuditLogEntity.<AuditLogEntity>find(query.toString(), finalParams)
                .page(Page.ofSize(size + 1)).list());
        return PageResponse.of(rows, size, this::view,
                e -> PageToken.encode("audit-logs", List.of(e.at.toString(), e.id)));
    }

    private AuditDtos.Entry view(AuditLogEntity e) {
        com.fasterxml.jackson.databind.JsonNode details;
        try {
            details = json.readTree(e.details);
        } catch (Exception ex) {
            details = json.createObjectNode();
        }
        return new AuditDtos.Entry(e.id, e.at, e.principal, e.principalName, e.operation, e.resourceId, e.clientIp,
                e.result, e.httpStatus, details);
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an RFC 3339 instant like 2026-01-31T12:00:00Z");
        }
    }
}
