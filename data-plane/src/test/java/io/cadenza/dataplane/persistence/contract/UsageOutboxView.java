package io.cadenza.dataplane.persistence.contract;

import io.cadenza.dataplane.metering.UsageOutboxStore;
import io.cadenza.dataplane.metering.UsageRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The outbox rows of one namespace, read through the store (suites share the outbox table). */
final class UsageOutboxView {

    private final UsageOutboxStore outbox;

    UsageOutboxView(UsageOutboxStore outbox) {
        this.outbox = outbox;
    }

    List<String> idsOf(String namespaceId) {
        try {
            return outbox.oldest(100_000).toCompletableFuture().get(30, TimeUnit.SECONDS).stream()
                    .filter(r -> r.namespaceId().equals(namespaceId)).map(UsageRecord::id).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
