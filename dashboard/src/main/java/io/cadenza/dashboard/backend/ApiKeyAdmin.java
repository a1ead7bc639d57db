package io.cadenza.dashboard.backend;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.dashboard.security.UserToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** API keys ({@code /api/v1/api-keys}); the token exists only in the answer to create and is never listed. */
@ApplicationScoped
public class ApiKeyAdmin {

    @Inject
    GatewayRest rest;

    /** An API key as listed: its display prefix, never its token. */
    public record ApiKey(String id, String displayName, String tokenPrefix, String owner, boolean disabled,
                         Instant expiresAt, Instant createdAt) {
        static ApiKey of(JsonNode n) {
            String ownerType = Json.text(n, "ownerType");
            String ownerId = Json.text(n, "ownerId");
            return new ApiKey(Json.text(n, "id"), Json.text(n, "displayName"), Json.text(n, "tokenPrefix"),
                    ownerType == null ? ownerId : ownerType + ":" + ownerId, n.path("disabled").asBoolean(),
                    Json.instant(n, "expiresAt") != null ? Json.instant(n, "expiresAt")
                            : Json.instant(n, "expiryTime"), Json.instant(n, "createdAt"));
        }
    }

    /** A key just created, with the token that is shown this once. */
    public record CreatedKey(ApiKey key, String token) {
    }

    public List<ApiKey> list(UserToken user) {
        return rest.all(user, "/api/v1/api-keys?pageSize=200", 5000).stream().map(ApiKey::of).toList();
    }

    public CreatedKey create(UserToken user, String displayName, String description, Instant expiry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", displayName);
        if (description != null && !description.isBlank()) {
            body.put("description", description);
        }
        body.put("expiryTime", expiry.toString());
        JsonNode created = rest.post(user, "/api/v1/api-keys", body);
        JsonNode key = created.has("apiKey") ? created.path("apiKey") : created;
        return new CreatedKey(ApiKey.of(key), Json.text(created, "token"));
    }

    public void setDisabled(UserToken user, String id, boolean disabled) {
        rest.patch(user, "/api/v1/api-keys/" + GatewayRest.encode(id), Map.of("disabled", disabled));
    }

    public void delete(UserToken user, String id) {
        rest.delete(user, "/api/v1/api-keys/" + GatewayRest.encode(id));
    }
}
