package io.cadenza.dataplane.namespace;

import java.util.Map;

/** A namespace registered on this cell. */
public record Namespace(String id, String name, String description, String ownerEmail, long retentionMillis,
                        Map<String, String> data, long createdAtMillis, long updatedAtMillis) {

    public Namespace {
        data = Map.copyOf(data);
    }
}
