package io.cadenza.dataplane.execution;

import io.temporal.api.history.v1.HistoryEvent;
import java.util.Map;

/** Re-points activity close events at the id their buffered ActivityTaskStarted event received on flush. */
final class BufferedEventReferences {

    private BufferedEventReferences() {
    }

    static void patch(HistoryEvent.Builder e, Map<Long, Long> startedIdByScheduledId) {
        switch (e.getEventType()) {
            case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
                var a = e.getActivityTaskCompletedEventAttributesBuilder();
                if (a.getStartedEventId() == ExecutionContext.BUFFERED_EVENT) {
                    a.setStartedEventId(startedIdByScheduledId.getOrDefault(a.getScheduledEventId(), 0L));
                }
            }
            case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
                var a = e.getActivityTaskFailedEventAttributesBuilder();
                if (a.getStartedEventId() == ExecutionContext.BUFFERED_EVENT) {
                    a.setStartedEventId(startedIdByScheduledId.getOrDefault(a.getScheduledEventId(), 0L));
                }
            }
            case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
                var a = e.getActivityTaskTimedOutEventAttributesBuilder();
                if (a.getStartedEventId() == ExecutionContext.BUFFERED_EVENT) {
                    a.setStartedEventId(startedIdByScheduledId.getOrDefault(a.getScheduledEventId(), 0L));
                }
            }
            case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> {
                var a = e.getActivityTaskCanceledEventAttributesBuilder();
                if (a.getStartedEventId() == ExecutionContext.BUFFERED_EVENT) {
                    a.setStartedEventId(startedIdByScheduledId.getOrDefault(a.getScheduledEventId(), 0L));
                }
            }
            default -> {
            }
        }
    }
}
