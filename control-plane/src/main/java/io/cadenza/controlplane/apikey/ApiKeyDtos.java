package io.cadenza.controlplane.apikey;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** Bodies of /api/v1/api-keys. */
public final class ApiKeyDtos {
    private ApiKeyDtos() {
    }

    @Schema(name = "CreateApiKeyRequest")
    public record CreateRequest(
            @Schema(required = true, example = "ci worker") String displayName,
            @Schema(description = "Up to 400 characters") String description,
            @Schema(required = true, description = "RFC 3339 instant, in the future and at most 2 years ahead",
                    example = "2027-01-01T00:00:00Z") Instant expiryTime,
            @Schema(enumeration = {"user", "service-account"}, description = "Default: the caller") String ownerType,
            @Schema(description = "User or service account id; default: the caller. Keys for others need owner or "
                    + "admin.") String ownerId) {
    }

    @Schema(name = "UpdateApiKeyRequest", description = "Only the fields present are changed.")
    public record UpdateRequest(String displayName, String description,
                                @Schema(description = "true disables the key (it stops working within seconds), "
                                        + "false enables it again") Boolean disabled) {
    }

    @Schema(name = "ApiKey")
    public record ApiKeyView(
            String id, String displayName, String description,
            @Schema(enumeration = {"user", "service-account"}) String ownerType,
            String ownerId,
            @Schema(description = "The first 8 characters after cdz_, to recognise the key") String tokenPrefix,
            Instant expiryTime, boolean disabled,
            @Schema(description = "true once expiryTime has passed") boolean expired,
            String createdBy, Instant createdAt, Instant updatedAt) {
    }

    @Schema(name = "CreatedApiKey")
    public record CreatedView(
            String id,
            @Schema(description = "Shown once and never again: only its SHA-256 is stored. Send it as "
                    + "'Authorization: Bearer <token>'.") String token,
            ApiKeyView apiKey) {
    }
}
