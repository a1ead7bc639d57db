package io.cadenza.dashboard.backend;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.dashboard.security.UserToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The user's namespaces ({@code /api/v1/namespaces}); the control plane decides what the user may see and change. */
@ApplicationScoped
public class NamespaceAdmin {

    @Inject
    GatewayRest rest;
    @Inject
    DashboardConfig config;
    @Inject
    WorkflowService workflows;

    /** A namespace as the control plane describes it. */
    public record Namespace(String id, String name, String state, String cellId, String grpcEndpoint,
                            int retentionDays, Map<String, String> searchAttributes, boolean deleteProtection,
                            String lastError, Instant createdAt) implements java.io.Serializable {

        static Namespace of(JsonNode n) {
            return new Namespace(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "state"),
                    Json.text(n, "cellId"), Json.text(n, "grpcEndpoint"), n.path("retentionDays").asInt(),
                    Json.stringMap(n, "searchAttributes"), n.path("deleteProtection").asBoolean(),
                    Json.text(n, "lastError"), Json.instant(n, "createdAt"));
        }

        public boolean active() {
            return state == null || "active".equals(state);
        }
    }

    public List<Namespace> list(UserToken user) {
        if ("grpc".equals(config.namespacesFrom())) {
            return workflows.namespaceNames(user).stream()
                    .map(n -> new Namespace(n, n, "active", null, null, 0, Map.of(), false, null, null)).toList();
        }
        return rest.all(user, "/api/v1/namespaces?pageSize=200", 2000).stream().map(Namespace::of).toList();
    }

    public Namespace get(UserToken user, String id) {
        return Namespace.of(rest.get(user, "/api/v1/namespaces/" + GatewayRest.encode(id)));
    }

    public Namespace create(UserToken user, String name, int retentionDays, Map<String, String> searchAttributes,
                            boolean deleteProtection) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("retentionDays", retentionDays);
        body.put("deleteProtection", deleteProtection);
        if (!searchAttributes.isEmpty()) {
            body.put("searchAttributes", searchAttributes);
        }
        return Namespace.of(rest.post(user, "/api/v1/namespaces", body));
    }

    public Namespace update(UserToken user, String id, int retentionDays, Map<String, String> searchAttributes,
                            boolean deleteProtection) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("retentionDays", retentionDays);
        body.put("searchAttributes", searchAttributes);
        body.put("deleteProtection", deleteProtection);
        return Namespace.of(rest.patch(user, "/api/v1/namespaces/" + GatewayRest.encode(id), body));
    }

    public void delete(UserToken user, String id) {
        rest.delete(user, "/api/v1/namespaces/" + GatewayRest.encode(id));
    }
}
