package io.cadenza.dataplane.namespace;

import io.cadenza.dataplane.common.Errors;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The namespaces of this cell, cached in memory (they change rarely and are read on every request). Writes go
 * to the store first and then to the cache.
 */
@ApplicationScoped
public class NamespaceRegistry {

    private final NamespaceStore store;
    private final InstantSource clock;
    private final Map<String, Namespace> byName = new ConcurrentHashMap<>();
    private final Map<String, Namespace> byId = new ConcurrentHashMap<>();

    public NamespaceRegistry(NamespaceStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    public CompletionStage<Void> reload() {
        return store.list().thenAccept(list -> list.forEach(this::cache));
    }

    /** The namespace called {@code name}; NOT_FOUND with NamespaceNotFoundFailure when there is none. */
    public Namespace byName(String name) {
        if (name == null || name.isEmpty()) {
            throw Errors.invalidArgument("Namespace is not set on request.");
        }
        Namespace ns = byName.get(name);
        if (ns == null) {
            throw Errors.namespaceNotFound(name);
        }
        return ns;
    }

    public Namespace byId(String id) {
        Namespace ns = byId.get(id);
        if (ns == null) {
            throw Errors.notFound("Namespace id " + id + " is not found.");
        }
        return ns;
    }

    public Collection<Namespace> all() {
        return byName.values();
    }

    /** Registers a namespace; completes exceptionally with ALREADY_EXISTS if the name is taken. */
    public CompletionStage<Namespace> register(String name, String description, String ownerEmail,
                                               long retentionMillis, Map<String, String> data) {
        long now = clock.millis();
        Namespace ns = new Namespace(io.cadenza.dataplane.common.Ids.uuid(), name, description, ownerEmail,
                retentionMillis, data, now, now, Map.of());
        return store.create(ns).thenApply(created -> {
            if (!created) {
                throw Errors.namespaceAlreadyExists(name);
            }
            cache(ns);
            return ns;
        });
    }

    public CompletionStage<Namespace> update(Namespace updated) {
        return store.update(updated).thenApply(v -> {
            cache(updated);
            return updated;
        });
    }

    private void cache(Namespace ns) {
        byName.put(ns.name(), ns);
        byId.put(ns.id(), ns);
    }
}
