package io.cadenza.dataplane.metering;

import java.util.Objects;

/**
 * One metered fact, as a row of {@code usage_outbox} and an event on topic {@code cadenza.usage}
 * (docs/usage-events.md).
 *
 * @param id               deterministic: the same fact always yields the same id
 * @param namespaceId      the namespace that is billed, by name ({@code <name>.<accountId>}; not the cell's
 *                         internal id)
 * @param type             {@link #ACTIONS}, {@link #ACTIVE_STORAGE} or {@link #RETAINED_STORAGE}
 * @param action           for actions, what was counted (see {@link Actions}); null for storage
 * @param quantity         actions, or byte-hours for storage
 * @param occurredAtMillis when it happened (storage: the start of the sampled hour)
 */
public record UsageRecord(String id, String namespaceId, String type, String action, long quantity,
                          long occurredAtMillis) {

    public static final String ACTIONS = "ACTIONS";
    public static final String ACTIVE_STORAGE = "ACTIVE_STORAGE";
    public static final String RETAINED_STORAGE = "RETAINED_STORAGE";

    public UsageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(namespaceId, "namespaceId");
        Objects.requireNonNull(type, "type");
        if (quantity < 0 || (ACTIONS.equals(type) && quantity < 1)) {
            throw new IllegalArgumentException("quantity " + quantity + " of " + id);
        }
    }

    static UsageRecord action(String id, String namespaceId, String action, long quantity, long atMillis) {
        return new UsageRecord(id, namespaceId, ACTIONS, action, quantity, atMillis);
    }
}
