package io.cadenza.dataplane.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.metering.UsageRecord;
import io.cadenza.dataplane.schedule.ScheduleRecord;
import io.cadenza.dataplane.schedule.ScheduleStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link ScheduleStore} contract: ids are unique per namespace and every change is conditional on the version. */
public abstract class ScheduleStoreContract extends StoreContract {

    private ScheduleStore store;
    private String ns;

    @BeforeEach
    void setUp() {
        store = backend().schedules();
        ns = freshNamespace();
    }

    private ScheduleRecord record(String id, long actions) {
        ScheduleRecord r = new ScheduleRecord();
        r.namespaceId = ns;
        r.scheduleId = id;
        r.actionCount = actions;
        return r;
    }

    private List<ScheduleStore.Stored> mine() {
        return await(store.all()).stream().filter(s -> s.record().namespaceId.equals(ns)).toList();
    }

    @Test
    void aScheduleIdIsCreatedOnce() {
        assertThat(await(store.create(record("s", 1), List.of()))).isTrue();
        assertThat(await(store.create(record("s", 2), List.of()))).isFalse();

        assertThat(mine()).singleElement().satisfies(s -> {
            assertThat(s.version()).isEqualTo(1);
            assertThat(s.record().actionCount).isEqualTo(1);
        });
    }

    @Test
    void aSaveAppliesOnlyAtTheExpectedVersion() {
        await(store.create(record("s", 1), List.of()));

        assertThat(await(store.save(record("s", 2), 1, List.of()))).isTrue();
        assertThat(await(store.save(record("s", 3), 1, List.of()))).as("stale version").isFalse();

        assertThat(mine()).singleElement().satisfies(s -> {
            assertThat(s.version()).isEqualTo(2);
            assertThat(s.record().actionCount).isEqualTo(2);
        });
    }

    @Test
    void allListsSchedulesInIdOrderAndDeleteRemovesOne() {
        for (String id : List.of("c", "a", "b")) {
            await(store.create(record(id, 0), List.of()));
        }

        assertThat(await(store.delete(ns, "b", List.of()))).isTrue();
        assertThat(await(store.delete(ns, "b", List.of()))).isFalse();
        assertThat(await(store.save(record("b", 1), 1, List.of()))).as("a deleted schedule is not saved").isFalse();

        assertThat(mine()).extracting(s -> s.record().scheduleId).containsExactly("a", "c");
    }

    @Test
    void theUsageOfAChangeIsWrittenOnlyWhenTheChangeIs() {
        UsageOutboxView outbox = new UsageOutboxView(backend().usageOutbox());
        UsageRecord created = new UsageRecord("u-" + ns + "-1", ns, UsageRecord.ACTIONS, "schedule.create", 1, 1_000);
        UsageRecord refused = new UsageRecord("u-" + ns + "-2", ns, UsageRecord.ACTIONS, "schedule.create", 1, 1_000);

        await(store.create(record("s", 0), List.of(created)));
        await(store.create(record("s", 0), List.of(refused)));

        assertThat(outbox.idsOf(ns)).containsExactly(created.id());
    }
}
