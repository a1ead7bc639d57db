package io.cadenza.dataplane.matching;

import io.cadenza.dataplane.execution.MatchingTask;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final ConcurrentMap<QueueId, TaskQueue> queues = new ConcurrentHashMap<>();

    public void offer(MatchingTask task) {
        Type type = task.kind() == MatchingTask.Kind.ACTIVITY ? Type.ACTIVITY : Type.WORKFLOW;
        queue(new QueueId(task.key().namespaceId(), task.taskQueue(), type)).offer(task);
    }

    /** A task, or null after {@code timeoutMillis} without one. Never blocks the calling thread. */
    public CompletableFuture<MatchingTask> poll(QueueId id, long timeoutMillis) {
        return queue(id).poll(timeoutMillis);
    }

    /** Removes a queue (a sticky queue whose worker shut down) and returns the tasks it held. */
    public List<MatchingTask> drop(QueueId id) {
        TaskQueue q = queues.remove(id);
        return q == null ? List.of() : q.drain();
    }

    public long backlog(QueueId id) {
        TaskQueue q = queues.get(id);
        return q == null ? 0 : q.size();
    }

    private TaskQueue queue(QueueId id) {
        return queues.computeIfAbsent(id, k -> new TaskQueue());
    }
}
