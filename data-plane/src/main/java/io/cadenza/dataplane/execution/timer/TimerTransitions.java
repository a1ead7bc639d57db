package io.cadenza.dataplane.execution.timer;

import io.cadenza.dataplane.execution.ExecutionContext;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.TimerCanceledEventAttributes;
import io.temporal.api.history.v1.TimerFiredEventAttributes;
import io.temporal.api.history.v1.TimerStartedEventAttributes;

/** User timers: started by StartTimer, closed by firing or by CancelTimer (state changes: TimerAppliers). */
public final class TimerTransitions {

    private TimerTransitions() {
    }

    /** Starts a timer that fires start-to-fire after now (the TimerStarted applier records it). */
    public static void start(ExecutionContext ctx, TimerStartedEventAttributes attributes) {
        ctx.addEvent(EventType.EVENT_TYPE_TIMER_STARTED,
                HistoryEvent.newBuilder().setTimerStartedEventAttributes(attributes));
    }

    public static void cancel(ExecutionContext ctx, TimerInfo timer, long workflowTaskCompletedEventId,
                              String identity) {
        ctx.addEvent(EventType.EVENT_TYPE_TIMER_CANCELED, HistoryEvent.newBuilder()
                .setTimerCanceledEventAttributes(TimerCanceledEventAttributes.newBuilder()
                        .setTimerId(timer.timerId).setStartedEventId(timer.startedEventId)
                        .setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId).setIdentity(identity)));
    }

    /** Fires every timer that is due, in fire-time order, and schedules a workflow task for them. */
    public static void fireDue(ExecutionContext ctx) {
        ctx.state().timers.values().stream()
                .filter(t -> t.fireAtMillis <= ctx.now())
                .sorted(java.util.Comparator.comparingLong((TimerInfo t) -> t.fireAtMillis)
                        .thenComparingLong(t -> t.startedEventId))
                .toList()
                .forEach(t -> {
                    ctx.addEvent(EventType.EVENT_TYPE_TIMER_FIRED, HistoryEvent.newBuilder()
                            .setTimerFiredEventAttributes(TimerFiredEventAttributes.newBuilder()
                                    .setTimerId(t.timerId).setStartedEventId(t.startedEventId)));
                    ctx.scheduleWorkflowTask();
                });
    }
}
