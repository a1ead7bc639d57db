package io.cadenza.controlplane.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cadenza.controlplane.auth.AccountRole;
import io.cadenza.controlplane.auth.NamespacePermission;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Bodies of /internal/v1 (see docs/tenancy.md). */
public final class InternalDtos {
    private InternalDtos() {
    }

    @Schema(name = "AuthenticateRequest")
    public record AuthenticateRequest(
            @Schema(required = true, description = "The bearer token as sent by the tenant: API key or JWT")
            String token) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AuthenticatedPrincipal")
    public record Principal(
            @Schema(enumeration = {"user", "service-account", "internal"}) String principalType,
            String principalId,
            String displayName,
            String accountId,
            AccountRole accountRole,
            @Schema(description = "Every namespace the principal may use, with its effective permission")
            Map<String, NamespacePermission> namespaces,
            @Schema(description = "Do not cache past this instant (key expiry or JWT exp)") Instant validUntil,
            @Schema(description = "The person's username (their email) for the approval inbox; "
                    + "service-account:<name> for service accounts") String username,
            @Schema(description = "Business groups within the account (users only)") List<String> groups) {
    }

    @Schema(name = "InternalNamespace")
    public record Namespace(String id, String accountId, String cellId,
                            @Schema(description = "host:port of the cell's gRPC API") String cellEndpoint,
                            @Schema(enumeration = {"provisioning", "active", "deleting"}) String state,
                            int actionsPerSecond, int requestsPerSecond,
                            @Schema(description = "host:port of the cell's HTTP API (approval inbox)")
                            String cellHttpEndpoint) {
    }
}
