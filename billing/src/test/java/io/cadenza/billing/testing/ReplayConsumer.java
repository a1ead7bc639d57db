package io.cadenza.billing.testing;

import io.cadenza.billing.ingest.UsageConsumer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A second consumer group reading cadenza.usage from offset 0 through the same ingestion: it must change nothing. */
@ApplicationScoped
public class ReplayConsumer {
    @Inject
    UsageConsumer consumer;

    private final AtomicLong records = new AtomicLong();

    @Incoming("usage-replay")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.ingest(batch.getRecords())
                .invoke(() -> records.addAndGet(batch.getRecords().size()))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    public long records() {
        return records.get();
    }
}
