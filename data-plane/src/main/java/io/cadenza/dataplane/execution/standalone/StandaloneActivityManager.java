package io.cadenza.dataplane.execution.standalone;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.TimerWheel;
import io.cadenza.dataplane.execution.activity.ActivityState;
import io.cadenza.dataplane.matching.MatchingTask;
import io.cadenza.dataplane.matching.TaskQueueManager;
import io.cadenza.dataplane.persistence.ShardLeases;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The one way to change a standalone activity, as {@code ExecutionManager} is for runs: {@link #update} loads the
 * activity id's latest run (cache or store), applies a pure transition under a per-id serial order, commits the
 * row (fenced by its shard, versioned), and only then hands a due attempt to matching and the next deadline to the
 * timer wheel. Waiters (PollActivityExecution, Describe long polls) are woken after each commit.
 */
@ApplicationScoped
public class StandaloneActivityManager {

    private static final Logger LOG = Logger.getLogger(StandaloneActivityManager.class);

    /** An activity id within a namespace: what one serial order covers. */
    public record Key(String namespaceId, String activityId) {
    }

    private final StandaloneActivityStore store;
    private final TaskQueueManager matching;
    private final ShardLeases shards;
    private final InstantSource clock;
    private final DataPlaneConfig config;
    /** Deadlines of standalone activities, keyed (namespace id, activity id, run id). */
    private final TimerWheel timers;
    private final ConcurrentMap<Key, Entry> entries = new ConcurrentHashMap<>();

    private final io.cadenza.dataplane.metering.Metering metering;
    private final io.cadenza.dataplane.namespace.NamespaceRegistry namespaces;

    public StandaloneActivityManager(StandaloneActivityStore store, TaskQueueManager matching,
                                     ShardLeases shards, InstantSource clock, DataPlaneConfig config,
                                     io.cadenza.dataplane.metering.Metering metering,
                                     io.cadenza.dataplane.namespace.NamespaceRegistry namespaces) {
        this.metering = metering;
        this.namespaces = namespaces;
        this.store = store;
        this.matching = matching;
        this.shards = shards;
        this.clock = clock;
        this.config = config;
        this.timers = new TimerWheel(clock);
        timers.onWakeup(this::wakeUp);
    }

    @PreDestroy
    void stop() {
        timers.stop();
    }

    private static final class Entry {
        final Key key;
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
        boolean loaded;
        boolean evicted;
        boolean evictionScheduled;
        StandaloneActivity current;
        long dbVersion;
        int shardId;
        final List<CompletableFuture<Void>> waiters = new ArrayList<>();

        Entry(Key key) {
            this.key = key;
        }
    }

    /**
     * Applies {@code transition} to the activity id's latest run and commits what it changed. The function must
     * validate before it mutates: if it throws after changing state, the cached copy is dropped.
     */
    public <R> CompletableFuture<R> update(Key key, Function<StandaloneChange, R> transition) {
        if (!shards.owns(shardOf(key))) {
            // Owned by another instance, or moving: the caller retries and is forwarded to the owner.
            return CompletableFuture.failedFuture(storeError(key,
                    new io.cadenza.dataplane.persistence.ShardOwnershipLost(shardOf(key))));
        }
        while (true) {
            Entry e = entries.computeIfAbsent(key, Entry::new);
            CompletableFuture<Void> previous;
            CompletableFuture<Void> mine = new CompletableFuture<>();
            synchronized (e) {
                if (e.evicted) {
                    continue;
                }
                // The tail moves before anything runs: an update started from inside this one (a poller woken
                // by the task this one dispatched) queues behind it instead of running nested in it.
                previous = e.tail;
                e.tail = mine;
            }
            CompletableFuture<R> result = previous.thenCompose(v -> loaded(e).thenCompose(x -> apply(e,
                    transition)));
            result.whenComplete((r, err) -> mine.complete(null));
            return result;
        }
    }

    /**
     * Completes at the id's next commit or after {@code timeoutMillis}. Call it from inside an update (so no
     * commit can slip between reading the state and waiting).
     */
    public CompletableFuture<Void> awaitChange(Key key, long timeoutMillis) {
        Entry e = entries.computeIfAbsent(key, Entry::new);
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        synchronized (e) {
            e.waiters.add(waiter);
        }
        waiter.completeOnTimeout(null, Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
        waiter.whenComplete((v, t) -> {
            synchronized (e) {
                e.waiters.remove(waiter);
            }
        });
        return waiter;
    }

    /** A run of the id that is not its latest (read-only, from the store), or null. */
    public CompletionStage<StandaloneActivity> loadRun(Key key, String runId) {
        return store.load(key.namespaceId(), key.activityId(), runId)
                .thenApply(s -> s == null ? null : s.activity());
    }

    /** After a takeover: hands a running activity's due attempt to matching and its deadline to the timers. */
    public CompletableFuture<Void> recover(Key key) {
        return update(key, c -> {
            StandaloneActivity s = c.current();
            if (s != null && s.isRunning() && s.activity.state == ActivityState.SCHEDULED) {
                c.redispatch();
            }
            return null;
        });
    }

    /** Recovers every running standalone activity of the shards this instance owns; completes with the count. */
    public CompletableFuture<Integer> recoverAll(java.util.function.Predicate<String> namespaceActive) {
        CompletableFuture<Integer> total = CompletableFuture.completedFuture(0);
        for (int shard = 0; shard < shards.shardCount(); shard++) {
            int s = shard;
            total = total.thenCompose(count -> recoverShard(s, namespaceActive).thenApply(n -> count + n));
        }
        return total;
    }

    /** Recovers every running standalone activity of one shard (just taken); completes with the count. */
    public CompletableFuture<Integer> recoverShard(int shard, java.util.function.Predicate<String> namespaceActive) {
        return store.running(shard).toCompletableFuture().thenCompose(ids -> {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (String[] id : ids) {
                if (namespaceActive.test(id[0])) {
                    all.add(recover(new Key(id[0], id[1])).exceptionally(err -> {
                        LOG.errorf(err, "could not recover standalone activity %s", id[1]);
                        return null;
                    }));
                }
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> all.size());
        });
    }

    /** Forgets the cached activities of a shard this instance gave up, and their deadlines. */
    public void forgetShard(int shard) {
        for (Key k : List.copyOf(entries.keySet())) {
            if (shardOf(k) == shard) {
                Entry e = entries.remove(k);
                if (e != null) {
                    synchronized (e) {
                        e.evicted = true;
                        if (e.current != null) {
                            timers.cancel(runKey(e.current));
                        }
                        List.copyOf(e.waiters).forEach(w -> w.complete(null));
                    }
                }
            }
        }
    }

    /** Forgets every cached activity of a namespace whose data was purged. */
    public void forgetNamespace(String namespaceId) {
        entries.keySet().removeIf(k -> k.namespaceId().equals(namespaceId));
    }

    public int shardOf(Key key) {
        return shards.shardOf(key.namespaceId(), "activity:" + key.activityId());
    }

    private CompletionStage<Void> loaded(Entry e) {
        if (e.loaded) {
            return CompletableFuture.completedFuture(null);
        }
        return store.latest(e.key.namespaceId(), e.key.activityId()).thenAccept(stored -> {
            e.current = stored == null ? null : stored.activity();
            e.dbVersion = stored == null ? 0 : stored.dbVersion();
            e.shardId = stored == null ? shardOf(e.key) : stored.shardId();
            e.loaded = true;
        });
    }

    private <R> CompletionStage<R> apply(Entry e, Function<StandaloneChange, R> transition) {
        StandaloneChange c = new StandaloneChange(clock.millis(), e.current);
        R result;
        try {
            result = transition.apply(c);
        } catch (RuntimeException ex) {
            if (c.needsCommit()) {
                e.loaded = false;
            }
            return CompletableFuture.failedFuture(ex);
        }
        if (!c.needsCommit()) {
            afterCommit(e, c, false);
            return CompletableFuture.completedFuture(result);
        }
        CompletionStage<Void> commit;
        StandaloneActivity created = c.created();
        if (created != null) {
            created.stateTransitionCount = 1;
            commit = store.insert(created, e.shardId, usage(c, created), c.now()).thenRun(() -> {
                e.current = created;
                e.dbVersion = 1;
            });
        } else if (c.deleteRequested()) {
            StandaloneActivity s = e.current;
            commit = store.delete(s.namespaceId, s.activityId, s.runId, e.shardId).thenRun(() -> {
                timers.cancel(runKey(s));
                // The id's latest run is now an older one (if any): read it again when next needed.
                e.loaded = false;
                e.current = null;
            });
        } else {
            StandaloneActivity s = e.current;
            s.stateTransitionCount++;
            commit = store.update(s, e.shardId, e.dbVersion, usage(c, s), c.now()).thenRun(() -> e.dbVersion++);
        }
        return commit.handle((ok, err) -> {
            if (err != null) {
                // The cached copy may be ahead of the store, or stale: read it again next time.
                e.loaded = false;
                e.current = null;
                throw storeError(e.key, err);
            }
            afterCommit(e, c, true);
            return result;
        });
    }

    /** The billable actions of the change as usage rows (none with metering off); ids are deterministic. */
    private java.util.List<io.cadenza.dataplane.metering.UsageRecord> usage(StandaloneChange c,
                                                                            StandaloneActivity run) {
        if (c.metered().isEmpty() || metering == null || !metering.enabled()) {
            return java.util.List.of();
        }
        String namespace = namespaces.forEngine(run.namespaceId).name();
        java.util.List<io.cadenza.dataplane.metering.UsageRecord> rows = new java.util.ArrayList<>();
        for (String[] fact : c.metered()) {
            rows.add(new io.cadenza.dataplane.metering.UsageRecord("sa:" + run.namespaceId + "/" + run.activityId
                    + "/" + run.runId + "/" + fact[0], namespace, io.cadenza.dataplane.metering.UsageRecord.ACTIONS,
                    fact[1], 1, c.now()));
        }
        return rows;
    }

    private void afterCommit(Entry e, StandaloneChange c, boolean committed) {
        StandaloneActivity s = e.current;
        if (s != null && s.isRunning()) {
            if (c.dispatchRequested() && s.activity.state == ActivityState.SCHEDULED) {
                matching.offer(MatchingTask.standaloneActivityTask(runKey(s),
                        s.activity.attributes().getTaskQueue().getName(), s.activity.attempt));
            }
            long deadline = StandaloneTransitions.nextDeadline(s);
            if (deadline != Long.MAX_VALUE) {
                timers.schedule(runKey(s), deadline);
            }
        } else if (s != null) {
            timers.cancel(runKey(s));
            scheduleEviction(e);
        }
        if (!committed) {
            return;
        }
        List<CompletableFuture<Void>> woken;
        synchronized (e) {
            woken = new ArrayList<>(e.waiters);
            e.waiters.clear();
        }
        woken.forEach(w -> w.complete(null));
    }

    /** A closed activity leaves memory a little after it closed; reads then go to the store. */
    private void scheduleEviction(Entry e) {
        synchronized (e) {
            if (e.evictionScheduled) {
                return;
            }
            e.evictionScheduled = true;
        }
        CompletableFuture.delayedExecutor(config.closedExecutionCacheMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            synchronized (e) {
                boolean closed = e.current == null || !e.current.isRunning();
                if (e.tail.isDone() && closed && e.waiters.isEmpty()) {
                    e.evicted = true;
                    entries.remove(e.key, e);
                } else {
                    e.evictionScheduled = false;
                }
            }
        });
    }

    private void wakeUp(ExecutionKey runKey) {
        update(new Key(runKey.namespaceId(), runKey.workflowId()), c -> {
            StandaloneActivity s = c.current();
            if (s != null && s.runId.equals(runKey.runId())) {
                StandaloneTransitions.fireDue(c, s);
            }
            return null;
        }).exceptionally(err -> {
            LOG.debugf("wake-up of standalone activity %s failed: %s", runKey, err.getMessage());
            return null;
        });
    }

    /** Commit failures as statuses a client retries (a lost shard, a stale copy, storage trouble). */
    private static RuntimeException storeError(Key key, Throwable err) {
        Throwable cause = err;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof io.cadenza.dataplane.common.error.CadenzaException s) {
            return s;
        }
        if (cause instanceof io.cadenza.dataplane.persistence.ShardOwnershipLost
                || cause instanceof io.cadenza.dataplane.persistence.ConditionFailed) {
            return io.cadenza.dataplane.common.Errors.unavailable("Activity " + key.activityId()
                    + " changed concurrently or moved to another instance; retry.");
        }
        LOG.errorf(cause, "commit of standalone activity %s failed", key.activityId());
        return io.cadenza.dataplane.common.Errors.unavailable("Storage is unavailable, retry: " + cause.getMessage());
    }

    /** The key a run has in matching, task tokens and the timer wheel. */
    public static ExecutionKey runKey(StandaloneActivity s) {
        return new ExecutionKey(s.namespaceId, s.activityId, s.runId);
    }
}
