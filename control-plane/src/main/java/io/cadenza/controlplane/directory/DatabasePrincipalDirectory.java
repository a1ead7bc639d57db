package io.cadenza.controlplane.directory;

import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.auth.AccountRole;
import io.cadenza.controlplane.auth.Caller;
import io.cadenza.controlplane.auth.NamespacePermission;
import io.cadenza.controlplane.auth.Permissions;
import io.cadenza.controlplane.auth.PrincipalDirectory;
import io.cadenza.controlplane.auth.PrincipalType;
import io.cadenza.controlplane.namespace.NamespaceAccessEntity;
import io.cadenza.controlplane.namespace.NamespaceEntity;
import io.cadenza.controlplane.serviceaccount.ServiceAccountEntity;
import io.cadenza.controlplane.user.UserEntity;
import io.cadenza.controlplane.user.UserGroups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link PrincipalDirectory} over the control plane's tables: users, service accounts, namespaces and their grants.
 * It lives apart from {@code auth} so that {@code auth} does not depend on the packages that use it.
 */
@ApplicationScoped
public class DatabasePrincipalDirectory implements PrincipalDirectory {

    @Inject
    Tx tx;

    @Override
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

    @Override
    public Caller forOwner(String ownerType, String ownerId, String apiKeyId) {
        PrincipalType type = PrincipalType.fromWire(ownerType);
        if (type == PrincipalType.USER) {
            return tx.read(() -> UserEntity.<UserEntity>findById(ownerId)
                    .map(u -> u == null ? null : userCaller(u, apiKeyId)));
        }
        return tx.read(() -> ServiceAccountEntity.<ServiceAccountEntity>findById(ownerId)
                .map(sa -> sa == null ? null : serviceAccountCaller(sa, apiKeyId)));
    }

    @Override
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

    @Override
    public NamespacePermission permissionOn(Caller caller, String namespaceId) {
        NamespaceAccessEntity grant = tx.read(() -> NamespaceAccessEntity.<NamespaceAccessEntity>find(
                "principalType = ?1 and principalId = ?2 and namespaceId = ?3",
                caller.type().wire(), caller.id(), namespaceId).firstResult());
        return Permissions.effective(caller.role(),
                grant == null ? null : NamespacePermission.parse("permission", grant.permission));
    }

    @Override
    public boolean isMember(String accountId, PrincipalType type, String id) {
        Long found = tx.read(() -> type == PrincipalType.USER
                ? UserEntity.count("id = ?1 and accountId = ?2", id, accountId)
                : ServiceAccountEntity.count("id = ?1 and accountId = ?2", id, accountId));
        return found > 0;
    }

    static Caller userCaller(UserEntity u, String apiKeyId) {
        return new Caller(PrincipalType.USER, u.id, u.email, u.accountId,
                AccountRole.parse("accountRole", u.accountRole), apiKeyId,
                UserGroups.fromColumn(u.businessGroups));
    }

    static Caller serviceAccountCaller(ServiceAccountEntity sa, String apiKeyId) {
        return new Caller(PrincipalType.SERVICE_ACCOUNT, sa.id, sa.name, sa.accountId,
                AccountRole.parse("accountRole", sa.accountRole), apiKeyId);
    }
}
