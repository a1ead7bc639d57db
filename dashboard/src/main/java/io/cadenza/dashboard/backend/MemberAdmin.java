package io.cadenza.dashboard.backend;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.dashboard.security.UserToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Users, service accounts and the audit log of the user's account ({@code /api/v1/...}). */
@ApplicationScoped
public class MemberAdmin {

    public static final List<String> ACCOUNT_ROLES = List.of("owner", "admin", "developer", "finance-admin",
            "read-only");

    @Inject
    GatewayRest rest;

    /** A user or a service account with its account role and namespace accesses. */
    public record Member(String id, boolean serviceAccount, String name, String accountRole,
                         Map<String, String> namespaceAccesses, List<String> groups, Instant createdAt) {
        static Member of(JsonNode n, boolean serviceAccount) {
            Map<String, String> accesses = new LinkedHashMap<>();
            JsonNode raw = n.path("namespaceAccesses");
            if (raw.isObject()) {
                raw.fields().forEachRemaining(e -> accesses.put(e.getKey(), e.getValue().isObject()
                        ? e.getValue().path("permission").asText() : e.getValue().asText()));
            } else if (raw.isArray()) {
                raw.forEach(a -> accesses.put(a.path("namespaceId").asText(a.path("namespace").asText()),
                        a.path("permission").asText()));
            }
            String name = serviceAccount ? Json.text(n, "name") : Json.text(n, "email");
            List<String> groups = new java.util.ArrayList<>();
            n.path("groups").forEach(g -> groups.add(g.asText()));
            return new Member(Json.text(n, "id"), serviceAccount, name, Json.text(n, "accountRole"), accesses,
                    List.copyOf(groups), Json.instant(n, "createdAt"));
        }
    }

    /** One audit log entry. */
    public record AuditEntry(Instant at, String principal, String operation, String resourceId, String result,
                             int httpStatus, String clientIp, String details) {
        static AuditEntry of(JsonNode n) {
            String principal = Json.text(n, "principalName") != null ? Json.text(n, "principalName")
                    : Json.text(n, "principal");
            JsonNode details = n.path("details");
            return new AuditEntry(Json.instant(n, "time") != null ? Json.instant(n, "time") : Json.instant(n, "at"), principal, Json.text(n, "operation"),
                    Json.text(n, "resourceId"), Json.text(n, "result"), n.path("httpStatus").asInt(),
                    Json.text(n, "clientIp"), details.isMissingNode() || details.isNull() ? ""
                    : details.isTextual() ? details.asText() : details.toString());
        }
    }

    public List<Member> users(UserToken user) {
        return rest.all(user, "/api/v1/users?pageSize=200", 5000).stream().map(n -> Member.of(n, false)).toList();
    }

    public List<Member> serviceAccounts(UserToken user) {
        return rest.all(user, "/api/v1/service-accounts?pageSize=200", 5000).stream()
                .map(n -> Member.of(n, true)).toList();
    }

    /** A secret the control plane returns once: an invited user's password, a service account's client secret. */
    public record OneTimeSecret(String label, String principal, String secret) {
    }

    /** Invites a user with business groups (e.g. managers); returns the generated password, shown once. */
    public OneTimeSecret inviteUser(UserToken user, String email, String accountRole, List<String> groups) {
        JsonNode created = rest.post(user, "/api/v1/users", Map.of("email", email, "accountRole", accountRole,
                "groups", groups));
        return new OneTimeSecret("Password", email, Json.text(created, "temporaryPassword"));
    }

    /** Creates a service account (a Keycloak client); returns its client id and secret, shown once. */
    public OneTimeSecret createServiceAccount(UserToken user, String name, String accountRole) {
        JsonNode created = rest.post(user, "/api/v1/service-accounts", Map.of("name", name,
                "accountRole", accountRole));
        return new OneTimeSecret("Client secret", Json.text(created.path("serviceAccount"), "clientId"),
                Json.text(created, "clientSecret"));
    }

    public void setRole(UserToken user, Member member, String accountRole) {
        rest.patch(user, path(member), Map.of("accountRole", accountRole));
    }

    public void remove(UserToken user, Member member) {
        rest.delete(user, path(member));
    }

    /** The newest audit entries first, one page of up to {@code max}. */
    public List<AuditEntry> auditLog(UserToken user, int max) {
        return rest.all(user, "/api/v1/audit-logs?pageSize=" + Math.min(max, 200), max).stream()
                .map(AuditEntry::of).toList();
    }

    private static String path(Member member) {
        return (member.serviceAccount() ? "/api/v1/service-accounts/" : "/api/v1/users/")
                + GatewayRest.encode(member.id());
    }
}
