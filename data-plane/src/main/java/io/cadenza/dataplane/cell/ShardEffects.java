package io.cadenza.dataplane.cell;

import io.cadenza.dataplane.batch.BatchRunner;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.standalone.StandaloneActivityManager;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.ExecutionStore;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.cadenza.dataplane.schedule.ScheduleManager;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * What taking or giving up a shard means for the engine. Taking one recovers it as start-up always did for every
 * shard: its open runs hand their pending tasks to matching, their deadlines (timers, activity timeouts, inbox due
 * dates) to the timer wheel and re-issue their transfers; its standalone activities likewise; the schedules of the
 * namespaces it holds are loaded and armed; its batch jobs are picked up by the runner's next scan. Giving one up
 * forgets all of that here (the new owner recovers it from the database).
 */
@ApplicationScoped
public class ShardEffects {

    private static final Logger LOG = Logger.getLogger(ShardEffects.class);

    private final ExecutionStore store;
    private final ExecutionManager manager;
    private final StandaloneActivityManager standaloneActivities;
    private final ScheduleManager schedules;
    private final BatchRunner batches;
    private final NamespaceRegistry namespaces;
    private final ShardLeases shards;

    public ShardEffects(ExecutionStore store, ExecutionManager manager, StandaloneActivityManager standaloneActivities,
                        ScheduleManager schedules, BatchRunner batches, NamespaceRegistry namespaces,
                        ShardLeases shards) {
        this.store = store;
        this.manager = manager;
        this.standaloneActivities = standaloneActivities;
        this.schedules = schedules;
        this.batches = batches;
        this.namespaces = namespaces;
        this.shards = shards;
    }

    /** Counts of what a shard's recovery found. */
    public record Recovered(int runs, int activities, int schedules) {
    }

    /** Recovers a shard this instance just took; completes with what it found. */
    public CompletableFuture<Recovered> taken(int shard) {
        CompletableFuture<Integer> runs = store.openExecutions(shard).toCompletableFuture()
                .thenCompose(keys -> recover(keys).thenApply(v -> keys.size()));
        CompletableFuture<Integer> activities = runs.thenCompose(n -> standaloneActivities.recoverShard(shard,
                namespaces::isActive));
        CompletableFuture<Integer> loaded = activities.thenCompose(n -> schedules.loadShard(ns ->
                schedulesShard(ns) == shard && namespaces.isActive(ns)));
        return loaded.thenApply(n -> {
            batches.wake();
            return new Recovered(runs.join(), activities.join(), n);
        });
    }

    /**
     * Re-hands the pending work of a shard's open runs to matching (task queues moved to other instances when the
     * members changed): idempotent, a pointer already queued is simply dropped as stale when taken twice.
     */
    public CompletableFuture<Integer> redispatch(int shard) {
        CompletableFuture<Integer> runs = store.openExecutions(shard).toCompletableFuture()
                .thenCompose(keys -> recover(keys).thenApply(v -> keys.size()));
        return runs.thenCompose(n -> standaloneActivities.recoverShard(shard, namespaces::isActive)
                .thenApply(a -> n + a));
    }

    /** Completes when the updates of the shard's runs now in flight are done. */
    public CompletableFuture<Void> drain(int shard) {
        return manager.drainShard(shard);
    }

    /** Forgets a shard this instance gave up or lost; returns how many cached runs went. */
    public int released(int shard) {
        int runs = manager.forgetShard(shard);
        standaloneActivities.forgetShard(shard);
        schedules.forgetShard(ns -> schedulesShard(ns) == shard);
        batches.forgetShard(shard);
        return runs;
    }

    /** The shard that holds a namespace's schedules (their RPCs are answered by its owner). */
    public int schedulesShard(String namespaceId) {
        return shards.shardOf(namespaceId, ScheduleManager.shardKey());
    }

    private CompletableFuture<Void> recover(List<ExecutionKey> keys) {
        return CompletableFuture.allOf(keys.stream()
                // Runs of a namespace being deleted get no work handed out: its purge terminates them.
                .filter(k -> !namespaces.isDeleting(k.namespaceId()))
                .map(k -> manager.recover(k).exceptionally(e -> {
                    LOG.debugf(e, "could not recover %s", k);
                    return null;
                }))
                .toArray(CompletableFuture[]::new));
    }
}
