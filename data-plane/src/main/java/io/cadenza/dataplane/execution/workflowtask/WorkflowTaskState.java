package io.cadenza.dataplane.execution.workflowtask;

import io.cadenza.dataplane.common.TransitionTable;

/** Lifecycle of the (at most one) outstanding workflow task of a run. */
public enum WorkflowTaskState {
    SCHEDULED,
    /** A worker holds the task. In memory only: after a restart the task is dispatched again. */
    STARTED,
    CLOSED;

    public enum Event { START, COMPLETE, FAIL, TIME_OUT, MOVE_TO_NORMAL_QUEUE, LOSE_WORKER, DROP }

    public static final TransitionTable<WorkflowTaskState, Event> TABLE =
            TransitionTable.of("workflow task", WorkflowTaskState.class, Event.class)
                    .add(SCHEDULED, Event.START, STARTED)
                    // A sticky task nobody picked up in time goes back to the workflow's normal queue.
                    .add(SCHEDULED, Event.MOVE_TO_NORMAL_QUEUE, SCHEDULED)
                    .add(SCHEDULED, Event.DROP, CLOSED)
                    .add(STARTED, Event.COMPLETE, CLOSED)
                    .add(STARTED, Event.FAIL, CLOSED)
                    .add(STARTED, Event.TIME_OUT, CLOSED)
                    .add(STARTED, Event.LOSE_WORKER, SCHEDULED)
                    .add(STARTED, Event.DROP, CLOSED);
}
