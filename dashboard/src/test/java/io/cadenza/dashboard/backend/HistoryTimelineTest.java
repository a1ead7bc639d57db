package io.cadenza.dashboard.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.cadenza.dashboard.backend.HistoryTimeline.Kind;
import io.cadenza.dashboard.backend.HistoryTimeline.Row;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.TimerFiredEventAttributes;
import io.temporal.api.history.v1.TimerStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskScheduledEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskStartedEventAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTimelineTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final List<HistoryEvent> history = new ArrayList<>();

    private HistoryEvent.Builder event(EventType type, long atMillis) {
        Instant at = T0.plusMillis(atMillis);
        return HistoryEvent.newBuilder().setEventId(history.size() + 1).setEventType(type)
                .setEventTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
    }

    private void add(HistoryEvent.Builder e) {
        history.add(e.build());
    }

    @Test
    void anActivityScheduledStartedAndCompletedIsOneRowWithAttemptsAndDurations() {
        // given: a workflow that runs one activity which succeeded on its third attempt, then a timer
        add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0).setWorkflowExecutionStartedEventAttributes(
                WorkflowExecutionStartedEventAttributes.newBuilder().setWorkflowType(WorkflowType.newBuilder()
                        .setName("Expense"))));
        add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, 0).setWorkflowTaskScheduledEventAttributes(
                WorkflowTaskScheduledEventAttributes.getDefaultInstance()));
        add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 20).setWorkflowTaskStartedEventAttributes(
                WorkflowTaskStartedEventAttributes.newBuilder().setScheduledEventId(2)));
        add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 50).setWorkflowTaskCompletedEventAttributes(
                WorkflowTaskCompletedEventAttributes.newBuilder().setScheduledEventId(2).setStartedEventId(3)));
        add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, 50).setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder().setActivityId("1")
                        .setActivityType(ActivityType.newBuilder().setName("ChargeCard"))));
        add(event(EventType.EVENT_TYPE_TIMER_STARTED, 60).setTimerStartedEventAttributes(
                TimerStartedEventAttributes.newBuilder().setTimerId("t1")
                        .setStartToFireTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(5))));
        add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, 4_050).setActivityTaskStartedEventAttributes(
                ActivityTaskStartedEventAttributes.newBuilder().setScheduledEventId(5).setAttempt(3)));
        add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, 4_300).setActivityTaskCompletedEventAttributes(
                ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(5).setStartedEventId(7)));
        add(event(EventType.EVENT_TYPE_TIMER_FIRED, 5_060).setTimerFiredEventAttributes(
                TimerFiredEventAttributes.newBuilder().setTimerId("t1").setStartedEventId(6)));
        add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, 5_100)
                .setWorkflowExecutionCompletedEventAttributes(
                        WorkflowExecutionCompletedEventAttributes.getDefaultInstance()));

        // when
        List<Row> rows = HistoryTimeline.group(history);

        // then
        assertThat(rows).extracting(Row::kind).containsExactly(Kind.WORKFLOW, Kind.WORKFLOW_TASK, Kind.ACTIVITY,
                Kind.TIMER, Kind.EVENT);
        Row activity = rows.get(2);
        assertThat(activity.label()).isEqualTo("ChargeCard (1)");
        assertThat(activity.status()).isEqualTo("Completed");
        assertThat(activity.attempts()).isEqualTo(3);
        assertThat(activity.eventIds()).containsExactly(5L, 7L, 8L);
        assertThat(activity.scheduleToStart()).isEqualTo(Duration.ofSeconds(4));
        assertThat(activity.startToClose()).isEqualTo(Duration.ofMillis(250));
        assertThat(activity.total()).isEqualTo(Duration.ofMillis(4_250));
        Row timer = rows.get(3);
        assertThat(timer.label()).isEqualTo("Timer t1 (5.0s)");
        assertThat(timer.status()).isEqualTo("Fired");
        assertThat(timer.eventIds()).containsExactly(6L, 9L);
        assertThat(rows.get(1).eventIds()).containsExactly(2L, 3L, 4L);
        assertThat(rows.get(4).label()).isEqualTo("WorkflowExecutionCompleted");
    }

    @Test
    void anActivityStillRunningHasNoEndAndAFailedOneSaysFailed() {
        add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, 0).setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder().setActivityId("a")
                        .setActivityType(ActivityType.newBuilder().setName("Slow"))));
        add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, 0).setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder().setActivityId("b")
                        .setActivityType(ActivityType.newBuilder().setName("Broken"))));
        add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, 100).setActivityTaskStartedEventAttributes(
                ActivityTaskStartedEventAttributes.newBuilder().setScheduledEventId(2).setAttempt(1)));
        add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, 300).setActivityTaskFailedEventAttributes(
                ActivityTaskFailedEventAttributes.newBuilder().setScheduledEventId(2).setStartedEventId(3)));

        List<Row> rows = HistoryTimeline.group(history);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).status()).isEqualTo("Scheduled");
        assertThat(rows.get(0).end()).isNull();
        assertThat(rows.get(0).total()).isNull();
        assertThat(rows.get(1).status()).isEqualTo("Failed");
        assertThat(rows.get(1).attempts()).isEqualTo(1);
    }

    @Test
    void eventNamesReadLikeTemporalsUi() {
        assertThat(HistoryTimeline.eventName(EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT))
                .isEqualTo("ActivityTaskTimedOut");
    }
}
