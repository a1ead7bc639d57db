package io.cadenza.gateway.routing;

import java.util.Locale;

/**
 * Where a namespace lives and how much it may do, as the control plane answers
 * {@code GET /internal/v1/namespaces/{id}}.
 */
public record NamespaceRoute(String id, String accountId, String cellId, String cellEndpoint, State state,
        long actionsPerSecond, long requestsPerSecond) {

    public enum State {
        PROVISIONING,
        ACTIVE,
        DELETING;

        public static State parse(String wireName) {
            return State.valueOf(wireName.toUpperCase(Locale.ROOT));
        }
    }
}
