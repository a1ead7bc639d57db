package io.cadenza.controlplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** Bodies of /api/v1/audit-logs. */
public final class AuditDtos {
    private AuditDtos() {
    }

    @Schema(name = "AuditLogEntry")
    public record Entry(
            String id,
            Instant time,
            @Schema(description = "<type>:<id>, e.g. user:4f1c...") String principal,
            @Schema(description = "Email of a user, name of a service account") String principalName,
            @Schema(example = "namespace.create") String operation,
            String resourceId,
            @Schema(description = "First X-Forwarded-For address, else the connection's") String clientIp,
            @Schema(enumeration = {"success", "failure"}) String result,
            int httpStatus,
            @Schema(description = "Request details (never secrets) and the error, if any") JsonNode details) {
    }
}
