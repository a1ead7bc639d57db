package io.cadenza.dashboard.backend;

import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * On which task queues an open run waits for a worker right now: a workflow task scheduled and not started (on its
 * queue, or the run's queue), and activities the description shows as scheduled (not started) on the queue their
 * scheduling event names. Human approval tasks ({@code cadenza-human}) wait for people, not workers. Pure.
 */
public final class QueueWaits {

    /** A queue and the kind of task waiting on it. */
    public record Wait(String queue, TaskQueueType type) {
    }

    private QueueWaits() {
    }

    public static Set<Wait> of(String runQueue, List<HistoryEvent> history, List<PendingActivityInfo> pending) {
        Map<Long, String> openWorkflowTasks = new HashMap<>();
        Set<Long> startedWorkflowTasks = new HashSet<>();
        Map<String, String> activityQueues = new HashMap<>();
        boolean closed = false;
        for (HistoryEvent e : history) {
            switch (e.getEventType()) {
                case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED -> {
                    String q = e.getWorkflowTaskScheduledEventAttributes().getTaskQueue().getName();
                    openWorkflowTasks.put(e.getEventId(), q.isEmpty() ? runQueue : q);
                }
                case EVENT_TYPE_WORKFLOW_TASK_STARTED -> startedWorkflowTasks.add(
                        e.getWorkflowTaskStartedEventAttributes().getScheduledEventId());
                case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> openWorkflowTasks.remove(
                        e.getWorkflowTaskCompletedEventAttributes().getScheduledEventId());
                case EVENT_TYPE_WORKFLOW_TASK_FAILED -> openWorkflowTasks.remove(
                        e.getWorkflowTaskFailedEventAttributes().getScheduledEventId());
                case EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT -> openWorkflowTasks.remove(
                        e.getWorkflowTaskTimedOutEventAttributes().getScheduledEventId());
                case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> activityQueues.put(
                        e.getActivityTaskScheduledEventAttributes().getActivityId(),
                        e.getActivityTaskScheduledEventAttributes().getTaskQueue().getName());
                default -> closed |= RunTimeline.closesRun(e);
            }
        }
        Set<Wait> waits = new LinkedHashSet<>();
        if (closed) {
            return waits;
        }
        openWorkflowTasks.forEach((id, queue) -> {
            if (!startedWorkflowTasks.contains(id)) {
                // a sticky queue falls back to the normal one when its worker is gone: name the run's queue
                waits.add(new Wait(runQueue, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW));
            }
        });
        for (PendingActivityInfo p : pending) {
            String queue = activityQueues.getOrDefault(p.getActivityId(), runQueue);
            if (p.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED && !queue.isEmpty()
                    && !RunTimeline.HUMAN_QUEUE.equals(queue)) {
                waits.add(new Wait(queue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY));
            }
        }
        return waits;
    }
}
