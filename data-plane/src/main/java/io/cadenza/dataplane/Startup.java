package io.cadenza.dataplane;

import io.cadenza.dataplane.cell.ShardController;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.cadenza.dataplane.retention.NamespacePurger;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Start-up of an instance: load namespaces (creating the bootstrap ones), join the cell and take over the shards
 * assigned to this instance ({@link ShardController}), which recovers every open run of those shards, handing
 * pending tasks back to matching and deadlines to the timer wheel.
 * The instance reports ready once recovery is done; then the purge of namespaces deleted before a crash resumes.
 */
@ApplicationScoped
@Readiness
public class Startup implements AsyncHealthCheck {

    private static final Logger LOG = Logger.getLogger(Startup.class);

    private final NamespaceRegistry namespaces;
    private final ShardLeases shards;
    private final DataPlaneConfig config;
    private final NamespacePurger purger;
    private final CellGate gate;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final ShardController cell;

    public Startup(NamespaceRegistry namespaces, ShardLeases shards, DataPlaneConfig config, NamespacePurger purger,
                   CellGate gate, ShardController cell) {
        this.cell = cell;
        this.purger = purger;
        this.gate = gate;
        this.namespaces = namespaces;
        this.shards = shards;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws Exception {
        namespaces.reload().toCompletableFuture().get(60, TimeUnit.SECONDS);
        for (String name : config.bootstrapNamespaces().orElse(List.of())) {
            if (namespaces.deletingByName(name).isPresent()) {
                LOG.warnf("bootstrap namespace %s is being deleted; it is registered again after a restart once "
                        + "its purge has finished", name);
                continue;
            }
            if (namespaces.all().stream().noneMatch(n -> n.name().equals(name))) {
                namespaces.register(name, "created at start-up", "", config.bootstrapRetentionDays() * 86_400_000L,
                                Map.of())
                        .exceptionally(e -> null).toCompletableFuture().get(60, TimeUnit.SECONDS);
                namespaces.reload().toCompletableFuture().get(60, TimeUnit.SECONDS);
                // Like `temporal server start-dev`, bootstrap namespaces come with the Custom*Field attributes.
                var ns = namespaces.byName(name);
                namespaces.update(ns.withSearchAttributes(
                                io.cadenza.dataplane.visibility.SearchAttributeDefinitions.DEV_DEFAULTS, ns.updatedAtMillis()))
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        }
        // Join the cell: register, take the shards assigned here whose holder is gone or released them.
        cell.start().get(60, TimeUnit.SECONDS);
        // Namespaces known and shards ours: requests are served from here on, while open runs are recovered
        // (a request for a run not yet recovered loads it like any other).
        gate.open();
        cell.firstRecovery().whenComplete((n, e) -> {
            if (e != null) {
                LOG.error("recovery of open workflows and standalone activities failed", e);
            } else {
                LOG.infof("cell %s ready: instance %s at %s holds %d of %d shards", config.cellId(),
                        shards.instanceId(), cell.address(), shards.held().size(), shards.shardCount());
            }
            ready.set(e == null);
            // Namespaces deleted before a crash: their purge continues now that the shards are ours.
            purger.resumeDeleted();
        });
    }

    /** Graceful shutdown (SIGTERM): the shards are released at once for the other instances, not left to lapse. */
    void onStop(@Observes ShutdownEvent event) {
        cell.shutdown();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(HealthCheckResponse.named("cadenza-cell").status(ready.get()).build());
    }
}
