package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.activity.ActivityState;
import io.cadenza.dataplane.execution.activity.ActivityTransitions;
import io.cadenza.dataplane.execution.state.ExecutionView;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.state.StateCodec;
import io.cadenza.dataplane.matching.MatchingTask;
import io.cadenza.dataplane.matching.TaskQueueManager;
import io.cadenza.dataplane.metering.ActionCounter;
import io.cadenza.dataplane.metering.Metering;
import io.cadenza.dataplane.metering.UsageRecord;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.CurrentExecution;
import io.cadenza.dataplane.persistence.ExecutionStore;
import io.cadenza.dataplane.persistence.ExecutionUpdate;
import io.cadenza.dataplane.persistence.NewExecution;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.cadenza.dataplane.persistence.ShardOwnershipLost;
import io.cadenza.dataplane.persistence.StartDecision;
import io.temporal.api.history.v1.HistoryEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The one way to change a run: {@link #update} loads it (from cache or store), runs a pure transition on its
 * mutable state under a per-run serial order, commits the resulting events and state in one transaction guarded
 * by the row version, and only after the commit hands new tasks to matching and deadlines to the timer wheel.
 * Runs are processed one update at a time each, many runs in parallel, and no thread ever blocks on I/O.
 */
@ApplicationScoped
public class ExecutionManager {

    private static final Logger LOG = Logger.getLogger(ExecutionManager.class);

    private final ExecutionStore store;
    private final NamespaceRegistry namespaces;
    private final TaskQueueManager matching;
    private final TimerWheel timers;
    private final ShardLeases shards;
    private final InstantSource clock;
    private final DataPlaneConfig config;
    private final Metering metering;
    /** The cached runs; the cache is never the source of truth. */
    private final ExecutionCache cache;
    /** Looked up lazily: the executor itself updates runs through this manager. */
    private final jakarta.enterprise.inject.Instance<TransferProcessor> transfers;
    private final CommitObservers commitObservers = new CommitObservers();

    public ExecutionManager(ExecutionStore store, NamespaceRegistry namespaces, TaskQueueManager matching,
                            TimerWheel timers, ShardLeases shards, InstantSource clock, DataPlaneConfig config,
                            Metering metering, jakarta.enterprise.inject.Instance<TransferProcessor> transfers) {
        this.transfers = transfers;
        this.metering = metering;
        this.store = store;
        this.namespaces = namespaces;
        this.matching = matching;
        this.timers = timers;
        this.shards = shards;
        this.clock = clock;
        this.config = config;
        this.cache = new ExecutionCache(clock, config);
        timers.onWakeup(this::wakeUp);
    }

    /**
     * A run's deadline came. Most wake-ups are for deadlines that no longer exist (the activity completed, the run
     * closed), so those are dropped here without an update; the rest apply what is due.
     */
    private void wakeUp(ExecutionKey key) {
        Entry e = cache.entries.get(key);
        Summary summary = e == null ? null : e.summary;
        if (summary != null) {
            // What the run's last update published: mutable state itself is only read in the run's serial order.
            if (!summary.running()) {
                return;
            }
            if (summary.nextDeadline() > clock.millis()) {
                timers.schedule(key, summary.nextDeadline());
                return;
            }
        }
        // Due, or not cached (an evicted open run is loaded and woken all the same).
        update(key, ctx -> {
            Deadlines.fireDue(ctx);
            return null;
        }).exceptionally(err -> {
            LOG.debugf("wake-up of %s failed: %s", key, err.getMessage());
            return null;
        });
    }

    /**
     * What other threads may know of a cached run without entering its serial order (the timer wheel, eviction):
     * published by each update when it is done, dropped when the cached state is.
     */
    record Summary(boolean running, long nextDeadline, boolean workOut) {

        static Summary of(MutableState s) {
            boolean workOut = s.hasStartedWorkflowTask()
                    || s.activities.values().stream().anyMatch(a -> a.state == ActivityState.STARTED);
            return new Summary(s.isRunning(), Deadlines.next(s), workOut);
        }
    }

    /** A cached run. Updates of one run are chained on {@link #tail}, so they apply one at a time. */
    static final class Entry {
        final ExecutionKey key;
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
        MutableState state;
        /** Null while the run is not loaded, or its state is being changed for the first time after a load. */
        volatile Summary summary;
        long dbVersion;
        int shardId;
        /** All events of the run when this instance created it; null when they must be read from the store. */
        List<HistoryEvent> history;
        final List<CompletableFuture<Void>> waiters = new ArrayList<>();
        /** Waiters interested only in the run closing (clients waiting for a result). */
        final List<CompletableFuture<Void>> closeWaiters = new ArrayList<>();
        volatile long lastUsedMillis;
        /** Whether the entry was queued in {@link ExecutionCache#closed} (once per entry). */
        boolean queuedAsClosed;

        Entry(ExecutionKey key) {
            this.key = key;
        }

        synchronized <R> CompletableFuture<R> exclusive(java.util.function.Supplier<CompletionStage<R>> op) {
            CompletableFuture<R> result = tail.thenCompose(v -> op.get());
            tail = result.handle((r, e) -> null);
            return result;
        }

        /** Completes when the updates chained so far are done. */
        synchronized CompletableFuture<Void> inFlight() {
            return tail;
        }

        /** No update in progress and nobody waiting on the run. */
        synchronized boolean idle() {
            return tail.isDone() && waiters.isEmpty() && closeWaiters.isEmpty();
        }
    }

    /**
     * Applies {@code transition} to the run and commits what it changed. The function must validate before it
     * mutates: if it throws after changing state, the cached run is dropped and reloaded from the store.
     */
    public <R> CompletableFuture<R> update(ExecutionKey key, Function<ExecutionContext, R> transition) {
        int shard = shards.shardOf(key.namespaceId(), key.workflowId());
        if (!shards.owns(shard)) {
            // Another instance owns the run (or it is moving): callers retry, and their retry is forwarded there.
            return CompletableFuture.failedFuture(StoreErrors.toStatus(key, new ShardOwnershipLost(shard)));
        }
        Entry e = cache.entries.computeIfAbsent(key, Entry::new);
        return e.exclusive(() -> loaded(e).thenCompose(v -> apply(e, transition)));
    }

    /** Observers of every committed state (the replay property test). */
    public CommitObservers commitObservers() {
        return commitObservers;
    }

    /**
     * Reads the run in its serial order (between updates, so it sees the last committed state), through a
     * read-only view: no transition runs and nothing is committed. Only a run just loaded after a takeover may
     * first be settled (events a lost workflow task left buffered are flushed; its deadlines and eviction are
     * published), as any first update after a load does.
     */
    public <R> CompletableFuture<R> read(ExecutionKey key, Function<ExecutionView, R> reader) {
        Entry e = cache.entries.computeIfAbsent(key, Entry::new);
        return e.exclusive(() -> loaded(e).thenCompose(v -> {
            if (e.summary == null || (!e.state.hasStartedWorkflowTask() && !e.state.bufferedEvents.isEmpty())) {
                return apply(e, ctx -> reader.apply(ctx.state()));
            }
            e.lastUsedMillis = clock.millis();
            return CompletableFuture.completedFuture(reader.apply(e.state));
        }));
    }

    private <R> CompletionStage<R> apply(Entry e, Function<ExecutionContext, R> transition) {
        Namespace ns = namespaces.forEngine(e.key.namespaceId());
        ExecutionContext ctx = new ExecutionContext(e.key, e.state, ns, clock.millis());
        ctx.useClosedStickyQueues(matching::isClosedStickyQueue);
        e.lastUsedMillis = ctx.now();
        R result;
        try {
            if (!e.state.hasStartedWorkflowTask() && ctx.hasBufferedEvents()) {
                // Events buffered behind a workflow task that was lost with a previous owner.
                ctx.flushBufferedEvents();
                ctx.scheduleWorkflowTask();
            }
            result = transition.apply(ctx);
        } catch (RuntimeException ex) {
            if (ctx.needsCommit()) {
                invalidate(e);
            }
            return CompletableFuture.failedFuture(ex);
        }
        if (!ctx.needsCommit()) {
            afterCommit(e, ctx);
            return CompletableFuture.completedFuture(result);
        }
        e.state.stateTransitionCount++;
        ExecutionContext next = ctx.successor();
        List<io.cadenza.dataplane.persistence.InboxWrite> inbox = ctx.inboxWrites();
        if (next != null && !next.inboxWrites().isEmpty()) {
            // A successor (reset) may re-open approvals pending at its reset point: same transaction.
            inbox = new ArrayList<>(inbox);
            inbox.addAll(next.inboxWrites());
        }
        ExecutionUpdate u = new ExecutionUpdate(e.key, e.shardId, e.dbVersion, ExecutionRows.of(e.state, ns),
                StateCodec.encode(e.state), ctx.newEvents(), inbox, usage(ctx));
        CompletionStage<Void> commit;
        NewExecution successorRow = null;
        if (next == null) {
            commit = store.update(u);
        } else {
            next.state().stateTransitionCount = 1;
            successorRow = new NewExecution(next.key(), e.shardId, next.state().info.startRequestId,
                    ExecutionRows.of(next.state(), ns), StateCodec.encode(next.state()), next.newEvents(), usage(next));
            commit = store.updateAndContinue(u, successorRow);
        }
        NewExecution created = successorRow;
        return commit.handle((ok, err) -> {
            if (err != null) {
                invalidate(e);
                throw StoreErrors.toStatus(e.key, err);
            }
            e.dbVersion++;
            commitObservers.committed(u.key(), u.state());
            if (created != null) {
                commitObservers.committed(created.key(), created.state());
            }
            appendHistory(e, ctx.newEvents());
            afterCommit(e, ctx);
            if (next != null) {
                Entry successor = new Entry(next.key());
                successor.state = next.state();
                successor.dbVersion = 1;
                successor.shardId = e.shardId;
                successor.history = new ArrayList<>(next.newEvents());
                successor.lastUsedMillis = next.now();
                cacheNew(successor, next);
            }
            return result;
        });
    }

    /**
     * Creates a run whose first events and state {@code ctx} holds. {@code decide} sees the workflow id's
     * current run inside the creating transaction (id reuse and conflict policies).
     */
    public CompletableFuture<StartDecision> create(ExecutionContext ctx, String requestId,
                                                   Function<CurrentExecution, StartDecision> decide) {
        ExecutionKey key = ctx.key();
        int shard = shards.shardOf(key.namespaceId(), key.workflowId());
        if (!shards.owns(shard)) {
            return CompletableFuture.failedFuture(StoreErrors.toStatus(key, new ShardOwnershipLost(shard)));
        }
        ctx.state().stateTransitionCount = 1;
        NewExecution n = new NewExecution(key, shard, requestId, ExecutionRows.of(ctx.state(), ctx.namespace()),
                StateCodec.encode(ctx.state()), ctx.newEvents(), usage(ctx));
        return store.create(n, decide).handle((decision, err) -> {
            if (err != null) {
                Throwable cause = StoreErrors.unwrap(err);
                if (cause instanceof CadenzaException s) {
                    throw s;
                }
                throw StoreErrors.toStatus(key, cause);
            }
            if (decision.outcome() == StartDecision.Outcome.CREATE) {
                commitObservers.committed(key, n.state());
                Entry e = new Entry(key);
                e.state = ctx.state();
                e.dbVersion = 1;
                e.shardId = shard;
                e.history = new ArrayList<>(ctx.newEvents());
                e.lastUsedMillis = ctx.now();
                cacheNew(e, ctx);
                try {
                    cache.evictIfNeeded();
                } catch (RuntimeException housekeeping) {
                    // The start has committed: its caller must hear so whatever happens to the cache.
                    LOG.warnf(housekeeping, "execution cache eviction failed");
                }
            }
            return decision;
        }).toCompletableFuture();
    }

    /** Loads an open run after a takeover and hands its pending work to matching and the timer wheel. */
    public CompletableFuture<Void> recover(ExecutionKey key) {
        return update(key, ctx -> {
            MutableState s = ctx.state();
            if (s.workflowTask != null && !s.workflowTask.isStarted()) {
                ctx.dispatchWorkflowTask();
            }
            for (ActivityInfo a : s.activities.values()) {
                if (a.state == ActivityState.SCHEDULED) {
                    ActivityTransitions.dispatch(ctx, a);
                }
            }
            // Work on other runs that may not have happened before the crash; all of it is idempotent.
            for (var child : s.children.values()) {
                ctx.transfer(child.started() ? new Transfer.CheckChild(key, child.initiatedEventId)
                        : new Transfer.StartChild(key, child.initiatedEventId));
            }
            for (var request : s.externalRequests.values()) {
                ctx.transfer(new Transfer.DeliverExternalRequest(key, request.initiatedEventId));
            }
            return null;
        });
    }

    /** The events of a run with ids in [fromEventId, toEventIdExclusive), at most {@code limit} of them. */
    public CompletableFuture<List<HistoryEvent>> readHistory(ExecutionKey key, long fromEventId,
                                                             long toEventIdExclusive, int limit) {
        Entry e = cache.entries.get(key);
        if (e != null) {
            synchronized (e) {
                if (e.history != null) {
                    List<HistoryEvent> out = new ArrayList<>();
                    for (int i = (int) Math.max(0, fromEventId - 1);
                         i < e.history.size() && i + 1 < toEventIdExclusive && out.size() < limit; i++) {
                        out.add(e.history.get(i));
                    }
                    return CompletableFuture.completedFuture(out);
                }
            }
        }
        int max = (int) Math.max(0, Math.min(limit, toEventIdExclusive - fromEventId));
        if (max == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        return store.readHistory(key, fromEventId, max).toCompletableFuture();
    }

    /** Completes when the run commits a change, or after {@code timeoutMillis} (whichever is first). */
    public CompletableFuture<Void> awaitChange(ExecutionKey key, long timeoutMillis) {
        return await(key, timeoutMillis, false);
    }

    /** Completes when the run closes, or after {@code timeoutMillis}; spurious wake-ups are possible. */
    public CompletableFuture<Void> awaitClose(ExecutionKey key, long timeoutMillis) {
        return await(key, timeoutMillis, true);
    }

    private CompletableFuture<Void> await(ExecutionKey key, long timeoutMillis, boolean closeOnly) {
        Entry e = cache.entries.computeIfAbsent(key, Entry::new);
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        List<CompletableFuture<Void>> list = closeOnly ? e.closeWaiters : e.waiters;
        synchronized (e) {
            list.add(waiter);
        }
        waiter.completeOnTimeout(null, Math.max(1, timeoutMillis), java.util.concurrent.TimeUnit.MILLISECONDS);
        waiter.whenComplete((v, t) -> {
            synchronized (e) {
                list.remove(waiter);
            }
        });
        return waiter;
    }

    /** Whether the run is in the in-memory cache (for tests and diagnostics; the cache is never the source of truth). */
    public boolean isCached(ExecutionKey key) {
        Entry e = cache.entries.get(key);
        return e != null && e.state != null;
    }

    /** Forgets cached runs that retention deleted from the store. */
    public void forget(List<ExecutionKey> keys) {
        keys.forEach(cache.entries::remove);
    }

    /** Forgets every cached run of a namespace whose data was purged (its waiters time out on their own). */
    public void forgetNamespace(String namespaceId) {
        cache.entries.keySet().removeIf(k -> k.namespaceId().equals(namespaceId));
    }

    /** Completes when every update of the shard's cached runs that is in flight now has finished. */
    public CompletableFuture<Void> drainShard(int shard) {
        return cache.drain(cache.ofShard(k -> shards.shardOf(k.namespaceId(), k.workflowId()), shard));
    }

    /**
     * Forgets every cached run of a shard this instance no longer owns and their wake-ups; their waiters are woken
     * (spuriously: they read again and are sent to the new owner). Returns how many runs were forgotten.
     */
    public int forgetShard(int shard) {
        return cache.forget(cache.ofShard(k -> shards.shardOf(k.namespaceId(), k.workflowId()), shard), timers);
    }

    /** The run a workflow id currently points at (for requests that leave the run id empty). */
    public CompletableFuture<CurrentExecution> current(String namespaceId, String workflowId) {
        return store.current(namespaceId, workflowId).toCompletableFuture();
    }

    private CompletionStage<Void> loaded(Entry e) {
        if (e.state != null) {
            return CompletableFuture.completedFuture(null);
        }
        return store.load(e.key).thenApply(stored -> {
            if (stored == null) {
                cache.entries.remove(e.key, e);
                throw Errors.notFound("Workflow execution not found: WorkflowId " + e.key.workflowId()
                        + ", RunId " + e.key.runId() + ".");
            }
            MutableState state = StateCodec.decode(stored.state());
            // Work handed to workers lives only in memory: whatever a previous owner started is due again.
            for (ActivityInfo a : state.activities.values()) {
                if (a.state == ActivityState.STARTED) {
                    a.transition(ActivityState.Event.LOSE_WORKER);
                }
            }
            if (state.workflowTask != null && state.workflowTask.transientTask) {
                // Ids of a transient task are assigned when a worker picks it up.
                state.workflowTask.scheduledEventId = 0;
            }
            e.state = state;
            e.dbVersion = stored.dbVersion();
            e.shardId = stored.shardId();
            return null;
        });
    }

    /**
     * Caches a run this instance just created. Until its creation's after-commit work is done, updates that find
     * it (a worker polled its first task already, a signal came) wait behind it, as behind any update.
     */
    private void cacheNew(Entry e, ExecutionContext ctx) {
        CompletableFuture<Void> created = new CompletableFuture<>();
        synchronized (e) {
            e.tail = created;
        }
        cache.entries.put(e.key, e);
        try {
            afterCommit(e, ctx);
        } finally {
            created.complete(null);
        }
    }

    private void afterCommit(Entry e, ExecutionContext ctx) {
        Summary summary = Summary.of(e.state);
        e.summary = summary;
        for (MatchingTask task : ctx.dispatches()) {
            matching.offer(task);
        }
        if (!ctx.transfers().isEmpty()) {
            TransferProcessor executor = transfers.get();
            ctx.transfers().forEach(executor::execute);
        }
        for (Runnable r : ctx.afterCommit()) {
            r.run();
        }
        if (!summary.running()) {
            timers.cancel(e.key);
        } else if (summary.nextDeadline() != Long.MAX_VALUE) {
            timers.schedule(e.key, summary.nextDeadline());
        }
        List<CompletableFuture<Void>> toWake = List.of();
        boolean closedNow = false;
        synchronized (e) {
            if (ctx.needsCommit()) {
                toWake = new ArrayList<>(e.waiters);
                e.waiters.clear();
                if (!summary.running()) {
                    toWake.addAll(e.closeWaiters);
                    e.closeWaiters.clear();
                }
            }
            if (!summary.running()) {
                // Closed now, or a closed run loaded again (a describe, a late wake-up): it leaves the cache soon.
                closedNow = !e.queuedAsClosed;
                e.queuedAsClosed = true;
            }
        }
        if (closedNow) {
            cache.closed(e, ctx.now());
        }
        toWake.forEach(w -> w.complete(null));
    }

    private void appendHistory(Entry e, List<HistoryEvent> events) {
        synchronized (e) {
            if (e.history != null) {
                e.history.addAll(events);
            }
        }
    }

    private void invalidate(Entry e) {
        e.summary = null;
        e.state = null;
        synchronized (e) {
            e.history = null;
        }
    }

    /** What the update in {@code ctx} bills, committed with it (nothing when metering is off). */
    private List<UsageRecord> usage(ExecutionContext ctx) {
        if (!metering.enabled()) {
            return List.of();
        }
        // Billing knows namespaces by name (<name>.<accountId>), not by the cell's internal id.
        ExecutionKey billed = new ExecutionKey(ctx.namespace().name(), ctx.key().workflowId(), ctx.key().runId());
        return ActionCounter.count(billed, ctx.newEvents(), ctx.adoptedEvents(), ctx.usageFacts(),
                ctx.state().stateTransitionCount, ctx.now());
    }
}
