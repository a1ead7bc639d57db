package io.cadenza.gateway.routing;

import java.util.Locale;

/**
 * Where a namespace lives and how much it may do, as the control plane answers
 * {@code GET /internal/v1/namespaces/{id}}.
 */
public record NamespaceRoute(String id, String accountId, String cellId, String cellEndpoint, State state,
        long actionsPerSecond, long requestsPerSecond, String cellHttpEndpoint) {

    public NamespaceRoute(String id, String accountId, String cellId, String cellEndpoint, State state,
            long actionsPerSecond, long requestsPerSecond) {
        this(id, accountId, cellId, cellEndpoint, state, actionsPerSecond, requestsPerSecond, null);
    }

    /**
     * The cell's HTTP API (the approval inbox) as {@code host:port}: as the control plane says, else by the cells'
     * convention, the port after the gRPC port.
     */
    public String httpEndpoint() {
        if (cellHttpEndpoint != null && !cellHttpEndpoint.isBlank()) {
            return cellHttpEndpoint;
        }
        // A cell of several instances: any of them serves the inbox (spread at random).
        java.util.List<String> instances = CellInstances.addresses(cellEndpoint);
        String one = instances.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(instances.size()));
        int colon = one.lastIndexOf(':');
        return one.substring(0, colon + 1) + (Integer.parseInt(one.substring(colon + 1)) + 1);
    }

    public enum State {
        PROVISIONING,
        ACTIVE,
        DELETING;

        public static State parse(String wireName) {
            return State.valueOf(wireName.toUpperCase(Locale.ROOT));
        }
    }
}
