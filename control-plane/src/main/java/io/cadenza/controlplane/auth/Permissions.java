package io.cadenza.controlplane.auth;

import static io.cadenza.controlplane.auth.AccountRole.ADMIN;
import static io.cadenza.controlplane.auth.AccountRole.DEVELOPER;
import static io.cadenza.controlplane.auth.AccountRole.OWNER;
import static io.cadenza.controlplane.auth.AccountRole.READ_ONLY;

/**
 * The role matrix, in one place and free of I/O (see README "Roles"). Like Temporal Cloud: owners and admins manage
 * everything in their account, developers create namespaces, everyone manages their own API keys.
 */
public final class Permissions {
    private Permissions() {
    }

    /** Users, service accounts, other principals' API keys, limits. */
    public static boolean canManageAccount(AccountRole role) {
        return role == OWNER || role == ADMIN;
    }

    public static boolean canReadAuditLog(AccountRole role) {
        return canManageAccount(role);
    }

    public static boolean canCreateNamespace(AccountRole role) {
        return role == OWNER || role == ADMIN || role == DEVELOPER;
    }

    /** Per-namespace rate limits are commercial terms: owners and admins only. */
    public static boolean canSetNamespaceLimits(AccountRole role) {
        return canManageAccount(role);
    }

    /** Only an owner may make someone an owner or change/remove an owner. */
    public static boolean canAssignRole(AccountRole caller, AccountRole current, AccountRole target) {
        if (!canManageAccount(caller)) {
            return false;
        }
        boolean touchesOwner = current == OWNER || target == OWNER;
        return !touchesOwner || caller == OWNER;
    }

    public static boolean canManageApiKey(AccountRole caller, boolean ownKey) {
        return ownKey || canManageAccount(caller);
    }

    /**
     * What a principal may do on one namespace of its account: owners/admins have admin on all, read-only has at
     * least read on all, everyone has their explicit grant. Null means no access.
     */
    public static NamespacePermission effective(AccountRole role, NamespacePermission explicit) {
        if (role == OWNER || role == ADMIN) {
            return NamespacePermission.ADMIN;
        }
        if (role == READ_ONLY) {
            return NamespacePermission.max(NamespacePermission.READ, explicit);
        }
        return explicit;
    }
}
