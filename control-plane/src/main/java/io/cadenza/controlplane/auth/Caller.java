package io.cadenza.controlplane.auth;

import java.util.List;

/**
 * The authenticated tenant principal of a request, resolved from a Keycloak token or an API key.
 *
 * @param apiKeyId the API key used, or null for a Keycloak token
 */
public record Caller(PrincipalType type, String id, String displayName, String accountId, AccountRole role,
                     String apiKeyId, List<String> groups) {

    public Caller {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** A caller without business groups (service accounts, or where groups do not matter). */
    public Caller(PrincipalType type, String id, String displayName, String accountId, AccountRole role,
                  String apiKeyId) {
        this(type, id, displayName, accountId, role, apiKeyId, List.of());
    }

    /** {@code <type>:<id>}, as recorded in the audit log and sent to cells. */
    public String principal() {
        return type.wire() + ":" + id;
    }

    public boolean is(PrincipalType otherType, String otherId) {
        return type == otherType && id.equals(otherId);
    }
}
