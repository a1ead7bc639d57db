package io.cadenza.controlplane.namespace;

import io.cadenza.controlplane.api.AccountRows;
import io.cadenza.controlplane.api.Ids;
import io.cadenza.controlplane.api.PageResponse;
import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.auth.Caller;
import io.cadenza.controlplane.auth.NamespacePermission;
import io.cadenza.controlplane.auth.Permissions;
import io.cadenza.controlplane.auth.PrincipalDirectory;
import io.cadenza.controlplane.cell.CellClient;
import io.cadenza.controlplane.cell.Placement;
import io.cadenza.controlplane.config.CadenzaConfig;
import io.cadenza.controlplane.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Namespaces of an account: validation, authorization, placement; the reconciler applies them on the cells. */
@ApplicationScoped
public class NamespaceService {

    static final AccountRows.Kind<NamespaceEntity> NAMESPACES = AccountRows.Kind.of("namespaces",
            id -> NamespaceEntity.<NamespaceEntity>findById(id), ns -> ns.id, ns -> ns.accountId,
            NamespaceService::notFound);

    @Inject
    Tx tx;
    @Inject
    AccountRows rows;
    @Inject
    CellClient cells;
    @Inject
    CadenzaConfig config;
    @Inject
    PrincipalDirectory directory;

    public NamespaceDtos.NamespaceView create(Caller caller, NamespaceDtos.CreateRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {name, retentionDays, searchAttributes} is required.");
        }
        if (!Permissions.canCreateNamespace(caller.role())) {
            throw ProblemException.forbidden("Your account role " + caller.role().wire() + " cannot create "
                    + "namespaces; owners, admins and developers can.");
        }
        NamespaceRules.checkName(request.name());
        NamespaceRules.checkRetention(request.retentionDays());
        Map<String, SearchAttributeType> attributes = NamespaceRules.parseSearchAttributes(request.searchAttributes());
        NamespaceRules.checkRate("actionsPerSecond", request.actionsPerSecond());
        NamespaceRules.checkRate("requestsPerSecond", request.requestsPerSecond());
        if ((request.actionsPerSecond() != null || request.requestsPerSecond() != null)
                && !Permissions.canSetNamespaceLimits(caller.role())) {
            throw ProblemException.forbidden("Only account owners and admins may set actionsPerSecond or "
                    + "requestsPerSecond.");
        }
        if (request.cellId() != null && cells.endpoint(request.cellId()) == null) {
            throw ProblemException.invalid("cellId", "unknown cell '" + request.cellId() + "'; known cells: "
                    + cells.cellIds());
        }
        String id = request.name() + "." + caller.accountId();
        Instant now = Ids.now();
        NamespaceEntity created = tx.write(() -> NamespaceEntity.<NamespaceEntity>findById(id)
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict(NamespaceState.DELETING.wire().equals(existing.state)
                                ? "Namespace " + id + " is being deleted; create it again once it is gone."
                                : "Namespace " + id + " already exists.");
                    }
                    return countsPerCell();
                })
                .chain(counts -> {
                    NamespaceEntity ns = new NamespaceEntity();
                    ns.id = id;
                    ns.accountId = caller.accountId();
                    ns.name = request.name();
                    ns.cellId = Placement.choose(cells.cellIds(), counts, request.cellId());
                    ns.state = NamespaceState.PROVISIONING.wire();
                    ns.retentionDays = request.retentionDays();
                    ns.searchAttributes = SearchAttributesJson.write(attributes);
                    ns.appliedSearchAttributes = "{}";
                    ns.deleteProtection = Boolean.TRUE.equals(request.deleteProtection());
                    ns.actionsPerSecond = request.actionsPerSecond() != null ? request.actionsPerSecond()
                            : NamespaceRules.DEFAULT_ACTIONS_PER_SECOND;
                    ns.requestsPerSecond = request.requestsPerSecond() != null ? request.requestsPerSecond()
                            : NamespaceRules.DEFAULT_REQUESTS_PER_SECOND;
                    ns.specVersion = 1;
                    ns.appliedVersion = 0;
                    ns.reconcileAttempts = 0;
                    ns.nextReconcileAt = now;
                    ns.createdBy = caller.principal();
                    ns.createdAt = now;
                    ns.updatedAt = now;
                    Uni<?> grant = Permissions.effective(caller.role(), null) == NamespacePermission.ADMIN
                            ? Uni.createFrom().nullItem()
                            : grantAccess(caller, id, NamespacePermission.ADMIN);
                    return grant.chain(() -> ns.<NamespaceEntity>persist());
                }));
        return view(created);
    }

    /** Persists an explicit grant (used for the developer who creates a namespace). */
    static Uni<NamespaceAccessEntity> grantAccess(Caller caller, String namespaceId, NamespacePermission permission) {
        NamespaceAccessEntity access = new NamespaceAccessEntity();
        access.id = Ids.random();
        access.accountId = caller.accountId();
        access.principalType = caller.type().wire();
        access.principalId = caller.id();
        access.namespaceId = namespaceId;
        access.permission = permission.wire();
        return access.persist();
    }

    private static Uni<Map<String, Long>> countsPerCell() {
        return NamespaceEntity.getSession().chain(s -> s.createSelectionQuery(
                        "select cellId, count(*) from NamespaceEntity group by cellId", Object[].class)
                .getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    for (Object[] row : rows) {
                        counts.put((String) row[0], (Long) row[1]);
                    }
                    return counts;
                });
    }

    public PageResponse<NamespaceDtos.NamespaceView> list(Caller caller, Integer pageSize, String pageToken) {
        boolean seesAll = Permissions.effective(caller.role(), null) != null;
        return rows.page(NAMESPACES, pageSize, pageToken, (afterId, page) -> seesAll
                ? NamespaceEntity.<NamespaceEntity>find("accountId = ?1 and id > ?2 order by id",
                        caller.accountId(), afterId).page(page).list()
                : NamespaceEntity.<NamespaceEntity>find("accountId = ?1 and id > ?2 and id in (select a.namespaceId "
                                + "from NamespaceAccessEntity a where a.principalType = ?3 and a.principalId = ?4) "
                                + "order by id", caller.accountId(), afterId, caller.type().wire(), caller.id())
                        .page(page).list(), this::view);
    }

    public NamespaceDtos.NamespaceView get(Caller caller, String id) {
        NamespaceEntity ns = load(caller, id);
        require(caller, ns, NamespacePermission.READ, "read");
        return view(ns);
    }

    public NamespaceDtos.NamespaceView update(Caller caller, String id, NamespaceDtos.UpdateRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body with the fields to change is required.");
        }
        NamespaceEntity current = load(caller, id);
        require(caller, current, NamespacePermission.ADMIN, "change");
        if (request.retentionDays() != null) {
            NamespaceRules.checkRetention(request.retentionDays());
        }
        NamespaceRules.checkRate("actionsPerSecond", request.actionsPerSecond());
        NamespaceRules.checkRate("requestsPerSecond", request.requestsPerSecond());
        if ((request.actionsPerSecond() != null || request.requestsPerSecond() != null)
                && !Permissions.canSetNamespaceLimits(caller.role())) {
            throw ProblemException.forbidden("Only account owners and admins may change actionsPerSecond or "
                    + "requestsPerSecond.");
        }
        Map<String, SearchAttributeType> desired = request.searchAttributes() == null ? null
                : NamespaceRules.parseSearchAttributes(request.searchAttributes());
        if (desired != null) {
            NamespaceRules.checkNoTypeChange(SearchAttributesJson.read(current.searchAttributes), desired);
        }
        Instant now = Ids.now();
        NamespaceEntity updated = rows.change(NAMESPACES, caller.accountId(), id, ns -> {
            if (NamespaceState.DELETING.wire().equals(ns.state)) {
                throw ProblemException.conflict("Namespace " + id + " is being deleted.");
            }
            boolean cellChange = false;
            if (request.retentionDays() != null && request.retentionDays() != ns.retentionDays) {
                ns.retentionDays = request.retentionDays();
                cellChange = true;
            }
            if (desired != null) {
                String json = SearchAttributesJson.write(desired);
                if (!json.equals(ns.searchAttributes)) {
                    ns.searchAttributes = json;
                    cellChange = true;
                }
            }
            if (request.deleteProtection() != null) {
                ns.deleteProtection = request.deleteProtection();
            }
            if (request.actionsPerSecond() != null) {
                ns.actionsPerSecond = request.actionsPerSecond();
            }
            if (request.requestsPerSecond() != null) {
                ns.requestsPerSecond = request.requestsPerSecond();
            }
            if (cellChange) {
                ns.specVersion++;
                ns.reconcileAttempts = 0;
                ns.nextReconcileAt = now;
            }
            ns.updatedAt = now;
            return Uni.createFrom().item(ns);
        });
        return view(updated);
    }

    public NamespaceDtos.NamespaceView delete(Caller caller, String id) {
        NamespaceEntity current = load(caller, id);
        require(caller, current, NamespacePermission.ADMIN, "delete");
        Instant now = Ids.now();
        NamespaceEntity deleting = rows.change(NAMESPACES, caller.accountId(), id, ns -> {
            if (ns.deleteProtection) {
                throw ProblemException.conflict("Namespace " + id + " has delete protection; turn it off with "
                        + "PATCH {\"deleteProtection\": false} first.");
            }
            if (!NamespaceState.DELETING.wire().equals(ns.state)) {
                ns.state = NamespaceState.DELETING.wire();
                ns.specVersion++;
                ns.reconcileAttempts = 0;
                ns.nextReconcileAt = now;
                ns.updatedAt = now;
            }
            return Uni.createFrom().item(ns);
        });
        return view(deleting);
    }

    /** The namespace if it belongs to the caller's account; 404 otherwise (never revealing other accounts). */
    NamespaceEntity load(Caller caller, String id) {
        return rows.get(NAMESPACES, caller.accountId(), id);
    }

    private void require(Caller caller, NamespaceEntity ns, NamespacePermission needed, String action) {
        NamespacePermission has = directory.permissionOn(caller, ns.id);
        if (has == null || !has.includes(needed)) {
            throw ProblemException.forbidden("You need " + needed.wire() + " access on namespace " + ns.id + " to "
                    + action + " it" + (has == null ? "; you have none." : "; you have " + has.wire() + "."));
        }
    }

    static ProblemException notFound(String id) {
        return ProblemException.notFound("Namespace " + id + " does not exist.");
    }

    public NamespaceDtos.NamespaceView view(NamespaceEntity ns) {
        boolean settled = NamespaceState.ACTIVE.wire().equals(ns.state) && ns.appliedVersion == ns.specVersion;
        return new NamespaceDtos.NamespaceView(ns.id, ns.name, ns.accountId, ns.cellId,
                config.publicGrpcEndpoint(), ns.state, ns.retentionDays,
                SearchAttributesJson.readNames(ns.searchAttributes), ns.deleteProtection, ns.actionsPerSecond,
                ns.requestsPerSecond, settled ? null : ns.lastError, ns.createdAt, ns.updatedAt);
    }

    /** Used by the account role checks of other services: is the namespace id one of the account's? */
    public Map<String, NamespaceEntity> byIds(String accountId, java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<NamespaceEntity> found = tx.read(() -> NamespaceEntity.<NamespaceEntity>list(
                "accountId = ?1 and id in ?2", accountId, ids));
        Map<String, NamespaceEntity> result = new HashMap<>();
        found.forEach(ns -> result.put(ns.id, ns));
        return result;
    }
}
