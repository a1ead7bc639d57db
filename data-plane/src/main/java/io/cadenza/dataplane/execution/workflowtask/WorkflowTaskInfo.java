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

    // In memory only (see WorkflowTaskState.STARTED).
    @JsonIgnore public WorkflowTaskState state = WorkflowTaskState.SCHEDULED;
    @JsonIgnore public long startedEventId;
    @JsonIgnore public long startedTimeMillis;
    @JsonIgnore public String startToken;
    @JsonIgnore public String identity;
    /** The WorkflowTaskStarted event shown to the worker; written to history when the task closes. */
    @JsonIgnore public HistoryEvent startedEvent;

    @JsonIgnore
    public boolean isStarted() {
        return state == WorkflowTaskState.STARTED;
    }

    public void transition(WorkflowTaskState.Event event) {
        state = WorkflowTaskState.TABLE.next(state, event);
    }
}
