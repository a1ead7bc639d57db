package io.cadenza.controlplane.namespace;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** Request and response bodies of /api/v1/namespaces. */
public final class NamespaceDtos {
    private NamespaceDtos() {
    }

    @Schema(name = "CreateNamespaceRequest")
    public record CreateRequest(
            @Schema(description = "2-39 lowercase letters, digits or hyphens, starting with a letter; the namespace id "
                    + "is <name>.<accountId>", example = "payments", required = true)
            String name,
            @Schema(description = "Days closed workflows are kept, 1-90", example = "30", required = true)
            Integer retentionDays,
            @Schema(description = "Custom search attributes {name: type}; types Keyword, Text, Int, Double, Bool, "
                    + "Datetime, KeywordList", example = "{\"CustomerId\": \"Keyword\"}")
            Map<String, String> searchAttributes,
            @Schema(description = "Cell to place the namespace on; default: the least loaded cell", example = "cell-1")
            String cellId,
            @Schema(description = "When true, DELETE is refused until it is turned off", defaultValue = "false")
            Boolean deleteProtection,
            @Schema(description = "Rate limit of billable actions per second (owners/admins only)", defaultValue = "500")
            Integer actionsPerSecond,
            @Schema(description = "Rate limit of gRPC requests per second (owners/admins only)", defaultValue = "2000")
            Integer requestsPerSecond) {
    }

    @Schema(name = "UpdateNamespaceRequest", description = "Only the fields present are changed.")
    public record UpdateRequest(
            @Schema(description = "Days closed workflows are kept, 1-90")
            Integer retentionDays,
            @Schema(description = "The complete set of custom search attributes {name: type}: names not listed are "
                    + "removed; a defined attribute's type cannot change")
            Map<String, String> searchAttributes,
            Boolean deleteProtection,
            @Schema(description = "Owners/admins only")
            Integer actionsPerSecond,
            @Schema(description = "Owners/admins only")
            Integer requestsPerSecond) {
    }

    @Schema(name = "Namespace")
    public record NamespaceView(
            @Schema(example = "payments.ab3x9") String id,
            String name,
            String accountId,
            @Schema(description = "The cell the namespace lives on") String cellId,
            @Schema(description = "Temporal gRPC endpoint to connect SDKs to") String grpcEndpoint,
            @Schema(enumeration = {"provisioning", "active", "deleting"},
                    description = "Usable only when active") String state,
            int retentionDays,
            Map<String, String> searchAttributes,
            boolean deleteProtection,
            int actionsPerSecond,
            int requestsPerSecond,
            @Schema(description = "Why the last attempt to apply a change on the cell failed (retried automatically)")
            String lastError,
            Instant createdAt,
            Instant updatedAt) {
    }
}
