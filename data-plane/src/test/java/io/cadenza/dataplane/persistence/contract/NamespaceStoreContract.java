package io.cadenza.dataplane.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceStore;
import io.temporal.api.enums.v1.IndexedValueType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link NamespaceStore} contract: unique names, and deletion as a state before the row goes. */
public abstract class NamespaceStoreContract extends StoreContract {

    private NamespaceStore store;
    private String id;

    @BeforeEach
    void setUp() {
        store = backend().namespaces();
        id = freshNamespace();
    }

    private Namespace namespace(String name, String description) {
        return new Namespace(id, name, description, "owner@example.com", 86_400_000L, Map.of("team", "billing"),
                1_000, 1_000, Map.of("CustomerId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    }

    private List<Namespace> registered() {
        return await(store.list()).stream().filter(n -> n.id().equals(id)).toList();
    }

    @Test
    void aNameIsRegisteredOnceAndReadBackWhole() {
        Namespace ns = namespace("name-" + id, "first");
        assertThat(await(store.create(ns))).isTrue();
        assertThat(await(store.create(new Namespace(freshNamespace(), ns.name(), "", "", 86_400_000L, Map.of(), 2_000,
                2_000, Map.of())))).as("the name is taken").isFalse();

        assertThat(registered()).containsExactly(ns);
    }

    @Test
    void anUpdateChangesARegisteredNamespaceOnly() {
        Namespace ns = namespace("name-" + id, "first");
        await(store.create(ns));

        Namespace changed = namespace(ns.name(), "second");
        assertThat(await(store.update(changed))).isTrue();
        assertThat(registered()).containsExactly(changed);

        await(store.markDeleted(id, 5_000));
        assertThat(await(store.update(namespace(ns.name(), "third")))).as("deleted").isFalse();
    }

    @Test
    void aDeletedNamespaceIsListedAsDeletedUntilItsRowIsRemoved() {
        await(store.create(namespace("name-" + id, "")));

        await(store.markDeleted(id, 5_000));
        await(store.markDeleted(id, 6_000));

        assertThat(registered()).isEmpty();
        assertThat(await(store.listDeleted())).extracting(Namespace::id).contains(id);
        assertThat(await(store.deleteRemainingData(id, 100))).as("nothing left to purge").isZero();
        await(store.removeDeleted(id));
        assertThat(await(store.listDeleted())).extracting(Namespace::id).doesNotContain(id);
    }

    @Test
    void theRemainingDataOfADeletedNamespaceIsPurgedInBatches() {
        await(store.create(namespace("name-" + id, "")));
        StoreBackend.Instance instance = backend().instance("purge");
        int shard = freshShard();
        await(instance.leases().acquire(shard));
        for (int i = 0; i < 3; i++) {
            await(instance.executions().create(newRun(key(id, "wf-" + i), shard, "Order", 1_000),
                    c -> io.cadenza.dataplane.persistence.StartDecision.create()));
        }
        await(store.markDeleted(id, 5_000));

        int total = 0;
        for (int deleted; (deleted = await(store.deleteRemainingData(id, 2))) > 0; ) {
            assertThat(deleted).isLessThanOrEqualTo(2);
            total += deleted;
        }

        assertThat(total).as("3 runs, their 3 events and 3 current-run rows").isEqualTo(9);
        assertThat(await(instance.executions().openExecutions(id, 100))).isEmpty();
    }
}
