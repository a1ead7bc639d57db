package io.cadenza.dataplane.execution.workflowtask;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.temporal.api.history.v1.HistoryEvent;

/** The outstanding workflow task of a run. */
public final class WorkflowTaskInfo {
    public long scheduledEventId;
    public int attempt = 1;
    /** The queue it is dispatched on: the workflow's queue, or the sticky queue of the last worker. */
    public String taskQueue;
    public boolean sticky;
    public long scheduledTimeMillis;
    public long timeoutMillis;
    /**
     * A retry of a failed or timed-out task (attempt > 1). As in Temporal, its WorkflowTaskScheduled and
     * WorkflowTaskStarted events are shown to the worker but written only if the attempt completes, so a workflow
     * whose code keeps failing does not grow its history. Its event ids are assigned when a worker picks it up.
     */
    public boolean transientTask;

    // In memory only (see WorkflowTaskState.STARTED).
    @JsonIgnore public WorkflowTaskState state = WorkflowTaskState.SCHEDULED;
    @JsonIgnore public long startedEventId;
    @JsonIgnore public long startedTimeMillis;
    @JsonIgnore public String startToken;
    @JsonIgnore public String identity;
    /** The WorkflowTaskStarted event shown to the worker; written to history when the task closes. */
    @JsonIgnore public HistoryEvent startedEvent;
    /** For a transient task: the WorkflowTaskScheduled event shown to the worker. */
    @JsonIgnore public HistoryEvent scheduledEvent;

    /** The events of this task that exist only in memory until it closes, in id order. */
    @JsonIgnore
    public java.util.List<HistoryEvent> inMemoryEvents() {
        return transientTask ? java.util.List.of(scheduledEvent, startedEvent) : java.util.List.of(startedEvent);
    }

    @JsonIgnore
    public boolean isStarted() {
        return state == WorkflowTaskState.STARTED;
    }

    public void transition(WorkflowTaskState.Event event) {
        state = WorkflowTaskState.TABLE.next(state, event);
    }
}
