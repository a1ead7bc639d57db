package io.cadenza.controlplane.auth;

import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.namespace.NamespaceAccessEntity;
import io.cadenza.controlplane.namespace.NamespaceEntity;
import io.cadenza.controlplane.serviceaccount.ServiceAccountEntity;
import io.cadenza.controlplane.user.UserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Maps identities (Keycloak tokens, API key owners) to Cadenza principals and their namespace permissions. */
@ApplicationScoped
public class PrincipalDirectory {

    @Inject
    Tx tx;

    /**
     * The principal of a Keycloak token: a user by {@code sub}, or a tenant service account by its client
     * ({@code azp}). Null when the token belongs to nobody in any account.
     */
    public Caller forJwt(JsonWebToken jwt) {
        String sub = jwt.getSubject();
        String azp = jwt.getClaim("azp");
        return tx.read(() -> UserEntity.<UserEntity>find("keycloakUserId", sub).firstResult()
                .chain(user -> {
                    if (user != null) {
                        return io.smallrye.mutiny.Uni.createFrom().item(userCaller(user, null));
                    }
                    if (azp == null || !azp.startsWith("sa-")) {
                        return io.smallrye.mutiny.Uni.createFrom().nullItem();
                    }
                    return ServiceAccountEntity.<ServiceAccountEntity>find("clientId", azp).firstResult()
                            .map(sa -> sa == null ? null : serviceAccountCaller(sa, null));
                }));
    }

    /** The principal owning an API key, or null when the owner was removed. */
    public Caller forOwner(String ownerType, String ownerId, String apiKeyId) {
        PrincipalType type = PrincipalType.fromWire(ownerType);
        if (type == PrincipalType.USER) {
            return tx.read(() -> UserEntity.<UserEntity>findById(ownerId)
                    .map(u -> u == null ? null : userCaller(u, apiKeyId)));
        }
        return tx.read(() -> ServiceAccountEntity.<ServiceAccountEntity>findById(ownerId)
                .map(sa -> sa == null ? null : serviceAccountCaller(sa, apiKeyId)));
    }

    /** Every namespace of the caller's account the caller may use, with the effective permission. */
    public Map<String, NamespacePermission> namespaces(Caller caller) {
        record Loaded(List<NamespaceEntity> namespaces, List<NamespaceAccessEntity> grants) {
        }
        Loaded loaded = tx.read(() -> NamespaceEntity.<NamespaceEntity>list("accountId", caller.accountId())
                .chain(nss -> NamespaceAccessEntity.<NamespaceAccessEntity>list(
                                "principalType = ?1 and principalId = ?2", caller.type().wire(), caller.id())
                        .map(grants -> new Loaded(nss, grants))));
        Map<String, NamespacePermission> explicit = new HashMap<>();
        for (NamespaceAccessEntity g : loaded.grants()) {
            explicit.put(g.namespaceId, NamespacePermission.parse("permission", g.permission));
        }
        Map<String, NamespacePermission> result = new TreeMap<>();
        for (NamespaceEntity ns : loaded.namespaces()) {
            NamespacePermission p = Permissions.effective(caller.role(), explicit.get(ns.id));
            if (p != null) {
                result.put(ns.id, p);
            }
        }
        return result;
    }

    /** The caller's effective permission on one namespace of its account (null: none). */
    public NamespacePermission permissionOn(Caller caller, String namespaceId) {
        NamespaceAccessEntity grant = tx.read(() -> NamespaceAccessEntity.<NamespaceAccessEntity>find(
                "principalType = ?1 and principalId = ?2 and namespaceId = ?3",
                caller.type().wire(), caller.id(), namespaceId).firstResult());
        return Permissions.effective(caller.role(),
                grant == null ? null : NamespacePermission.parse("permission", grant.permission));
    }

    static Caller userCaller(UserEntity u, String apiKeyId) {
        return new Caller(PrincipalType.USER, u.id, u.email, u.accountId,
                AccountRole.parse("accountRole", u.accountRole), apiKeyId,
                io.cadenza.controlplane.user.UserGroups.fromColumn(u.businessGroups));
    }

    static Caller serviceAccountCaller(ServiceAccountEntity sa, String apiKeyId) {
        return new Caller(PrincipalType.SERVICE_ACCOUNT, sa.id, sa.name, sa.accountId,
                AccountRole.parse("accountRole", sa.accountRole), apiKeyId);
    }
}
