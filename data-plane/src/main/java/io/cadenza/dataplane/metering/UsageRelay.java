package io.cadenza.dataplane.metering;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes {@code usage_outbox} rows to Kafka topic {@code cadenza.usage} (channel {@code usage}, acks=all,
 * idempotent producer), oldest first in batches, keyed by namespace, as the JSON of docs/usage-events.md; deletes
 * a row only after the broker acknowledged it. A crash between acknowledgement and delete re-publishes the row
 * with the same id, which billing drops. While the broker is unreachable rows wait in the table.
 */
@ApplicationScoped
public class UsageRelay {

    private static final Logger LOG = Logger.getLogger(UsageRelay.class);

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
                                if (acked.size() < rows.size()) {
                                    later(); // the broker refused some: give it time
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

    /** Sends every row; completes with the ids the broker acknowledged. */
    private Uni<List<String>> publish(List<UsageRecord> rows) {
        List<Uni<String>> sends = new ArrayList<>(rows.size());
        for (UsageRecord r : rows) {
            Message<String> message = Message.of(json(r, config.cellId()))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(r.namespaceId()).build());
            sends.add(emitter.sendMessage(message)
                    .replaceWith(r.id())
                    .onFailure().invoke(e -> LOG.debugf("usage event %s not acknowledged: %s", r.id(), e.getMessage()))
                    .onFailure().recoverWithNull());
        }
        return Uni.join().all(sends).andCollectFailures()
                .map(ids -> ids.stream().filter(Objects::nonNull).toList());
    }

    /** The event of docs/usage-events.md. */
    static String json(UsageRecord r, String cellId) {
        JsonObject o = new JsonObject()
                .put("id", r.id())
                .put("namespaceId", r.namespaceId())
                .put("cellId", cellId)
                .put("type", r.type());
        if (r.action() != null) {
            o.put("action", r.action());
        }
        return o.put("quantity", r.quantity())
                .put("occurredAt", Instant.ofEpochMilli(r.occurredAtMillis()).toString())
                .encode();
    }
}
