package io.cadenza.controlplane.auth;

/**
 * The authenticated tenant principal of a request, resolved from a Keycloak token or an API key.
 *
 * @param apiKeyId the API key used, or null for a Keycloak token
 */
public record Caller(PrincipalType type, String id, String displayName, String accountId, AccountRole role,
                     String apiKeyId) {

    /** {@code <type>:<id>}, as recorded in the audit log and sent to cells. */
    public String principal() {
        return type.wire() + ":" + id;
    }

    public boolean is(PrincipalType otherType, String otherId) {
        return type == otherType && id.equals(otherId);
    }
}
