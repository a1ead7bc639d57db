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
 *
 * <p>A deleted namespace leaves {@link #byName}, {@link #byId} and {@link #all} (so every RPC on it answers
 * NOT_FOUND) as soon as its deletion is durable, and stays in {@link #deleting()} until its data is purged; only
 * the engine still resolves it ({@link #forEngine}) to terminate its runs. Its name can be registered again once
 * the purge removed it.
 */
@ApplicationScoped
public class NamespaceRegistry {

    private final NamespaceStore store;
    private final InstantSource clock;
    private final Map<String, Namespace> byName = new ConcurrentHashMap<>();
    private final Map<String, Namespace> byId = new ConcurrentHashMap<>();
    /** Deleted namespaces whose data is still being purged, by id. */
    private final Map<String, Namespace> deleting = new ConcurrentHashMap<>();

    public NamespaceRegistry(NamespaceStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    public CompletionStage<Void> reload() {
        return store.list().thenAccept(list -> list.forEach(this::cache))
                .thenCompose(v -> store.listDeleted())
                .thenAccept(list -> list.forEach(ns -> {
                    uncache(ns);
                    deleting.put(ns.id(), ns);
                }));
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

    /** The namespace with this id; NOT_FOUND with NamespaceNotFoundFailure when there is none (or it is deleted). */
    public Namespace byId(String id) {
        Namespace ns = byId.get(id);
        if (ns == null) {
            throw Errors.namespaceIdNotFound(id);
        }
        return ns;
    }

    /** The registered namespaces (deleted ones are not). */
    public Collection<Namespace> all() {
        return byName.values();
    }

    /**
     * The namespace of a run, for the engine's own work on it: also while it is being deleted (its runs are
     * terminated through the normal update path then). Never use it to serve a request.
     */
    public Namespace forEngine(String id) {
        Namespace ns = byId.get(id);
        if (ns == null) {
            ns = deleting.get(id);
        }
        if (ns == null) {
            throw Errors.notFound("Namespace id " + id + " is not found.");
        }
        return ns;
    }

    /** Deleted namespaces whose data is still being purged. */
    public Collection<Namespace> deleting() {
        return deleting.values();
    }

    /** Whether the namespace is registered (not deleted). */
    public boolean isActive(String id) {
        return byId.containsKey(id);
    }

    public boolean isDeleting(String id) {
        return deleting.containsKey(id);
    }

    /** The namespace being deleted that has this id, if any. */
    public java.util.Optional<Namespace> deletingById(String id) {
        return java.util.Optional.ofNullable(deleting.get(id));
    }

    /** The namespace being deleted that has this name, if any. */
    public java.util.Optional<Namespace> deletingByName(String name) {
        return deleting.values().stream().filter(ns -> ns.name().equals(name)).findFirst();
    }

    /**
     * Registers a namespace; completes exceptionally with ALREADY_EXISTS if the name is taken, or with
     * FAILED_PRECONDITION while a namespace of that name is being deleted (retry once its purge finished).
     */
    public CompletionStage<Namespace> register(String name, String description, String ownerEmail,
                                               long retentionMillis, Map<String, String> data) {
        if (deletingByName(name).isPresent()) {
            return java.util.concurrent.CompletableFuture.failedFuture(beingDeleted(name));
        }
        long now = clock.millis();
        Namespace ns = new Namespace(io.cadenza.dataplane.common.Ids.uuid(), name, description, ownerEmail,
                retentionMillis, data, now, now, Map.of());
        return store.create(ns).thenApply(created -> {
            if (!created) {
                throw deletingByName(name).isPresent() ? beingDeleted(name) : Errors.namespaceAlreadyExists(name);
            }
            cache(ns);
            return ns;
        });
    }

    /** Saves a registered namespace; NOT_FOUND if it was deleted meanwhile (the deletion wins). */
    public CompletionStage<Namespace> update(Namespace updated) {
        return store.update(updated).thenApply(saved -> {
            if (!saved || deleting.containsKey(updated.id())) {
                throw Errors.namespaceNotFound(updated.name());
            }
            cache(updated);
            return updated;
        });
    }

    /**
     * Marks the namespace deleted, durably first: once this completes, requests on it answer NOT_FOUND and it is
     * listed in {@link #deleting()} until {@link #purged} is called. Idempotent.
     */
    public CompletionStage<Namespace> markDeleted(Namespace ns) {
        return store.markDeleted(ns.id(), clock.millis()).thenApply(v -> {
            deleting.put(ns.id(), ns);
            uncache(ns);
            return ns;
        });
    }

    /** Removes the row of a deleted namespace whose data is all gone; its name is free again afterwards. */
    public CompletionStage<Void> purged(Namespace ns) {
        return store.removeDeleted(ns.id()).thenRun(() -> deleting.remove(ns.id()));
    }

    static io.cadenza.dataplane.common.error.CadenzaException beingDeleted(String name) {
        return Errors.failedPrecondition("Namespace " + name + " is being deleted; it can be registered again once "
                + "its data has been purged. Retry later.");
    }

    private void cache(Namespace ns) {
        byName.put(ns.name(), ns);
        byId.put(ns.id(), ns);
    }

    private void uncache(Namespace ns) {
        byName.computeIfPresent(ns.name(), (name, cached) -> cached.id().equals(ns.id()) ? null : cached);
        byId.remove(ns.id());
    }
}
