package io.cadenza.billing.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.billing.config.BillingClock;
import io.cadenza.billing.controlplane.AccountDirectory;
import io.cadenza.billing.pricing.UsageEvent;
import io.cadenza.billing.store.UsageStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes topic {@code cadenza.usage} in batches. A batch is acknowledged (so its offsets may be committed, by the
 * {@code throttled} strategy) only after its database transaction committed; a failed transaction is retried with
 * back-off until it succeeds, so no event is skipped and a redelivered one hits the unique event id.
 */
@ApplicationScoped
public class UsageConsumer {
    private static final Logger LOG = Logger.getLogger(UsageConsumer.class);

    @Inject
    UsageStore store;
    @Inject
    AccountDirectory accounts;
    @Inject
    ObjectMapper json;
    @Inject
    BillingClock clock;

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong inserted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    @Incoming("usage")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return ingest(batch.getRecords()).chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** Ingests records (all or none); completes after the database commit. */
    public Uni<Void> ingest(List<KafkaRecord<String, String>> batch) {
        List<UsageEvent> events = new ArrayList<>();
        List<UsageStore.Rejected> sources = new ArrayList<>(); // where each event came from, should it be refused
        List<UsageStore.Rejected> bad = new ArrayList<>();
        for (KafkaRecord<String, String> r : batch) {
            try {
                List<UsageEvent.Element> elements = UsageEvent.parseRecord(json, r.getPayload());
                for (int i = 0; i < elements.size(); i++) {
                    UsageEvent.Element element = elements.get(i);
                    if (element.event() != null) {
                        events.add(element.event());
                        sources.add(rejectedRecord(r, i, element.text(), null));
                    } else {
                        bad.add(rejectedRecord(r, i, element.text(), element.invalid()));
                    }
                }
            } catch (UsageEvent.Invalid e) {
                bad.add(rejectedRecord(r, 0, r.getPayload(), e.getMessage()));
            }
        }
        return resolveAccounts(events).chain(owners -> {
            List<UsageStore.Owned> owned = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                UsageEvent e = events.get(i);
                Optional<String> account = owners.get(e.namespaceId());
                if (account.isPresent()) {
                    owned.add(new UsageStore.Owned(e, account.get()));
                } else {
                    UsageStore.Rejected source = sources.get(i);
                    bad.add(new UsageStore.Rejected(source.topicPartition(), source.offset(), source.element(),
                            source.payload(),
                            "namespace " + e.namespaceId() + " has no account "
                            + "(unknown to the control plane, and its id is not <name>.<accountId>)"));
                }
            }
            return Uni.createFrom().deferred(() -> store.ingest(owned, bad, clock.instant()))
                    .onFailure().invoke(e -> LOG.warnf("storing a batch of %d usage events failed, retrying: %s",
                            batch.size(), e.toString()))
                    .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(10)).indefinitely();
        }).invoke(outcome -> {
            records.addAndGet(batch.size());
            inserted.addAndGet(outcome.inserted());
            duplicates.addAndGet(outcome.duplicates());
            rejected.addAndGet(outcome.rejected());
            if (outcome.rejected() > 0) {
                LOG.warnf("%d usage records could not be ingested; see table usage_rejected", outcome.rejected());
            }
        }).replaceWithVoid();
    }

    private Uni<Map<String, Optional<String>>> resolveAccounts(List<UsageEvent> events) {
        Map<String, CompletableFuture<Optional<String>>> lookups = new HashMap<>();
        for (UsageEvent e : events) {
            lookups.computeIfAbsent(e.namespaceId(), accounts::accountOf);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(lookups.values().toArray(new CompletableFuture[0]));
        return Uni.createFrom().completionStage(all).map(ignored -> {
            Map<String, Optional<String>> result = new HashMap<>();
            lookups.forEach((ns, f) -> result.put(ns, f.join()));
            return result;
        });
    }

    private static UsageStore.Rejected rejectedRecord(KafkaRecord<String, String> r, int element, String payload,
                                                      String reason) {
        return new UsageStore.Rejected(r.getTopic() + "-" + r.getPartition(),
                r instanceof io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord<?, ?> in ? in.getOffset() : -1,
                element, payload == null ? "" : payload, reason);
    }

    /** Records consumed so far (every delivery, duplicates included). */
    public long recordsConsumed() {
        return records.get();
    }

    public long eventsInserted() {
        return inserted.get();
    }

    public long duplicatesSkipped() {
        return duplicates.get();
    }

    public long recordsRejected() {
        return rejected.get();
    }
}
