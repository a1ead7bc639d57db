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

    public Namespace withSearchAttributes(Map<String, IndexedValueType> attributes, long nowMillis) {
        return new Namespace(id, name, description, ownerEmail, retentionMillis, data, createdAtMillis, nowMillis,
                attributes);
    }
}
