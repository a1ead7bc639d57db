package io.cadenza.dataplane.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.namespace.NamespaceStore;
import io.cadenza.dataplane.common.error.CadenzaException.Kind;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The registry's view of a namespace through its deletion: gone for requests at once, its name free after purge. */
class NamespaceRegistryDeletionTest {

    /** In-memory store with the SQL store's semantics: unique names, updates only of registered rows. */
    static final class MemoryStore implements NamespaceStore {
        final Map<String, Namespace> rows = new LinkedHashMap<>();
        final Map<String, Boolean> deleted = new LinkedHashMap<>();

        @Override
        public synchronized CompletionStage<Boolean> create(Namespace ns) {
            if (rows.values().stream().anyMatch(r -> r.name().equals(ns.name()))) {
                return CompletableFuture.completedFuture(false);
            }
            rows.put(ns.id(), ns);
            deleted.put(ns.id(), false);
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public synchronized CompletionStage<Boolean> update(Namespace ns) {
            if (!rows.containsKey(ns.id()) || deleted.get(ns.id())) {
                return CompletableFuture.completedFuture(false);
            }
            rows.put(ns.id(), ns);
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public synchronized CompletionStage<List<Namespace>> list() {
            return CompletableFuture.completedFuture(select(false));
        }

        @Override
        public synchronized CompletionStage<List<Namespace>> listDeleted() {
            return CompletableFuture.completedFuture(select(true));
        }

        @Override
        public synchronized CompletionStage<Void> markDeleted(String namespaceId, long nowMillis) {
            deleted.replace(namespaceId, true);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Integer> deleteRemainingData(String namespaceId, int limit) {
            return CompletableFuture.completedFuture(0);
        }

        @Override
        public synchronized CompletionStage<Void> removeDeleted(String namespaceId) {
            if (Boolean.TRUE.equals(deleted.get(namespaceId))) {
                rows.remove(namespaceId);
                deleted.remove(namespaceId);
            }
            return CompletableFuture.completedFuture(null);
        }

        private List<Namespace> select(boolean wantDeleted) {
            List<Namespace> out = new ArrayList<>();
            rows.forEach((id, ns) -> {
                if (deleted.get(id) == wantDeleted) {
                    out.add(ns);
                }
            });
            return out;
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final NamespaceRegistry registry = new NamespaceRegistry(store, InstantSource.system());

    @Test
    void aDeletedNamespaceIsNotFoundForRequestsButStillKnownToTheEngineUntilPurged() {
        // given
        Namespace orders = register("orders");
        register("billing");

        // when
        registry.markDeleted(orders).toCompletableFuture().join();

        // then
        assertNamespaceNotFound(() -> registry.byName("orders"));
        assertNamespaceNotFound(() -> registry.byId(orders.id()));
        assertThat(registry.all()).extracting(Namespace::name).containsExactly("billing");
        assertThat(registry.isActive(orders.id())).isFalse();
        assertThat(registry.isDeleting(orders.id())).isTrue();
        assertThat(registry.forEngine(orders.id())).isEqualTo(orders);
        assertThat(registry.deletingByName("orders")).contains(orders);
        assertThat(registry.byName("billing").name()).isEqualTo("billing");
    }

    @Test
    void theNameIsRefusedWhileBeingDeletedAndFreeAfterThePurge() {
        // given
        Namespace orders = register("orders");
        registry.markDeleted(orders).toCompletableFuture().join();

        // when registering the name while it is purged
        CadenzaException refused = failure(registry.register("orders", "", "", 86_400_000L, Map.of()));

        // then FAILED_PRECONDITION says why (not ALREADY_EXISTS, which callers take for "registered")
        assertThat(refused.kind()).isEqualTo(Kind.FAILED_PRECONDITION);
        assertThat(refused.getMessage()).contains("orders is being deleted");

        // and after the purge the name is free, with a new id
        registry.purged(orders).toCompletableFuture().join();
        Namespace again = register("orders");
        assertThat(again.id()).isNotEqualTo(orders.id());
        assertThat(registry.isDeleting(orders.id())).isFalse();
        assertNamespaceNotFound(() -> registry.forEngine(orders.id()));
    }

    @Test
    void anUpdateRacingTheDeletionDoesNotBringTheNamespaceBack() {
        // given
        Namespace orders = register("orders");
        registry.markDeleted(orders).toCompletableFuture().join();

        // when an update that looked the namespace up before the deletion is saved
        CadenzaException refused = failure(registry.update(orders.withSearchAttributes(Map.of(), 1)));

        // then
        assertThat(refused.kind()).isEqualTo(Kind.NOT_FOUND);
        assertNamespaceNotFound(() -> registry.byName("orders"));
    }

    @Test
    void aReloadAfterARestartKnowsWhichNamespacesAreBeingDeleted() {
        // given a namespace marked deleted before a restart
        Namespace orders = register("orders");
        register("billing");
        registry.markDeleted(orders).toCompletableFuture().join();

        // when a new instance loads the store
        NamespaceRegistry restarted = new NamespaceRegistry(store, InstantSource.system());
        restarted.reload().toCompletableFuture().join();

        // then
        assertThat(restarted.deleting()).containsExactly(orders);
        assertThat(restarted.all()).extracting(Namespace::name).containsExactly("billing");
        assertNamespaceNotFound(() -> restarted.byName("orders"));
    }

    private Namespace register(String name) {
        return registry.register(name, "", "", 86_400_000L, Map.of()).toCompletableFuture().join();
    }

    private static CadenzaException failure(CompletionStage<?> stage) {
        CompletionException e = catchThrowableOfType(CompletionException.class,
                () -> stage.toCompletableFuture().join());
        assertThat(e).isNotNull();
        return (CadenzaException) e.getCause();
    }

    private static void assertNamespaceNotFound(Runnable lookup) {
        CadenzaException e = catchThrowableOfType(CadenzaException.class, lookup::run);
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    }
}
