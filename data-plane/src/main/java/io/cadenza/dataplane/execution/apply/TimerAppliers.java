package io.cadenza.dataplane.execution.apply;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.timer.TimerInfo;
import io.temporal.api.enums.v1.EventType;

/** User timers: TimerStarted adds one (firing at event time + start-to-fire), TimerFired / TimerCanceled remove it. */
final class TimerAppliers {

    private TimerAppliers() {
    }

    static void register(EventAppliers.Registry r) {
        r.on(EventType.EVENT_TYPE_TIMER_STARTED, (s, e, runId) -> {
            var a = e.getTimerStartedEventAttributes();
            s.timers.put(a.getTimerId(), new TimerInfo(a.getTimerId(), e.getEventId(),
                    Protos.millis(e.getEventTime()) + Protos.millis(a.getStartToFireTimeout())));
        });
        r.on(EventType.EVENT_TYPE_TIMER_FIRED, (s, e, runId) ->
                s.timers.remove(e.getTimerFiredEventAttributes().getTimerId()));
        r.on(EventType.EVENT_TYPE_TIMER_CANCELED, (s, e, runId) ->
                s.timers.remove(e.getTimerCanceledEventAttributes().getTimerId()));
    }
}
