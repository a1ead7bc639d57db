package io.cadenza.dataplane.matching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One task queue: pending task pointers in FIFO order, or polls parked until a task arrives or they time out. */
final class TaskQueue {

    private final Deque<MatchingTask> tasks = new ArrayDeque<>();
    /** When each task in {@code tasks} was added (epoch millis), in the same order: the backlog's age. */
    private final Deque<Long> added = new ArrayDeque<>();
    private final Deque<CompletableFuture<MatchingTask>> pollers = new ArrayDeque<>();
    /** When a poll last arrived (epoch millis): whether a worker is still behind a sticky queue. */
    private volatile long lastPollMillis;

    void offer(MatchingTask task, long nowMillis) {
        synchronized (this) {
            CompletableFuture<MatchingTask> poller;
            while ((poller = pollers.poll()) != null) {
                if (poller.complete(task)) {
                    return;
                }
            }
            tasks.add(task);
            added.add(nowMillis);
        }
    }

    long lastPollMillis() {
        return lastPollMillis;
    }

    CompletableFuture<MatchingTask> poll(long timeoutMillis, long nowMillis) {
        lastPollMillis = nowMillis;
        CompletableFuture<MatchingTask> poller;
        synchronized (this) {
            MatchingTask task = tasks.poll();
            added.poll();
            if (task != null) {
                return CompletableFuture.completedFuture(task);
            }
            poller = new CompletableFuture<>();
            pollers.add(poller);
        }
        poller.completeOnTimeout(null, Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS);
        poller.whenComplete((t, e) -> {
            if (t == null) {
                synchronized (this) {
                    pollers.remove(poller);
                }
            }
        });
        return poller;
    }

    List<MatchingTask> drain() {
        List<MatchingTask> drained;
        List<CompletableFuture<MatchingTask>> parked;
        synchronized (this) {
            drained = new ArrayList<>(tasks);
            tasks.clear();
            added.clear();
            parked = new ArrayList<>(pollers);
            pollers.clear();
        }
        // Completed outside the lock: a completed poll removes itself from the queue.
        parked.forEach(p -> p.complete(null));
        return drained;
    }

    /** When the oldest waiting task was added (epoch millis); 0 when none waits. */
    synchronized long oldestMillis() {
        Long oldest = added.peek();
        return oldest == null ? 0 : oldest;
    }

    synchronized int size() {
        return tasks.size();
    }
}
