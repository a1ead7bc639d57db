package io.cadenza.dataplane.retention;

import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.ExecutionStore;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Enforces each namespace's retention: closed runs older than the retention period are deleted with their
 * history, in small batches, a namespace at a time. Deleting is idempotent, so several instances may sweep.
 * Each sweep also takes up the purge of namespaces marked deleted whose purge is not running (after a crash or a
 * failed pass), through {@link NamespacePurger}, which deletes runs with the same query.
 */
@ApplicationScoped
public class RetentionSweeper {

    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);
    private static final int BATCH = 500;

    private final NamespaceRegistry namespaces;
    private final ExecutionStore store;
    private final ExecutionManager manager;
    private final InstantSource clock;
    private final Vertx vertx;
    private final long intervalMillis;
    private final NamespacePurger purger;
    private final AtomicBoolean running = new AtomicBoolean();
    private final io.cadenza.dataplane.execution.standalone.StandaloneActivityStore standaloneActivities;

    public RetentionSweeper(NamespaceRegistry namespaces, ExecutionStore store, ExecutionManager manager,
                            NamespacePurger purger, InstantSource clock, Vertx vertx,
                            @ConfigProperty(name = "cadenza.retention-sweep-millis", defaultValue = "60000")
                            long intervalMillis,
                            io.cadenza.dataplane.execution.standalone.StandaloneActivityStore standaloneActivities) {
        this.standaloneActivities = standaloneActivities;
        this.namespaces = namespaces;
        this.store = store;
        this.manager = manager;
        this.purger = purger;
        this.clock = clock;
        this.vertx = vertx;
        this.intervalMillis = intervalMillis;
    }

    void onStart(@Observes StartupEvent event) {
        vertx.setPeriodic(intervalMillis, id -> {
            purger.resumeDeleted();
            sweep();
        });
    }

    public CompletableFuture<Integer> sweep() {
        return sweepAsOf(clock.millis());
    }

    /** One pass over every namespace as of {@code nowMillis}; completes with the number of runs deleted. */
    public CompletableFuture<Integer> sweepAsOf(long nowMillis) {
        if (!running.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(0);
        }
        CompletableFuture<Integer> total = CompletableFuture.completedFuture(0);
        for (Namespace ns : namespaces.all()) {
            long cutoff = nowMillis - ns.retentionMillis();
            total = total.thenCompose(n -> sweep(ns, cutoff).thenApply(d -> n + d))
                    // Closed standalone activities follow the namespace's retention too (not counted as runs).
                    .thenCompose(n -> sweepActivities(ns, cutoff).thenApply(d -> n));
        }
        return total.whenComplete((n, e) -> {
            running.set(false);
            if (e != null) {
                LOG.warnf("retention sweep failed: %s", e.getMessage());
            } else if (n > 0) {
                LOG.infof("retention deleted %d closed workflow runs", n);
            }
        });
    }

    private CompletableFuture<Integer> sweepActivities(Namespace ns, long cutoff) {
        return standaloneActivities.deleteClosedBefore(ns.id(), cutoff, BATCH).toCompletableFuture()
                .thenCompose(deleted -> deleted < BATCH ? CompletableFuture.completedFuture(deleted)
                        : sweepActivities(ns, cutoff).thenApply(more -> deleted + more));
    }

    private CompletableFuture<Integer> sweep(Namespace ns, long cutoff) {
        return store.deleteClosedBefore(ns.id(), cutoff, BATCH).toCompletableFuture().thenCompose(keys -> {
            manager.forget(keys);
            if (keys.size() < BATCH) {
                return CompletableFuture.completedFuture(keys.size());
            }
            return sweep(ns, cutoff).thenApply(more -> keys.size() + more);
        });
    }
}
