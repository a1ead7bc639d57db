package io.cadenza.dashboard.backend;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups a history into timeline rows, as Temporal's Web UI does: an activity's scheduled, started and closing events
 * become one row with its attempt count and durations; likewise timers, child workflows, workflow tasks and
 * signals/cancellations sent to other workflows. Every other event is a row of its own. Pure: input is the history
 * as read from the server, output is sorted by the first event of each row.
 */
public final class HistoryTimeline {

    private HistoryTimeline() {
    }

    /** What a row stands for. */
    public enum Kind { WORKFLOW, WORKFLOW_TASK, ACTIVITY, TIMER, CHILD_WORKFLOW, EXTERNAL_SIGNAL, EXTERNAL_CANCEL, EVENT }

    /**
     * One row of the timeline.
     *
     * @param label           what it is (activity type and id, timer id, child workflow type and id, event type)
     * @param status          Scheduled, Started, Running, Completed, Failed, TimedOut, Canceled, Terminated, Fired, ...
     * @param attempts        the activity's attempt count (1 when it never retried); 0 for other kinds
     * @param start           the first event's time
     * @param end             the closing event's time, or null while open
     * @param scheduleToStart from scheduled to (the last attempt's) start, or null
     * @param startToClose    from (the last attempt's) start to close, or null
     * @param eventIds        the grouped events' ids, ascending
     */
    public record Row(Kind kind, String label, String status, int attempts, Instant start, Instant end,
                      Duration scheduleToStart, Duration startToClose, List<Long> eventIds) {

        /** From the first to the closing event, or null while open. */
        public Duration total() {
            return end == null ? null : Duration.between(start, end);
        }

        public long firstEventId() {
            return eventIds.get(0);
        }
    }

    /** Groups {@code history} into timeline rows. */
    public static List<Row> group(List<HistoryEvent> history) {
        Map<Long, Builder> byFirstEvent = new LinkedHashMap<>();
        for (HistoryEvent event : history) {
            long groupKey = groupKey(event);
            if (groupKey < 0) {
                byFirstEvent.put(event.getEventId(), Builder.single(event));
                continue;
            }
            Builder builder = byFirstEvent.get(groupKey);
            if (builder == null) {
                // The opening event is missing (a partial page of history): the row starts here.
                builder = Builder.single(event);
                byFirstEvent.put(groupKey, builder);
            } else {
                builder.add(event);
            }
        }
        return byFirstEvent.values().stream().map(Builder::build)
                .sorted(Comparator.comparingLong(Row::firstEventId)).toList();
    }

    /** The id of the event that opens this event's group, or -1 if it opens one or stands alone. */
    private static long groupKey(HistoryEvent e) {
        return switch (e.getEventType()) {
            case EVENT_TYPE_ACTIVITY_TASK_STARTED -> e.getActivityTaskStartedEventAttributes().getScheduledEventId();
            case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
                    e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
            case EVENT_TYPE_ACTIVITY_TASK_FAILED -> e.getActivityTaskFailedEventAttributes().getScheduledEventId();
            case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
                    e.getActivityTaskTimedOutEventAttributes().getScheduledEventId();
            case EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED ->
                    e.getActivityTaskCancelRequestedEventAttributes().getScheduledEventId();
            case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> e.getActivityTaskCanceledEventAttributes().getScheduledEventId();
            case EVENT_TYPE_WORKFLOW_TASK_STARTED -> e.getWorkflowTaskStartedEventAttributes().getScheduledEventId();
            case EVENT_TYPE_WORKFLOW_TASK_COMPLETED ->
                    e.getWorkflowTaskCompletedEventAttributes().getScheduledEventId();
            case EVENT_TYPE_WORKFLOW_TASK_FAILED -> e.getWorkflowTaskFailedEventAttributes().getScheduledEventId();
            case EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT ->
                    e.getWorkflowTaskTimedOutEventAttributes().getScheduledEventId();
            case EVENT_TYPE_TIMER_FIRED -> e.getTimerFiredEventAttributes().getStartedEventId();
            case EVENT_TYPE_TIMER_CANCELED -> e.getTimerCanceledEventAttributes().getStartedEventId();
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED ->
                    e.getChildWorkflowExecutionStartedEventAttributes().getInitiatedEventId();
            case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED ->
                    e.getStartChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId();
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED ->
                    e.getChildWorkflowExecutionCompletedEventAttributes().getInitiatedEventId();
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED ->
                    e.getChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId();
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED ->
                    e.getChildWorkflowExecutionCanceledEventAttributes().getInitiatedEventId();
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT ->
                    e.getChildWorkflowExecutionTimedOutEventAttributes().getInitiatedEventId();
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED ->
                    e.getChildWorkflowExecutionTerminatedEventAttributes().getInitiatedEventId();
            case EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED ->
                    e.getExternalWorkflowExecutionSignaledEventAttributes().getInitiatedEventId();
            case EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED ->
                    e.getSignalExternalWorkflowExecutionFailedEventAttributes().getInitiatedEventId();
            case EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED ->
                    e.getExternalWorkflowExecutionCancelRequestedEventAttributes().getInitiatedEventId();
            case EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED ->
                    e.getRequestCancelExternalWorkflowExecutionFailedEventAttributes().getInitiatedEventId();
            default -> -1;
        };
    }

