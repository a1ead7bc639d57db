package io.cadenza.dataplane.matching;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Matching: hands tasks to pollers. Each task queue (per namespace, name and kind) holds task pointers and
 * parked polls. Pointers are cheap and idempotent: a poller that takes one asks the run whether the task is
 * still due, so duplicates and stale pointers are simply dropped.
 */
@ApplicationScoped
public class TaskQueueManager {

    /** Workflow tasks and activity tasks of the same queue name are separate queues, as in Temporal. */
    public enum Type { WORKFLOW, ACTIVITY }

    public record QueueId(String namespaceId, String name, Type type) {
    }

    private final InstantSource clock;
    private final ConcurrentMap<QueueId, TaskQueue> queues = new ConcurrentHashMap<>();
    /** Who polled each queue, when (epoch millis) and at what rate limit, for DescribeTaskQueue. */
    private final ConcurrentMap<QueueId, ConcurrentMap<String, Poller>> pollers = new ConcurrentHashMap<>();
    /** The normal queue of each sticky queue that was polled: its backlog and poller belong to that queue. */
    private final ConcurrentMap<QueueId, QueueId> stickyToNormal = new ConcurrentHashMap<>();

    public TaskQueueManager(InstantSource clock) {
        this.clock = clock;
    }

    /** Pollers not seen for this long are no longer reported. */
    public static final long POLLER_EXPIRY_MILLIS = 5 * 60_000;

    /**
     * A worker polling a queue: when it last polled, and the dispatch rate limit it asked for (the poll's
     * {@code max_tasks_per_second}; 0 when it set none).
     */
    public record Poller(long lastAccessMillis, double ratePerSecond) {
    }

    /** Notes that {@code identity} polls {@code id} (a long poll counts as access when it starts). */
    public void recordPoller(QueueId id, String identity, long nowMillis) {
        recordPoller(id, identity, nowMillis, 0);
    }

    public void recordPoller(QueueId id, String identity, long nowMillis, double ratePerSecond) {
        pollers.computeIfAbsent(id, k -> new ConcurrentHashMap<>())
                .put(identity == null ? "" : identity, new Poller(nowMillis, ratePerSecond));
    }

    /**
     * Notes a poll of a worker's sticky queue: it counts as that worker polling the normal queue {@code normalName}
     * (sticky queues are folded into their worker), and tasks waiting on the sticky queue count in the normal
     * queue's backlog.
     */
    public void recordStickyPoller(QueueId sticky, String normalName, String identity, long nowMillis) {
        if (normalName == null || normalName.isEmpty()) {
            return;
        }
        QueueId normal = new QueueId(sticky.namespaceId(), normalName, sticky.type());
        stickyToNormal.put(sticky, normal);
        pollers.computeIfAbsent(normal, k -> new ConcurrentHashMap<>()).merge(identity == null ? "" : identity,
                new Poller(nowMillis, 0), (was, now) -> new Poller(Math.max(was.lastAccessMillis(), nowMillis),
                        was.ratePerSecond()));
    }

    /** Recent pollers of a queue by identity, oldest expired entries dropped. */
    public java.util.Map<String, Poller> pollers(QueueId id, long nowMillis) {
        ConcurrentMap<String, Poller> seen = pollers.get(id);
        if (seen == null) {
            return java.util.Map.of();
        }
        seen.values().removeIf(p -> p.lastAccessMillis() < nowMillis - POLLER_EXPIRY_MILLIS);
        return java.util.Map.copyOf(seen);
    }

    /**
     * Where tasks of queues owned by another instance of the cell go: returns true when it took the task (sent it to
     * the queue's owner), false when the queue is this instance's.
     */
    public interface Router {
        boolean routed(MatchingTask task);
    }

    private volatile Router router = task -> false;

    public void route(Router router) {
        this.router = router;
    }

    public static Type typeOf(MatchingTask task) {
        return task.kind() == MatchingTask.Kind.ACTIVITY || task.kind() == MatchingTask.Kind.STANDALONE_ACTIVITY
                ? Type.ACTIVITY : Type.WORKFLOW;
    }

    public void offer(MatchingTask task) {
        if (router.routed(task)) {
            return;
        }
        offerHere(task);
    }

    /** Queues a task on this instance, whoever owns its queue (the owner's side of a routed task). */
    public void offerHere(MatchingTask task) {
        Type type = task.kind() == MatchingTask.Kind.ACTIVITY || task.kind() == MatchingTask.Kind.STANDALONE_ACTIVITY
                ? Type.ACTIVITY : Type.WORKFLOW;
        queue(new QueueId(task.key().namespaceId(), task.taskQueue(), type)).offer(task, clock.millis());
    }

