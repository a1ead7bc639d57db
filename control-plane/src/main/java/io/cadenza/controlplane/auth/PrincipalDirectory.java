package io.cadenza.controlplane.auth;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;

/**
 * Maps identities (Keycloak tokens, API key owners) to Cadenza principals and their namespace permissions. An
 * interface so that {@code auth} needs none of the packages that own the principals and namespaces
 * ({@code directory/DatabasePrincipalDirectory} implements it over the tables).
 */
public interface PrincipalDirectory {

    /**
     * The principal of a Keycloak token: a user by {@code sub}, or a tenant service account by its client
     * ({@code azp}). Null when the token belongs to nobody in any account.
     */
    Caller forJwt(JsonWebToken jwt);

    /** The principal owning an API key, or null when the owner was removed. */
    Caller forOwner(String ownerType, String ownerId, String apiKeyId);

    /** Every namespace of the caller's account the caller may use, with the effective permission. */
    Map<String, NamespacePermission> namespaces(Caller caller);

    /** The caller's effective permission on one namespace of its account (null: none). */
    NamespacePermission permissionOn(Caller caller, String namespaceId);

    /** Whether the user or service account {@code id} exists in the account. */
    boolean isMember(String accountId, PrincipalType type, String id);
}
