package io.cadenza.controlplane.serviceaccount;

import io.cadenza.controlplane.auth.AccountRole;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** Bodies of /api/v1/service-accounts. */
public final class ServiceAccountDtos {
    private ServiceAccountDtos() {
    }

    @Schema(name = "CreateServiceAccountRequest")
    public record CreateRequest(
            @Schema(required = true, description = "2-32 lowercase letters, digits or hyphens, starting with a letter; "
                    + "unique in the account", example = "ci-deployer") String name,
            @Schema(description = "Free text, up to 400 characters") String description,
            @Schema(required = true, description = "Any role but owner") AccountRole accountRole,
            @Schema(description = "{namespaceId: read|write|admin}") Map<String, String> namespaceAccesses) {
    }

    @Schema(name = "UpdateServiceAccountRequest", description = "Only the fields present are changed; "
            + "namespaceAccesses replaces all grants.")
    public record UpdateRequest(String description, AccountRole accountRole, Map<String, String> namespaceAccesses) {
    }

    @Schema(name = "ServiceAccount")
    public record ServiceAccountView(
            String id, String name, String description, AccountRole accountRole,
            @Schema(description = "Keycloak client id for the client-credentials grant") String clientId,
            Map<String, String> namespaceAccesses, Instant createdAt, Instant updatedAt) {
    }

    @Schema(name = "CreatedServiceAccount")
    public record CreatedView(
            ServiceAccountView serviceAccount,
            @Schema(description = "Shown once: the Keycloak client secret for the client-credentials grant")
            String clientSecret,
            @Schema(description = "Where to get tokens (grant_type=client_credentials)") String tokenEndpoint) {
    }
}
