package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.ExecutionManager.Entry;
import io.cadenza.dataplane.execution.ExecutionManager.Summary;
import java.time.InstantSource;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;

/**
 * The runs {@link ExecutionManager} keeps in memory, and their eviction: closed runs leave
 * {@code closedExecutionCacheMillis} after closing, and idle ones go when the cache is over
 * {@code executionCacheSize}. The cache is never the source of truth: an evicted run is loaded again.
 */
final class ExecutionCache {

    final ConcurrentMap<ExecutionKey, Entry> entries = new ConcurrentHashMap<>();
    /** Cached runs in the order they closed, to be dropped {@code closedExecutionCacheMillis} later. */
    private final Queue<Closed> recentlyClosed = new ConcurrentLinkedQueue<>();
    private final InstantSource clock;
    private final DataPlaneConfig config;

    private record Closed(Entry entry, long closedAtMillis) {
    }

    ExecutionCache(InstantSource clock, DataPlaneConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /** Queues a run that closed at {@code closedAtMillis} for eviction (once per entry: see {@code queuedAsClosed}). */
    void closed(Entry e, long closedAtMillis) {
        recentlyClosed.add(new Closed(e, closedAtMillis));
    }

    /**
     * Drops runs that closed more than {@code closedExecutionCacheMillis} ago and are idle (no update in progress,
     * nobody waiting on them); a busy one stays until the size bound below evicts it.
     */
    private void evictClosed() {
        long cutoff = clock.millis() - config.closedExecutionCacheMillis();
        for (Closed c = recentlyClosed.peek(); c != null && c.closedAtMillis() <= cutoff; c = recentlyClosed.peek()) {
            if (!recentlyClosed.remove(c)) {
                continue; // another thread took it
            }
            Entry e = c.entry();
            Summary summary = e.summary;
            if (summary != null && summary.running()) {
                synchronized (e) {
                    e.queuedAsClosed = false; // running again: it queues again when it closes
                }
                continue;
            }
            if (e.idle()) {
                entries.remove(e.key, e);
            } else {
                // Busy right now (an update, a waiting reader): try again a cache period later.
                recentlyClosed.add(new Closed(e, clock.millis()));
            }
        }
    }

    /** Drops idle runs from the cache once it is over its size: closed ones first, never ones with work out. */
    void evictIfNeeded() {
        evictClosed();
        int excess = entries.size() - config.executionCacheSize();
        if (excess <= 0) {
            return;
        }
        long cutoff = clock.millis() - 10_000;
        for (Entry e : entries.values()) {
            if (excess <= 0) {
                break;
            }
            // Other runs' mutable state belongs to their own serial order (another thread may be changing it):
            // only what their last update published is read here.
            Summary summary = e.summary;
            boolean busy = summary != null && summary.workOut();
            if (!busy && e.lastUsedMillis < cutoff && e.idle()) {
                entries.remove(e.key, e);
                excess--;
            }
        }
    }

    /** The cached runs of a shard. */
    java.util.List<Entry> ofShard(java.util.function.ToIntFunction<ExecutionKey> shardOf, int shard) {
        return entries.values().stream().filter(e -> shardOf.applyAsInt(e.key) == shard).toList();
    }

    /** Completes when the updates of {@code runs} chained so far are done. */
    java.util.concurrent.CompletableFuture<Void> drain(java.util.List<Entry> runs) {
        return java.util.concurrent.CompletableFuture.allOf(runs.stream().map(Entry::inFlight)
                .toArray(java.util.concurrent.CompletableFuture[]::new));
    }

    /** Drops {@code runs} and their wake-ups; whoever waits on them is woken to read again (elsewhere). */
    int forget(java.util.List<Entry> runs, TimerWheel timers) {
        for (Entry e : runs) {
            entries.remove(e.key, e);
            timers.cancel(e.key);
            java.util.List<java.util.concurrent.CompletableFuture<Void>> toWake;
            synchronized (e) {
                toWake = new java.util.ArrayList<>(e.waiters);
                toWake.addAll(e.closeWaiters);
            }
            toWake.forEach(w -> w.complete(null));
        }
        return runs.size();
    }
}
