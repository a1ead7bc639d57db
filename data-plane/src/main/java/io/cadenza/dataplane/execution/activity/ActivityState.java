package io.cadenza.dataplane.execution.activity;

import io.cadenza.dataplane.common.TransitionTable;

/** Lifecycle of a pending activity. A closed activity leaves mutable state, so CLOSED is never stored. */
public enum ActivityState {
    /** Waiting in its task queue for a worker. */
    SCHEDULED,
    /** A worker holds the task. Held in memory only: after a restart the attempt is dispatched again. */
    STARTED,
    /** A failed attempt waits for its retry backoff to elapse. */
    BACKOFF,
    CLOSED;

    public enum Event { START, COMPLETE, FAIL, RETRY, BACKOFF_ELAPSED, CANCEL, TIME_OUT, LOSE_WORKER }

    public static final TransitionTable<ActivityState, Event> TABLE =
            TransitionTable.of("activity", ActivityState.class, Event.class)
                    .add(SCHEDULED, Event.START, STARTED)
                    .add(SCHEDULED, Event.CANCEL, CLOSED)
                    .add(SCHEDULED, Event.TIME_OUT, CLOSED)
                    .add(STARTED, Event.COMPLETE, CLOSED)
                    .add(STARTED, Event.FAIL, CLOSED)
                    .add(STARTED, Event.CANCEL, CLOSED)
                    .add(STARTED, Event.RETRY, BACKOFF)
                    .add(STARTED, Event.TIME_OUT, CLOSED)
                    .add(STARTED, Event.LOSE_WORKER, SCHEDULED)
                    .add(BACKOFF, Event.BACKOFF_ELAPSED, SCHEDULED)
                    .add(BACKOFF, Event.CANCEL, CLOSED)
                    .add(BACKOFF, Event.TIME_OUT, CLOSED);
}
