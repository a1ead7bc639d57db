package io.cadenza.controlplane.namespace;

import io.cadenza.controlplane.api.Ids;
import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.auth.NamespacePermission;
import io.cadenza.controlplane.auth.PrincipalType;
import io.cadenza.controlplane.problem.Problem;
import io.cadenza.controlplane.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Explicit namespace grants of users and service accounts. */
@ApplicationScoped
public class NamespaceAccesses {

    @Inject
    Tx tx;

    /**
     * Parses {nsId: read|write|admin} and checks every namespace is one of the account's (400 otherwise, the same
     * answer whether the namespace belongs to another account or does not exist).
     */
    public Map<String, NamespacePermission> parse(String accountId, Map<String, String> requested) {
        Map<String, NamespacePermission> result = new TreeMap<>();
        if (requested == null || requested.isEmpty()) {
            return result;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        requested.forEach((ns, perm) -> {
            try {
                result.put(ns, NamespacePermission.parse("namespaceAccesses." + ns, perm));
            } catch (ProblemException e) {
                errors.addAll(e.errors());
            }
        });
        List<String> ids = new ArrayList<>(result.keySet());
        List<NamespaceEntity> found = tx.read(() -> NamespaceEntity.<NamespaceEntity>list(
                "accountId = ?1 and id in ?2", accountId, ids));
        for (String id : ids) {
            if (found.stream().noneMatch(ns -> ns.id.equals(id))) {
                errors.add(new Problem.FieldError("namespaceAccesses." + id, "no such namespace in your account"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return result;
    }

    /** Replaces all grants of a principal (inside the caller's transaction). */
    public static Uni<Void> replace(String accountId, PrincipalType type, String principalId,
                                    Map<String, NamespacePermission> grants) {
        Uni<Void> chain = NamespaceAccessEntity.delete("principalType = ?1 and principalId = ?2", type.wire(),
                principalId).replaceWithVoid();
        for (var e : grants.entrySet()) {
            chain = chain.chain(() -> {
                NamespaceAccessEntity a = new NamespaceAccessEntity();
                a.id = Ids.random();
                a.accountId = accountId;
                a.principalType = type.wire();
                a.principalId = principalId;
                a.namespaceId = e.getKey();
                a.permission = e.getValue().wire();
                return a.persist().replaceWithVoid();
            });
        }
        return chain;
    }

    /** Grants of many principals of one type, by principal id (inside a session). */
    public static Uni<Map<String, Map<String, String>>> of(PrincipalType type, Collection<String> principalIds) {
        if (principalIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NamespaceAccessEntity.<NamespaceAccessEntity>list("principalType = ?1 and principalId in ?2",
                type.wire(), principalIds).map(rows -> {
                    Map<String, Map<String, String>> result = new HashMap<>();
                    for (NamespaceAccessEntity a : rows) {
                        result.computeIfAbsent(a.principalId, k -> new TreeMap<>()).put(a.namespaceId, a.permission);
                    }
                    return result;
                });
    }
}