    /**
     * A task, or null after {@code timeoutMillis} without one, or when {@code scope} is cancelled. Never blocks the
     * calling thread. A task taken by a poll whose caller has gone is put back.
     */
    public CompletableFuture<MatchingTask> poll(QueueId id, long timeoutMillis, PollScope scope) {
        MatchingTask pinned = scope.takePinned();
        if (pinned != null || scope.pinnedOnly()) {
            return CompletableFuture.completedFuture(pinned);
        }
        CompletableFuture<MatchingTask> poll = queue(id).poll(timeoutMillis, clock.millis());
        scope.park(poll);
        return poll.thenApply(task -> {
            if (task != null && scope.isCancelled()) {
                offer(task);
                return null;
            }
            return task;
        });
    }

    /**
     * Sticky queues whose worker said it shut down: a workflow task bound for one goes to the workflow's normal
     * queue instead of waiting out the sticky schedule-to-start timeout.
     */
    private final ConcurrentMap<QueueId, Long> closedStickyQueues = new ConcurrentHashMap<>();

    /** A closed sticky queue is remembered this long: long enough for every run bound to it to move on. */
    static final long CLOSED_STICKY_MEMORY_MILLIS = 10 * 60_000;

    public void closeStickyQueue(QueueId id) {
        long now = clock.millis();
        closedStickyQueues.values().removeIf(closedAt -> closedAt < now - CLOSED_STICKY_MEMORY_MILLIS);
        closedStickyQueues.put(id, now);
    }

    public boolean isClosedStickyQueue(String namespaceId, String name) {
        return closedStickyQueues.containsKey(new QueueId(namespaceId, name, Type.WORKFLOW));
    }

    /** Removes a queue (a sticky queue whose worker shut down) and returns the tasks it held. */
    public List<MatchingTask> drop(QueueId id) {
        TaskQueue q = queues.remove(id);
        stickyToNormal.remove(id);
        return q == null ? List.of() : q.drain();
    }

    /**
     * Removes the queues (and sticky queues) this instance no longer owns: their parked polls end empty at once,
     * so workers poll again where the queue now lives; their task pointers are dropped (the runs' owners hand them
     * to the new owner).
     */
    public int dropWhere(java.util.function.Predicate<QueueId> moved) {
        int n = 0;
        for (QueueId id : List.copyOf(queues.keySet())) {
            if (moved.test(id)) {
                drop(id);
                n++;
            }
        }
        return n;
    }

    /**
     * Removes every queue of a namespace (being deleted): parked polls complete empty at once, pending task
     * pointers are discarded, and recorded pollers forgotten.
     */
    public void dropNamespace(String namespaceId) {
        for (QueueId id : List.copyOf(queues.keySet())) {
            if (id.namespaceId().equals(namespaceId)) {
                drop(id);
            }
        }
        pollers.keySet().removeIf(id -> id.namespaceId().equals(namespaceId));
        stickyToNormal.keySet().removeIf(id -> id.namespaceId().equals(namespaceId));
        closedStickyQueues.keySet().removeIf(id -> id.namespaceId().equals(namespaceId));
    }

    /**
     * Whether a worker polled the queue at or after {@code sinceMillis} and did not shut down: a sticky queue's
     * worker may have died silently, and then only the queue's last poll tells.
     */
    public boolean polledSince(QueueId id, long sinceMillis) {
        TaskQueue q = queues.get(id);
        return q != null && q.lastPollMillis() >= sinceMillis && !closedStickyQueues.containsKey(id);
    }

    /** Tasks waiting on the queue and on the sticky queues of its workers. */
    public long backlog(QueueId id) {
        long total = 0;
        for (TaskQueue q : withSticky(id)) {
            total += q.size();
        }
        return total;
    }

    /** When the oldest task waiting on the queue (or its workers' sticky queues) was added; 0 when none waits. */
    public long oldestTaskMillis(QueueId id) {
        long oldest = 0;
        for (TaskQueue q : withSticky(id)) {
            long t = q.oldestMillis();
            if (t > 0 && (oldest == 0 || t < oldest)) {
                oldest = t;
            }
        }
        return oldest;
    }

    private List<TaskQueue> withSticky(QueueId id) {
        List<TaskQueue> out = new java.util.ArrayList<>();
        TaskQueue own = queues.get(id);
        if (own != null) {
            out.add(own);
        }
        stickyToNormal.forEach((sticky, normal) -> {
            TaskQueue q = normal.equals(id) ? queues.get(sticky) : null;
            if (q != null) {
                out.add(q);
            }
        });
        return out;
    }

    private TaskQueue queue(QueueId id) {
        return queues.computeIfAbsent(id, k -> new TaskQueue());
    }
}
