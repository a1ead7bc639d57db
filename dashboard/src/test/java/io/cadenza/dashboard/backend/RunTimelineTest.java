package io.cadenza.dashboard.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.cadenza.dashboard.backend.RunTimeline.Lane;
import io.cadenza.dashboard.backend.RunTimeline.LaneKind;
import io.cadenza.dashboard.backend.RunTimeline.MarkerKind;
import io.cadenza.dashboard.backend.RunTimeline.Segment;
import io.cadenza.dashboard.backend.RunTimeline.SegmentKind;
import io.cadenza.dashboard.backend.RunTimeline.Timeline;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;
import io.temporal.api.history.v1.TimerFiredEventAttributes;
import io.temporal.api.history.v1.TimerStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskFailedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskScheduledEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskStartedEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTimelineTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final List<HistoryEvent> history = new ArrayList<>();

    private static Timestamp ts(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    private HistoryEvent.Builder event(EventType type, long atMillis) {
        return HistoryEvent.newBuilder().setEventId(history.size() + 1).setEventType(type)
                .setEventTime(ts(T0.plusMillis(atMillis)));
    }

    private long add(HistoryEvent.Builder e) {
        history.add(e.build());
        return history.size();
    }

    private static Payloads json(String text) {
        return Payloads.newBuilder().addPayloads(Payload.newBuilder().putMetadata("encoding",
                ByteString.copyFromUtf8("json/plain")).setData(ByteString.copyFrom(text, StandardCharsets.UTF_8)))
                .build();
    }

    private void started() {
        add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0).setWorkflowExecutionStartedEventAttributes(
                WorkflowExecutionStartedEventAttributes.newBuilder().setWorkflowType(WorkflowType.newBuilder()
                        .setName("Order"))));
    }

    private void workflowTask(long scheduledAt, long startedAt, long closedAt, boolean fails) {
        long scheduled = add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, scheduledAt)
                .setWorkflowTaskScheduledEventAttributes(WorkflowTaskScheduledEventAttributes.getDefaultInstance()));
        long started = add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, startedAt)
                .setWorkflowTaskStartedEventAttributes(WorkflowTaskStartedEventAttributes.newBuilder()
                        .setScheduledEventId(scheduled)));
        if (fails) {
            add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, closedAt).setWorkflowTaskFailedEventAttributes(
                    WorkflowTaskFailedEventAttributes.newBuilder().setScheduledEventId(scheduled)
                            .setStartedEventId(started)));
        } else {
            add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, closedAt).setWorkflowTaskCompletedEventAttributes(
                    WorkflowTaskCompletedEventAttributes.newBuilder().setScheduledEventId(scheduled)
                            .setStartedEventId(started)));
        }
    }

    private long scheduleActivity(long at, String id, String type, String queue, Payloads input) {
        return add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, at).setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder().setActivityId(id)
                        .setActivityType(ActivityType.newBuilder().setName(type))
                        .setTaskQueue(TaskQueue.newBuilder().setName(queue)).setInput(input)));
    }

    @Test
    void aRetriedActivityShowsEachFailedAttemptThenTheLastOne_andATimerItsWait_andSignalsAreMarkers() {
        started();
        workflowTask(0, 10, 50, false);
        long charge = scheduleActivity(50, "1", "ChargeCard", "orders", Payloads.getDefaultInstance());
        long timer = add(event(EventType.EVENT_TYPE_TIMER_STARTED, 60).setTimerStartedEventAttributes(
                TimerStartedEventAttributes.newBuilder().setTimerId("t1")
                        .setStartToFireTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(5))));
        long startedId = add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, 3_050)
                .setActivityTaskStartedEventAttributes(ActivityTaskStartedEventAttributes.newBuilder()
                        .setScheduledEventId(charge).setAttempt(3)
                        .setLastFailure(Failure.newBuilder().setMessage("card service down"))));
        add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, 3_300).setActivityTaskCompletedEventAttributes(
                ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(charge)
                        .setStartedEventId(startedId)));
        add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, 4_000).setWorkflowExecutionSignaledEventAttributes(
                WorkflowExecutionSignaledEventAttributes.newBuilder().setSignalName("addItem")));
        add(event(EventType.EVENT_TYPE_TIMER_FIRED, 5_060).setTimerFiredEventAttributes(
                TimerFiredEventAttributes.newBuilder().setTimerId("t1").setStartedEventId(timer)));
        workflowTask(5_060, 5_070, 5_090, true);
        workflowTask(5_090, 5_100, 5_150, false);
        add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, 5_150)
                .setWorkflowExecutionCompletedEventAttributes(
                        WorkflowExecutionCompletedEventAttributes.getDefaultInstance()));

        Timeline t = RunTimeline.build(history, List.of(), T0.plusSeconds(3600));

        assertThat(t.running()).isFalse();
        assertThat(t.end()).isEqualTo(T0.plusMillis(5_150)); // the close, not "now"
        assertThat(t.lanes()).extracting(Lane::kind).containsExactly(LaneKind.WORKFLOW_TASKS, LaneKind.ACTIVITY,
                LaneKind.TIMER);
        Lane tasks = t.lanes().get(0);
        assertThat(tasks.segments()).extracting(Segment::kind).containsExactly(SegmentKind.COMPLETED,
                SegmentKind.FAILED, SegmentKind.COMPLETED);
        assertThat(tasks.status()).isEqualTo("2 completed, 1 failed");

        Lane activity = t.lanes().get(1);
        assertThat(activity.label()).isEqualTo("ChargeCard (1)");
        assertThat(activity.status()).isEqualTo("Completed on attempt 3 (2 failed)");
        assertThat(activity.segments()).extracting(Segment::kind).containsExactly(SegmentKind.FAILED_ATTEMPT,
                SegmentKind.FAILED_ATTEMPT, SegmentKind.COMPLETED);
        Segment first = activity.segments().get(0);
        Segment second = activity.segments().get(1);
        assertThat(first.approximate()).isTrue();
        assertThat(first.from()).isEqualTo(T0.plusMillis(50));
        assertThat(second.to()).isEqualTo(T0.plusMillis(3_050));
        assertThat(first.to()).isEqualTo(second.from());
        assertThat(first.title()).startsWith("Attempt 1 failed (");
        assertThat(second.title()).startsWith("Attempt 2 failed: card service down");
        Segment last = activity.segments().get(2);
        assertThat(last.from()).isEqualTo(T0.plusMillis(3_050));
        assertThat(last.to()).isEqualTo(T0.plusMillis(3_300));
        assertThat(last.approximate()).isFalse();
        assertThat(last.title()).startsWith("Attempt 3 completed");

        Lane timerLane = t.lanes().get(2);
        assertThat(timerLane.label()).isEqualTo("Timer t1 (5.0s)");
        assertThat(timerLane.segments()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SegmentKind.FIRED);
            assertThat(Duration.between(s.from(), s.to())).isEqualTo(Duration.ofMillis(5_000));
        });
        assertThat(t.markers()).extracting(m -> m.kind() + " " + m.label()).containsExactly(
                "SIGNAL Signal addItem", "CLOSE WorkflowExecutionCompleted");
    }

    @Test
    void anActivityBetweenAttemptsUsesTheDescriptionsExactTimes_andOpenThingsLastUntilNow() {
        started();
        workflowTask(0, 10, 50, false);
        scheduleActivity(50, "7", "CallDownstream", "orders", Payloads.getDefaultInstance());
        add(event(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, 60)
                .setStartChildWorkflowExecutionInitiatedEventAttributes(
                        StartChildWorkflowExecutionInitiatedEventAttributes.newBuilder().setWorkflowId("ship-1")
                                .setWorkflowType(WorkflowType.newBuilder().setName("Ship"))));
        Instant now = T0.plusSeconds(10);
        PendingActivityInfo pending = PendingActivityInfo.newBuilder().setActivityId("7")
                .setState(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED).setAttempt(4)
                .setLastStartedTime(ts(T0.plusMillis(8_000))).setLastAttemptCompleteTime(ts(T0.plusMillis(8_200)))
                .setScheduledTime(ts(T0.plusMillis(9_200)))
                .setLastFailure(Failure.newBuilder().setMessage("downstream unavailable (attempt 3)")).build();

        Timeline t = RunTimeline.build(history, List.of(pending), now);

        assertThat(t.running()).isTrue();
        assertThat(t.end()).isEqualTo(now);
        Lane activity = t.lanes().get(1);
        assertThat(activity.status()).isEqualTo("Retrying: attempt 4 next, last failure: downstream unavailable "
                + "(attempt 3)");
        assertThat(activity.segments()).extracting(Segment::kind).containsExactly(SegmentKind.FAILED_ATTEMPT,
                SegmentKind.FAILED_ATTEMPT, SegmentKind.FAILED_ATTEMPT, SegmentKind.BACKOFF);
        Segment third = activity.segments().get(2);
        assertThat(third.approximate()).isFalse();
        assertThat(third.from()).isEqualTo(T0.plusMillis(8_000));
        assertThat(third.to()).isEqualTo(T0.plusMillis(8_200));
        assertThat(activity.segments().get(1).to()).isEqualTo(T0.plusMillis(8_000));
        Segment backoff = activity.segments().get(3);
        assertThat(backoff.open()).isTrue();
        assertThat(backoff.to()).isEqualTo(now);
        Lane child = t.lanes().get(2);
        assertThat(child.kind()).isEqualTo(LaneKind.CHILD_WORKFLOW);
        assertThat(child.label()).isEqualTo("Child Ship (ship-1)");
        assertThat(child.segments()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SegmentKind.RUNNING);
            assertThat(s.open()).isTrue();
        });
    }

    @Test
    void aHumanApprovalShowsItsTitle_theWaitingTime_andThenTheDecision() {
        started();
        workflowTask(0, 10, 50, false);
        long approval = scheduleActivity(50, "approval-1", "Approval", RunTimeline.HUMAN_QUEUE,
                json("{\"title\":\"Expense #42\",\"candidateGroups\":[\"managers\"]}"));

        Timeline waiting = RunTimeline.build(history, List.of(), T0.plusSeconds(7_250));
        Lane open = waiting.lanes().get(1);
        assertThat(open.kind()).isEqualTo(LaneKind.APPROVAL);
        assertThat(open.label()).isEqualTo("Approval: Expense #42");
        assertThat(open.status()).isEqualTo("Waiting for a decision for 2h 00m");
        assertThat(open.segments()).singleElement().extracting(Segment::kind)
                .isEqualTo(SegmentKind.AWAITING_DECISION);

        long startedId = add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, 3_600_050)
                .setActivityTaskStartedEventAttributes(ActivityTaskStartedEventAttributes.newBuilder()
                        .setScheduledEventId(approval).setAttempt(1)));
        add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, 3_600_050).setActivityTaskCompletedEventAttributes(
                ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(approval)
                        .setStartedEventId(startedId)
                        .setResult(json("{\"outcome\":\"approve\",\"completedBy\":\"maria\"}"))));
        Lane decided = RunTimeline.build(history, List.of(), T0.plusSeconds(7_250)).lanes().get(1);
        assertThat(decided.status()).isEqualTo("Approve by maria after 1h 00m");
        assertThat(decided.segments()).singleElement().extracting(Segment::kind).isEqualTo(SegmentKind.DECIDED);
    }

    @Test
    void generatedIdsAreShortenedInLabels() {
        assertThat(RunTimeline.shortId("e1ffb78f-f960-305e-8b1a-2c9703583de8")).isEqualTo("e1ffb78f…");
        assertThat(RunTimeline.shortId("charge-1")).isEqualTo("charge-1");
    }

    @Test
    void anEmptyHistoryIsAnEmptyTimeline() {
        Timeline t = RunTimeline.build(List.of(), List.of(), T0);
        assertThat(t.lanes()).isEmpty();
        assertThat(t.markers()).isEmpty();
        assertThat(t.markers()).noneMatch(m -> m.kind() == MarkerKind.CLOSE);
    }
}
