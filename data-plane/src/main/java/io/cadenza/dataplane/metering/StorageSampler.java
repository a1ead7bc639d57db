package io.cadenza.dataplane.metering;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Storage metering: once per hour (checked every {@code cadenza.metering.storage-sample-millis}), the bytes of
 * history per namespace, open runs as active and closed runs as retained storage, written as one
 * {@code st:} row per namespace, hour and type. A sample stands for the whole hour, so its quantity in byte-hours
 * is the byte count. Every instance of a cell samples; they write the same ids, which billing counts once.
 */
@ApplicationScoped
public class StorageSampler {

    private static final Logger LOG = Logger.getLogger(StorageSampler.class);
    static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    /** History bytes of one namespace's open or closed runs (the namespace by id, or by name once mapped). */
    public record Bytes(String namespaceId, boolean open, long bytes) {
    }

    private final UsageOutbox outbox;
    private final io.cadenza.dataplane.namespace.NamespaceRegistry namespaces;
    private final Metering metering;
    private final DataPlaneConfig config;
    private final InstantSource clock;
    private final Vertx vertx;
    private volatile long lastSampledHour = -1;

    public StorageSampler(UsageOutbox outbox, io.cadenza.dataplane.namespace.NamespaceRegistry namespaces,
                          Metering metering, DataPlaneConfig config, InstantSource clock, Vertx vertx) {
        this.outbox = outbox;
        this.namespaces = namespaces;
        this.metering = metering;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (!metering.enabled()) {
            return;
        }
        vertx.setPeriodic(1_000, config.metering().storageSampleMillis(), id -> {
            long hour = hourStart(clock.millis());
            if (hour != lastSampledHour) {
                sample(hour).onSuccess(v -> lastSampledHour = hour)
                        .onFailure(e -> LOG.warnf("storage sample of hour %d failed: %s", hour, e.getMessage()));
            }
        });
    }

    /** Samples now, for the hour that starts at {@code hourStartMillis}. */
    public Future<Void> sample(long hourStartMillis) {
        return outbox.historyBytes()
                .compose(bytes -> Future.fromCompletionStage(outbox.write(records(config.cellId(), hourStartMillis,
                        byName(bytes)))));
    }

    /** The samples keyed by namespace name, as billing knows namespaces; purged namespaces are left out. */
    private List<Bytes> byName(List<Bytes> byId) {
        List<Bytes> out = new ArrayList<>();
        for (Bytes b : byId) {
            try {
                out.add(new Bytes(namespaces.forEngine(b.namespaceId()).name(), b.open(), b.bytes()));
            } catch (RuntimeException purged) {
                // its rows are being deleted with it
            }
        }
        return out;
    }

    static long hourStart(long millis) {
        return millis - Math.floorMod(millis, HOUR_MILLIS);
    }

    /** The usage rows of one sample. */
    static List<UsageRecord> records(String cellId, long hourStartMillis, List<Bytes> bytes) {
        List<UsageRecord> out = new ArrayList<>();
        for (Bytes b : bytes) {
            String type = b.open() ? UsageRecord.ACTIVE_STORAGE : UsageRecord.RETAINED_STORAGE;
            String kind = b.open() ? "ACTIVE" : "RETAINED";
            out.add(new UsageRecord("st:" + cellId + "/" + b.namespaceId() + "/" + hourStartMillis / 1000 + "/"
                    + kind, b.namespaceId(), type, null, b.bytes(), hourStartMillis));
        }
        return out;
    }
}
