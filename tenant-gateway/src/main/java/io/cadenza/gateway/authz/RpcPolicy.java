package io.cadenza.gateway.authz;

/**
 * How the gateway treats one RPC.
 *
 * @param kind       where the call goes (or why it is refused)
 * @param permission the namespace permission a caller needs (only for {@link Kind#NAMESPACED})
 * @param action     whether the call also takes a token from the namespace's actions-per-second bucket
 */
public record RpcPolicy(Kind kind, Permission permission, boolean action) {

    public enum Kind {
        /** Carries a {@code namespace} field; authorized against it and forwarded to the namespace's cell. */
        NAMESPACED,
        /** No namespace (GetSystemInfo, GetClusterInfo): any authenticated caller, forwarded to a cell. */
        CLUSTER_INFO,
        /** ListNamespaces: answered by the gateway with the caller's own namespaces only. */
        LIST_NAMESPACES,
        /** Namespace lifecycle (register, deprecate, delete): refused, the control plane owns it. */
        MANAGED_BY_CONTROL_PLANE,
        /** Cluster-wide administration (remote clusters, Nexus endpoints, cluster search attributes): refused. */
        CLUSTER_ADMIN
    }

    static RpcPolicy namespaced(Permission permission, boolean action) {
        return new RpcPolicy(Kind.NAMESPACED, permission, action);
    }

    static RpcPolicy of(Kind kind) {
        return new RpcPolicy(kind, Permission.ADMIN, false);
    }
}
