package io.cadenza.dataplane.metering;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes {@code usage_outbox} rows to Kafka topic {@code cadenza.usage} (channel {@code usage}, acks=all,
 * idempotent producer), oldest first in batches, as the JSON of docs/usage-events.md: one Kafka record per namespace
 * and round (at most {@link #EVENTS_PER_RECORD} events, a JSON array), keyed by namespace; deletes a row only after
 * the broker acknowledged its record. A crash between acknowledgement and delete re-publishes the rows with the
 * same ids, which billing drops. While the broker is unreachable rows wait in the table.
 *
 * <p>A round that found less than a full batch waits {@code relay-idle-millis} before the next, so under load a
 * round carries the facts of that interval in a few records: per-record work (a Reactive Messaging message, a
 * produce request the broker appends and replicates, the consumer's poll) is paid per interval and namespace, not
 * per action. That was the cost of metering (see benchmarks/README.md, "Metering on vs off").
 */
@ApplicationScoped
public class UsageRelay {

    private static final Logger LOG = Logger.getLogger(UsageRelay.class);

    /** Events per Kafka record at most: ids are under 1 KB, so a record stays far below the broker's 1 MB. */
    static final int EVENTS_PER_RECORD = 500;

    private final UsageOutbox outbox;
    private final Metering metering;
    private final DataPlaneConfig config;
    private final Vertx vertx;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean stopped;

    @Inject
    @Channel("usage")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;

    public UsageRelay(UsageOutbox outbox, Metering metering, DataPlaneConfig config, Vertx vertx) {
        this.outbox = outbox;
        this.metering = metering;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (metering.enabled()) {
            LOG.infof("usage metering on: relaying usage_outbox to Kafka topic cadenza.usage");
            vertx.runOnContext(v -> round());
        } else {
            LOG.infof("usage metering off (cadenza.metering.enabled=false or no kafka.bootstrap.servers)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Events the relay had acknowledged by the broker since start (diagnostics, tests). */
    public long published() {
        return published.get();
    }

    private void round() {
        if (stopped) {
            return;
        }
        outbox.oldest(config.metering().relayBatchSize())
                .onSuccess(rows -> {
                    if (rows.isEmpty()) {
                        later();
                        return;
                    }
                    publish(rows).subscribe().with(acked -> outbox.delete(acked)
                            .onSuccess(v -> {
                                published.addAndGet(acked.size());
                                if (acked.size() < rows.size() // the broker refused some: give it time
                                        || rows.size() < config.metering().relayBatchSize()) { // caught up
                                    later();
                                } else {
                                    vertx.runOnContext(x -> round());
                                }
                            })
                            .onFailure(e -> {
                                LOG.warnf("deleting published usage rows failed (they will be published again): %s",
                                        e.getMessage());
                                later();
                            }), e -> {
                                LOG.warnf("publishing usage failed: %s", e.getMessage());
                                later();
                            });
                })
                .onFailure(e -> {
                    LOG.warnf("reading usage_outbox failed: %s", e.getMessage());
                    later();
                });
    }

    private void later() {
        if (!stopped) {
            vertx.setTimer(config.metering().relayIdleMillis(), id -> round());
        }
    }

    /** Sends every row, a record per namespace (and {@link #EVENTS_PER_RECORD}); completes with the acked ids. */
    private Uni<List<String>> publish(List<UsageRecord> rows) {
        List<Uni<List<String>>> sends = new ArrayList<>();
        for (List<UsageRecord> record : records(rows, EVENTS_PER_RECORD)) {
            String namespace = record.get(0).namespaceId();
            List<String> ids = record.stream().map(UsageRecord::id).toList();
            Message<String> message = Message.of(json(record, config.cellId()))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(namespace).build());
            sends.add(emitter.sendMessage(message)
                    .replaceWith(ids)
                    .onFailure().invoke(e -> LOG.debugf("%d usage events of %s not acknowledged: %s", ids.size(),
                            namespace, e.getMessage()))
                    .onFailure().recoverWithItem(List.of()));
        }
        return Uni.join().all(sends).andCollectFailures()
                .map(acked -> acked.stream().flatMap(List::stream).toList());
    }

    /** {@code rows} grouped by namespace (first appearance order, rows in order), in chunks of at most {@code max}. */
    static List<List<UsageRecord>> records(List<UsageRecord> rows, int max) {
        Map<String, List<UsageRecord>> byNamespace = new LinkedHashMap<>();
        for (UsageRecord r : rows) {
            byNamespace.computeIfAbsent(r.namespaceId(), ns -> new ArrayList<>()).add(r);
        }
        List<List<UsageRecord>> out = new ArrayList<>();
        for (List<UsageRecord> events : byNamespace.values()) {
            for (int from = 0; from < events.size(); from += max) {
                out.add(events.subList(from, Math.min(events.size(), from + max)));
            }
        }
        return out;
    }

    /** A record's value: the JSON array of its events. */
    static String json(List<UsageRecord> events, String cellId) {
        JsonArray array = new JsonArray();
        for (UsageRecord r : events) {
            array.add(event(r, cellId));
        }
        return array.encode();
    }

    /** The event of docs/usage-events.md. */
    static JsonObject event(UsageRecord r, String cellId) {
        JsonObject o = new JsonObject()
                .put("id", r.id())
                .put("namespaceId", r.namespaceId())
                .put("cellId", cellId)
                .put("type", r.type());
        if (r.action() != null) {
            o.put("action", r.action());
        }
        return o.put("quantity", r.quantity())
                .put("occurredAt", Instant.ofEpochMilli(r.occurredAtMillis()).toString());
    }
}
