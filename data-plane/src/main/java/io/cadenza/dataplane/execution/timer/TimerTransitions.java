package io.cadenza.dataplane.execution.timer;

import io.cadenza.dataplane.execution.ExecutionContext;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.TimerCanceledEventAttributes;
import io.temporal.api.history.v1.TimerFiredEventAttributes;
import io.temporal.api.history.v1.TimerStartedEventAttributes;

/** User timers: started by StartTimer, closed by firing or by CancelTimer. */
public final class TimerTransitions {

    private TimerTransitions() {
    }

    public static void start(ExecutionContext ctx, TimerStartedEventAttributes attributes, long fireAtMillis) {
        long id = ctx.addEvent(EventType.EVENT_TYPE_TIMER_STARTED,
                HistoryEvent.newBuilder().setTimerStartedEventAttributes(attributes));
        ctx.state().timers.put(attributes.getTimerId(), new TimerInfo(attributes.getTimerId(), id, fireAtMillis));
    }

    public static void cancel(ExecutionContext ctx, TimerInfo timer, long workflowTaskCompletedEventId,
                              String identity) {
        ctx.state().timers.remove(timer.timerId);
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
                    ctx.state().timers.remove(t.timerId);
                    ctx.addEvent(EventType.EVENT_TYPE_TIMER_FIRED, HistoryEvent.newBuilder()
                            .setTimerFiredEventAttributes(TimerFiredEventAttributes.newBuilder()
                                    .setTimerId(t.timerId).setStartedEventId(t.startedEventId)));
                    ctx.scheduleWorkflowTask();
                });
    }
}