    /** The readable name of an event type: {@code EVENT_TYPE_ACTIVITY_TASK_STARTED} -> {@code ActivityTaskStarted}. */
    public static String eventName(EventType type) {
        String name = type.name().replaceFirst("^EVENT_TYPE_", "");
        StringBuilder out = new StringBuilder();
        for (String word : name.split("_")) {
            if (!word.isEmpty()) {
                out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static final class Builder {
        private Kind kind;
        private String label;
        private String status;
        private int attempts;
        private Instant start;
        private Instant started;
        private Instant end;
        private final List<Long> eventIds = new ArrayList<>();

        static Builder single(HistoryEvent e) {
            Builder b = new Builder();
            b.start = instant(e.getEventTime());
            b.eventIds.add(e.getEventId());
            switch (e.getEventType()) {
                case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
                    var a = e.getActivityTaskScheduledEventAttributes();
                    b.open(Kind.ACTIVITY, a.getActivityType().getName() + " (" + a.getActivityId() + ")",
                            "Scheduled");
                    b.attempts = 1;
                }
                case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED -> b.open(Kind.WORKFLOW_TASK, "Workflow task", "Scheduled");
                case EVENT_TYPE_TIMER_STARTED -> {
                    var a = e.getTimerStartedEventAttributes();
                    b.open(Kind.TIMER, "Timer " + a.getTimerId() + " ("
                            + Durations.format(Duration.ofSeconds(a.getStartToFireTimeout().getSeconds(),
                            a.getStartToFireTimeout().getNanos())) + ")", "Started");
                }
                case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
                    var a = e.getStartChildWorkflowExecutionInitiatedEventAttributes();
                    b.open(Kind.CHILD_WORKFLOW, "Child " + a.getWorkflowType().getName() + " (" + a.getWorkflowId()
                            + ")", "Initiated");
                }
                case EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> {
                    var a = e.getSignalExternalWorkflowExecutionInitiatedEventAttributes();
                    b.open(Kind.EXTERNAL_SIGNAL, "Signal " + a.getSignalName() + " to "
                            + a.getWorkflowExecution().getWorkflowId(), "Initiated");
                }
                case EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> b.open(Kind.EXTERNAL_CANCEL,
                        "Cancel " + e.getRequestCancelExternalWorkflowExecutionInitiatedEventAttributes()
                                .getWorkflowExecution().getWorkflowId(), "Initiated");
                case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> b.open(Kind.EVENT, "Signal received: "
                        + e.getWorkflowExecutionSignaledEventAttributes().getSignalName(), "Signaled");
                default -> {
                    b.open(e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED ? Kind.WORKFLOW
                            : Kind.EVENT, eventName(e.getEventType()), eventName(e.getEventType()));
                    b.end = b.start;
                }
            }
            return b;
        }

        private void open(Kind kind, String label, String status) {
            this.kind = kind;
            this.label = label;
            this.status = status;
        }

        void add(HistoryEvent e) {
            eventIds.add(e.getEventId());
            Instant at = instant(e.getEventTime());
            switch (e.getEventType()) {
                case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
                    started = at;
                    attempts = Math.max(1, e.getActivityTaskStartedEventAttributes().getAttempt());
                    status = "Started";
                }
                case EVENT_TYPE_WORKFLOW_TASK_STARTED, EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> {
                    started = at;
                    status = "Started";
                }
                case EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED -> status = "CancelRequested";
                default -> {
                    end = at;
                    status = closingStatus(e.getEventType());
                }
            }
        }

        private static String closingStatus(EventType type) {
            String name = eventName(type);
            for (String suffix : List.of("Completed", "Failed", "TimedOut", "Canceled", "Terminated", "Fired",
                    "Signaled", "CancelRequested")) {
                if (name.endsWith(suffix)) {
                    return suffix;
                }
            }
            return name;
        }

        Row build() {
            Duration scheduleToStart = started == null ? null : Duration.between(start, started);
            Duration startToClose = started == null || end == null ? null : Duration.between(started, end);
            if (kind == Kind.EVENT || kind == Kind.WORKFLOW) {
                scheduleToStart = null;
                startToClose = null;
            }
            return new Row(kind, label, status, attempts, start, end, scheduleToStart, startToClose,
                    List.copyOf(eventIds));
        }
    }
}
