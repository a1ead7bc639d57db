package io.cadenza.gateway.auth;

import io.cadenza.gateway.authz.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who is calling, as the control plane resolved the bearer token.
 *
 * @param type        {@code user}, {@code service-account}, {@code internal} or, in dev mode only, {@code dev}
 * @param namespaces  every namespace the principal may use, with its effective permission
 * @param validUntil  key expiry or JWT {@code exp}; the gateway never uses a cached principal past it
 * @param username    the person's username (their Keycloak username, an email) for the approval inbox; for other
 *                    principals {@code type:id}
 * @param groups      the person's business groups within the account (e.g. {@code managers}), for the inbox
 */
public record Principal(String type, String id, String displayName, String accountId, String accountRole,
        Map<String, Permission> namespaces, Instant validUntil, String username, List<String> groups) {

    public Principal {
        namespaces = Map.copyOf(namespaces);
        username = username == null || username.isBlank() ? type + ":" + id : username;
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** A principal without a person's username or groups (service accounts, tests). */
    public Principal(String type, String id, String displayName, String accountId, String accountRole,
            Map<String, Permission> namespaces, Instant validUntil) {
        this(type, id, displayName, accountId, accountRole, namespaces, validUntil, null, List.of());
    }

    /** How denial messages name the caller: display name plus type and id, never the token. */
    public String describe() {
        String name = displayName == null || displayName.isBlank() ? id : displayName;
        return "'" + name + "' (" + type + ":" + id + ")";
    }

    /** The {@code cadenza-principal} header value forwarded to cells. */
    public String headerValue() {
        return type + ":" + id;
    }
}
