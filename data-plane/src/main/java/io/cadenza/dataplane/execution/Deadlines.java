package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.activity.ActivityTransitions;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.timer.TimerInfo;
import io.cadenza.dataplane.execution.timer.TimerTransitions;
import io.cadenza.dataplane.execution.workflowtask.WorkflowTaskTransitions;
import java.util.ArrayList;

/**
 * Every deadline of a run is derived from its mutable state: user timers, activity timeouts and retry
 * backoffs, workflow task timeouts, run and execution timeouts. The timer wheel only remembers when to wake
 * the run up; on wake-up {@link #fireDue} applies whatever is due by then, so a restart loses nothing.
 */
public final class Deadlines {

    private Deadlines() {
    }

    /** The earliest deadline of the run, or Long.MAX_VALUE. */
    public static long next(MutableState state) {
        if (!state.isRunning()) {
            return Long.MAX_VALUE;
        }
        long next = WorkflowTransitions.nextDeadline(state);
        if (state.awaitingFirstWorkflowTask) {
            next = Math.min(next, state.info.executionTimeMillis);
        }
        next = Math.min(next, WorkflowTaskTransitions.nextDeadline(state));
        for (TimerInfo t : state.timers.values()) {
            next = Math.min(next, t.fireAtMillis);
        }
        for (ActivityInfo a : state.activities.values()) {
            next = Math.min(next, ActivityTransitions.nextDeadline(a));
        }
        return next;
    }

    public static void fireDue(ExecutionContext ctx) {
        MutableState state = ctx.state();
        if (!state.isRunning()) {
            return;
        }
        if (WorkflowTransitions.nextDeadline(state) <= ctx.now()) {
            WorkflowTransitions.timeOut(ctx);
            return;
        }
        if (state.awaitingFirstWorkflowTask && state.info.executionTimeMillis <= ctx.now()) {
            ctx.scheduleWorkflowTask(); // its WorkflowTaskScheduled applier ends the wait
        }
        TimerTransitions.fireDue(ctx);
        for (ActivityInfo a : new ArrayList<>(state.activities.values())) {
            if (ActivityTransitions.nextDeadline(a) <= ctx.now()) {
                ActivityTransitions.fireDue(ctx, a);
            }
        }
        WorkflowTaskTransitions.fireDue(ctx);
    }
}
