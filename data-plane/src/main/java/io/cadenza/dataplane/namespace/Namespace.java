package io.cadenza.dataplane.namespace;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Map;

/**
 * A namespace registered on this cell, with the custom search attributes defined in it (name to type).
 */
public record Namespace(String id, String name, String description, String ownerEmail, long retentionMillis,
                        Map<String, String> data, long createdAtMillis, long updatedAtMillis,
                        Map<String, IndexedValueType> searchAttributes) {

    public Namespace {
        data = Map.copyOf(data);
        searchAttributes = Map.copyOf(searchAttributes);
    }

    /**
     * Every attribute a run of this namespace may carry in its search attributes and a list filter may name beyond
     * the system columns: the custom ones plus those Temporal predefines (set by the server, e.g. on scheduled runs).
     */
    public Map<String, IndexedValueType> indexedAttributes() {
        Map<String, IndexedValueType> all = new java.util.HashMap<>(searchAttributes);
        all.putAll(io.cadenza.dataplane.visibility.SearchAttributeDefinitions.PREDEFINED);
        return all;
    }

    public Namespace withSearchAttributes(Map<String, IndexedValueType> attributes, long nowMillis) {
        return new Namespace(id, name, description, ownerEmail, retentionMillis, data, createdAtMillis, nowMillis,
                attributes);
    }
}
