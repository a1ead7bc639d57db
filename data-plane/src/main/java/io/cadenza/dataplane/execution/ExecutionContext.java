package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.apply.EventAppliers;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.workflowtask.WorkflowTaskInfo;
import io.cadenza.dataplane.matching.MatchingTask;
import io.cadenza.dataplane.namespace.Namespace;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowTaskScheduledEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * The unit of work of one update of one run: the run's mutable state, the history events the update appends,
 * and the tasks to hand to matching once it has committed. Transitions decide and emit events here; emitting an
 * event applies it to {@link #state()} through {@link EventAppliers}, the only code that changes mutable state in
 * response to an event (the same code replays a history). Transitions change directly only state no event
 * carries (see the README: attempts, stickiness, transient workflow tasks, dedup windows...). Nothing in here
 * does I/O. {@link ExecutionManager} commits events and state in one transaction and
 * only then runs {@link #afterCommit()} work.
 */
public final class ExecutionContext {

    /** Marks a reference to an ActivityTaskStarted event that is still buffered (patched on flush). */
    public static final long BUFFERED_EVENT = EventAppliers.BUFFERED;

    private final ExecutionKey key;
    private final MutableState state;
    private final Namespace namespace;
    private final long now;
    private final List<HistoryEvent> newEvents = new ArrayList<>();
    private final List<MatchingTask> dispatches = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<io.cadenza.dataplane.execution.Transfer> transfers = new ArrayList<>();
    private final List<io.cadenza.dataplane.persistence.InboxWrite> inboxWrites = new ArrayList<>();
    private final List<io.cadenza.dataplane.metering.UsageFact> usageFacts = new ArrayList<>();
    /** How many leading events were copied from another run ({@link #adoptEvents}); they are billed there. */
    private int adoptedEvents;
    /** A run this update starts in the same transaction (continue-as-new, cron). */
    private ExecutionContext successor;
    private boolean stateChanged;
    private boolean deferWorkflowTask;
    private boolean workflowTaskDeferred;
    private int deferredAttempt = 1;
    private java.util.function.BiPredicate<String, String> closedStickyQueue = (namespaceId, queue) -> false;

    public ExecutionContext(ExecutionKey key, MutableState state, Namespace namespace, long nowMillis) {
        this.key = key;
        this.state = state;
        this.namespace = namespace;
        this.now = nowMillis;
    }

    /** Tells this unit of work which sticky queues belong to workers that shut down. */
    public void useClosedStickyQueues(java.util.function.BiPredicate<String, String> closed) {
        this.closedStickyQueue = closed;
    }

    public ExecutionKey key() {
        return key;
    }

    public MutableState state() {
        return state;
    }

    public Namespace namespace() {
        return namespace;
    }

    public long now() {
        return now;
    }

    /** Records that persistent mutable state changed, so the update must be committed. */
    public void markChanged() {
        stateChanged = true;
    }

    public boolean needsCommit() {
        return stateChanged || !newEvents.isEmpty() || successor != null;
    }

    /**
     * Takes over events copied from another run (a reset copies its base run's history up to the reset point);
     * they keep their ids, which must continue this run's history.
     */
    public void adoptEvents(List<HistoryEvent> events) {
        for (HistoryEvent e : events) {
            if (e.getEventId() != newEvents.size() + 1 || e.getEventId() != state.nextEventId) {
                throw new IllegalStateException("copied history is not contiguous at event " + e.getEventId());
            }
            newEvents.add(e);
            EventAppliers.applyAppended(state, e, key.runId());
        }
        adoptedEvents = newEvents.size();
        stateChanged = true;
    }

    public int adoptedEvents() {
        return adoptedEvents;
    }

    /** A billable fact that leaves no history event (see {@link io.cadenza.dataplane.metering.ActionCounter}). */
    public void meter(io.cadenza.dataplane.metering.UsageFact fact) {
        usageFacts.add(fact);
    }

    public List<io.cadenza.dataplane.metering.UsageFact> usageFacts() {
        return usageFacts;
    }

    public List<HistoryEvent> newEvents() {
        return newEvents;
    }

    public List<MatchingTask> dispatches() {
        return dispatches;
    }

    public List<Runnable> afterCommit() {
        return afterCommit;
    }

    /** Runs {@code action} after the commit succeeded (or immediately after an update that needs none). */
    public void onCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** Work on another run, issued after this update committed. */
    public void transfer(io.cadenza.dataplane.execution.Transfer transfer) {
        transfers.add(transfer);
    }

    public List<io.cadenza.dataplane.execution.Transfer> transfers() {
        return transfers;
    }

    /** A change to the human-approval inbox, committed in this update's transaction. */
    public void inbox(io.cadenza.dataplane.persistence.InboxWrite write) {
        inboxWrites.add(write);
        stateChanged = true;
    }

    public List<io.cadenza.dataplane.persistence.InboxWrite> inboxWrites() {
        return inboxWrites;
    }

    /** Starts {@code next} (same workflow id) atomically with this update, which closes this run. */
    public void continueWith(ExecutionContext next) {
        this.successor = next;
    }

    public ExecutionContext successor() {
        return successor;
    }

    public void dispatch(MatchingTask task) {
        dispatches.add(task);
    }

    /**
     * Appends an event. While a workflow task is started the event is buffered instead, because the worker was
     * promised that WorkflowTaskStarted is followed by the task's own outcome; buffered events get their ids when
     * the task closes, but they take effect on state at once. Returns the event id, or {@link #BUFFERED_EVENT}.
     */
    public long addEvent(EventType type, HistoryEvent.Builder event) {
        event.setEventType(type).setEventTime(Protos.timestamp(now));
        stateChanged = true;
        if (state.hasStartedWorkflowTask()) {
            HistoryEvent buffered = event.build();
            state.bufferedEvents.add(buffered.toByteArray());
            EventAppliers.applyBuffered(state, buffered.toBuilder().setEventId(BUFFERED_EVENT).build(), key.runId());
            return BUFFERED_EVENT;
        }
        return append(event, true);
    }

    /**
     * Appends the events of a closing workflow task that so far were only shown to its worker: its
     * WorkflowTaskStarted event, preceded by WorkflowTaskScheduled for a transient task.
     */
    public void appendWorkflowTaskEvents(WorkflowTaskInfo wt) {
        for (HistoryEvent event : wt.inMemoryEvents()) {
            if (event.getEventId() != state.nextEventId) {
                throw new IllegalStateException("workflow task event " + event.getEventId()
                        + " does not follow event " + (state.nextEventId - 1) + " of " + key);
            }
            append(event.toBuilder(), true);
        }
    }

    /** Gives {@code event} the next id and appends it; applies it unless it took effect when it was buffered. */
    private long append(HistoryEvent.Builder event, boolean apply) {
        long id = state.nextEventId;
        HistoryEvent built = event.setEventId(id).setTaskId(id).build();
        newEvents.add(built);
        if (apply) {
            EventAppliers.applyAppended(state, built, key.runId());
        } else {
            EventAppliers.flushed(state, built);
        }
        stateChanged = true;
        return id;
    }

    public boolean hasBufferedEvents() {
        return !state.bufferedEvents.isEmpty();
    }

    /**
     * Gives buffered events their ids, in arrival order. Activity close events that referenced a buffered
     * ActivityTaskStarted are pointed at the id that event just got.
     */
    public void flushBufferedEvents() {
        if (state.bufferedEvents.isEmpty()) {
            return;
        }
        List<byte[]> buffered = new ArrayList<>(state.bufferedEvents);
        state.bufferedEvents.clear();
        java.util.Map<Long, Long> startedIdByScheduledId = new java.util.HashMap<>();
        for (byte[] bytes : buffered) {
            HistoryEvent.Builder e = Protos.parse(HistoryEvent.parser(), bytes, HistoryEvent.getDefaultInstance())
                    .toBuilder();
            BufferedEventReferences.patch(e, startedIdByScheduledId);
            long id = append(e, false);
            if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
                startedIdByScheduledId.put(e.getActivityTaskStartedEventAttributes().getScheduledEventId(), id);
            }
        }
    }

    /**
     * Schedules a workflow task unless one is outstanding or the run is closed: on the sticky queue of the last
     * worker when it asked for one, otherwise on the workflow's queue.
     */
    public void scheduleWorkflowTask() {
        scheduleWorkflowTask(1);
    }

    /** Schedules attempt {@code attempt} of a workflow task (retries after a failed or timed-out task). */
    public void scheduleWorkflowTask(int attempt) {
        if (state.workflowTask != null || !state.isRunning()) {
            return;
        }
        if (deferWorkflowTask) {
            workflowTaskDeferred = true;
            deferredAttempt = Math.max(deferredAttempt, attempt);
            return;
        }
        if (state.stickyQueue != null && closedStickyQueue.test(key.namespaceId(), state.stickyQueue)) {
            // The worker holding this run's cache shut down: replay from full history on the normal queue.
            state.stickyQueue = null;
            markChanged();
        }
        boolean sticky = state.stickyQueue != null;
        String queue = sticky ? state.stickyQueue : state.info.taskQueue;
        if (attempt > 1) {
            // A transient retry has no event until it completes: not event-derived (see WorkflowTaskInfo).
            WorkflowTaskInfo wt = new WorkflowTaskInfo();
            wt.attempt = attempt;
            wt.sticky = sticky;
            wt.taskQueue = queue;
            wt.timeoutMillis = state.info.workflowTaskTimeoutMillis;
            wt.scheduledTimeMillis = now;
            wt.transientTask = true;
            state.workflowTask = wt;
            markChanged();
        } else {
            addEvent(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                    workflowTaskScheduledEvent(queue, sticky, state.info.workflowTaskTimeoutMillis, attempt));
        }
        dispatchWorkflowTask();
    }

    /** The WorkflowTaskScheduled event of {@code wt} (id and time not set). */
    public HistoryEvent.Builder workflowTaskScheduledEvent(WorkflowTaskInfo wt) {
        return workflowTaskScheduledEvent(wt.taskQueue, wt.sticky, wt.timeoutMillis, wt.attempt);
    }

    private HistoryEvent.Builder workflowTaskScheduledEvent(String taskQueue, boolean sticky, long timeoutMillis,
                                                            int attempt) {
        TaskQueue.Builder queue = TaskQueue.newBuilder().setName(taskQueue)
                .setKind(sticky ? TaskQueueKind.TASK_QUEUE_KIND_STICKY : TaskQueueKind.TASK_QUEUE_KIND_NORMAL);
        if (sticky) {
            queue.setNormalName(state.info.taskQueue);
        }
        return HistoryEvent.newBuilder()
                .setWorkflowTaskScheduledEventAttributes(WorkflowTaskScheduledEventAttributes.newBuilder()
                        .setTaskQueue(queue)
                        .setStartToCloseTimeout(Protos.duration(timeoutMillis))
                        .setAttempt(attempt));
    }

    /**
     * While a completed workflow task's commands are applied, a workflow task one of them asks for is scheduled
     * only after all of them, so its WorkflowTaskScheduled event follows the commands' events.
     */
    public void deferWorkflowTaskScheduling() {
        deferWorkflowTask = true;
    }

    public void resumeWorkflowTaskScheduling() {
        deferWorkflowTask = false;
        if (workflowTaskDeferred) {
            workflowTaskDeferred = false;
            scheduleWorkflowTask(deferredAttempt);
        }
    }

    /** Hands the outstanding workflow task to matching after commit. */
    public void dispatchWorkflowTask() {
        WorkflowTaskInfo wt = state.workflowTask;
        dispatch(MatchingTask.workflowTask(key, wt.taskQueue, wt.sticky, wt.scheduledEventId, wt.attempt));
    }
}
