package io.cadenza.dataplane.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a storage sample becomes usage rows: one per namespace, hour and type, in byte-hours. */
class StorageSamplerTest {

    @Test
    void aSampleIsOneRowPerNamespaceAndTypeForItsHour() {
        // given a moment inside an hour and the bytes of open and closed runs of two namespaces
        long now = Instant.parse("2026-12-03T12:34:56.789Z").toEpochMilli();
        long hour = StorageSampler.hourStart(now);
        List<StorageSampler.Bytes> bytes = List.of(new StorageSampler.Bytes("orders.acc1", true, 1_000),
                new StorageSampler.Bytes("orders.acc1", false, 50_000), new StorageSampler.Bytes("web.acc2", true, 7));

        // when turned into usage rows
        List<UsageRecord> rows = StorageSampler.records("cell-1", hour, bytes);

        // then each covers the hour that contains the moment, with the bytes as byte-hours
        assertThat(Instant.ofEpochMilli(hour)).isEqualTo(Instant.parse("2026-12-03T12:00:00Z"));
        assertThat(rows).containsExactly(
                new UsageRecord("st:cell-1/orders.acc1/" + hour / 1000 + "/ACTIVE", "orders.acc1",
                        UsageRecord.ACTIVE_STORAGE, null, 1_000, hour),
                new UsageRecord("st:cell-1/orders.acc1/" + hour / 1000 + "/RETAINED", "orders.acc1",
                        UsageRecord.RETAINED_STORAGE, null, 50_000, hour),
                new UsageRecord("st:cell-1/web.acc2/" + hour / 1000 + "/ACTIVE", "web.acc2",
                        UsageRecord.ACTIVE_STORAGE, null, 7, hour));
        // ... and a second sample in the same hour has the same ids, so billing counts the hour once
        assertThat(StorageSampler.records("cell-1", StorageSampler.hourStart(now + 60_000), bytes))
                .extracting(UsageRecord::id).isEqualTo(rows.stream().map(UsageRecord::id).toList());
    }

    @Test
    void aRecordIsTheJsonArrayOfOneNamespacesEvents() {
        long at = Instant.parse("2026-12-03T12:04:05.123Z").toEpochMilli();
        UsageRecord action = new UsageRecord("a:orders.acc1/order-42/run-1/5", "orders.acc1", UsageRecord.ACTIONS,
                Actions.ACTIVITY_STARTED, 1, at);
        UsageRecord storage = new UsageRecord("st:cell-1/orders.acc1/1/ACTIVE", "orders.acc1",
                UsageRecord.ACTIVE_STORAGE, null, 7, at);
        assertThat(UsageRelay.json(List.of(action, storage), "cell-1")).isEqualTo(
                "[{\"id\":\"a:orders.acc1/order-42/run-1/5\","
                + "\"namespaceId\":\"orders.acc1\",\"cellId\":\"cell-1\",\"type\":\"ACTIONS\","
                + "\"action\":\"activity.started\",\"quantity\":1,\"occurredAt\":\"2026-12-03T12:04:05.123Z\"},"
                + "{\"id\":\"st:cell-1/orders.acc1/1/ACTIVE\",\"namespaceId\":\"orders.acc1\",\"cellId\":\"cell-1\","
                + "\"type\":\"ACTIVE_STORAGE\",\"quantity\":7,\"occurredAt\":\"2026-12-03T12:04:05.123Z\"}]");
    }

    @Test
    void recordsGroupByNamespaceInOrderAndSplitAtTheLimit() {
        List<UsageRecord> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(UsageRecord.action("a:a/" + i, "a", Actions.TIMER_STARTED, 1, i));
            rows.add(UsageRecord.action("a:b/" + i, "b", Actions.TIMER_STARTED, 1, i));
        }
        List<List<UsageRecord>> records = UsageRelay.records(rows, 2);
        assertThat(records).extracting(r -> r.stream().map(UsageRecord::id).toList()).containsExactly(
                List.of("a:a/0", "a:a/1"), List.of("a:a/2", "a:a/3"), List.of("a:a/4"),
                List.of("a:b/0", "a:b/1"), List.of("a:b/2", "a:b/3"), List.of("a:b/4"));
    }
}
