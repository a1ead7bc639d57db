package io.cadenza.dataplane.execution.apply;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.temporal.api.enums.v1.EventType;

/**
 * Activities: ActivityTaskScheduled adds a pending activity, ActivityTaskCancelRequested flags it, and each closing
 * event removes it. Attempts, backoffs, heartbeats and the started state leave no event (as in Temporal, only the
 * last attempt is recorded), so those fields are kept by {@code ActivityTransitions} and are not event-derived.
 */
final class ActivityAppliers {

    private ActivityAppliers() {
    }

    static void register(EventAppliers.Registry r) {
        r.on(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, (s, e, runId) -> {
            var attrs = e.getActivityTaskScheduledEventAttributes();
            ActivityInfo a = new ActivityInfo();
            a.scheduledEventId = e.getEventId();
            a.activityId = attrs.getActivityId();
            a.setAttributes(attrs);
            a.firstScheduledTimeMillis = Protos.millis(e.getEventTime());
            a.attemptScheduledTimeMillis = a.firstScheduledTimeMillis;
            s.activities.put(a.scheduledEventId, a);
        });
        r.on(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED, (s, e, runId) -> {
            ActivityInfo a = s.activities.get(e.getActivityTaskCancelRequestedEventAttributes().getScheduledEventId());
            if (a != null) {
                a.cancelRequested = true;
                a.cancelRequestedEventId = e.getEventId();
            }
        });
        // Written with the outcome of the attempt it describes; the attempt's progress is not event-derived.
        r.on(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, (s, e, runId) -> {
        });
        r.on(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, (s, e, runId) ->
                s.activities.remove(e.getActivityTaskCompletedEventAttributes().getScheduledEventId()));
        r.on(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, (s, e, runId) ->
                s.activities.remove(e.getActivityTaskFailedEventAttributes().getScheduledEventId()));
        r.on(EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT, (s, e, runId) ->
                s.activities.remove(e.getActivityTaskTimedOutEventAttributes().getScheduledEventId()));
        r.on(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED, (s, e, runId) ->
                s.activities.remove(e.getActivityTaskCanceledEventAttributes().getScheduledEventId()));
    }
}
