package io.cadenza.dataplane.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.metering.UsageOutboxStore;
import io.cadenza.dataplane.metering.UsageRecord;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link UsageOutboxStore} contract: a fact is stored once, read oldest first, and gone once deleted. */
public abstract class UsageOutboxStoreContract extends StoreContract {

    private UsageOutboxStore outbox;
    private String ns;

    @BeforeEach
    void setUp() {
        outbox = backend().usageOutbox();
        ns = freshNamespace();
    }

    private UsageRecord fact(int i) {
        return new UsageRecord(ns + "-" + i, ns, UsageRecord.ACTIONS, "query", 1, 1_000 + i);
    }

    @Test
    void aFactWrittenTwiceIsStoredOnce() {
        await(outbox.write(List.of(fact(1), fact(2))));
        long pending = await(outbox.pending());
        await(outbox.write(List.of(fact(2), fact(3))));

        assertThat(new UsageOutboxView(outbox).idsOf(ns)).containsExactlyInAnyOrder(ns + "-1", ns + "-2", ns + "-3");
        assertThat(await(outbox.pending())).isEqualTo(pending + 1);
    }

    @Test
    void factsAreReadOldestFirstAndDeletedById() {
        await(outbox.write(List.of(fact(1))));
        await(outbox.write(List.of(fact(2))));
        List<UsageRecord> mine = await(outbox.oldest(100_000)).stream()
                .filter(r -> r.namespaceId().equals(ns)).toList();
        assertThat(mine).containsExactly(fact(1), fact(2));

        await(outbox.delete(List.of(ns + "-1", ns + "-unknown")));
        await(outbox.delete(List.of()));

        assertThat(new UsageOutboxView(outbox).idsOf(ns)).containsExactly(ns + "-2");
    }
}
