package io.cadenza.dataplane.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.apply.EventAppliers;
import io.cadenza.dataplane.execution.state.MutableState;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.ActivityTaskCancelRequestedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.TimerFiredEventAttributes;
import io.temporal.api.history.v1.TimerStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionTerminatedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskScheduledEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskStartedEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The appliers as pure functions of a history: what each event leaves in mutable state. */
class EventAppliersTest {

    private static final long T0 = 1_700_000_000_000L;

    private final List<HistoryEvent> history = new ArrayList<>();

    private void add(EventType type, HistoryEvent.Builder e) {
        long id = history.size() + 1;
        history.add(e.setEventId(id).setEventType(type).setEventTime(Protos.timestamp(T0 + id * 1000)).build());
    }

    private void startedAndFirstTask() {
        add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, HistoryEvent.newBuilder()
                .setWorkflowExecutionStartedEventAttributes(WorkflowExecutionStartedEventAttributes.newBuilder()
                        .setWorkflowType(WorkflowType.newBuilder().setName("Order"))
                        .setTaskQueue(TaskQueue.newBuilder().setName("orders"))
                        .setWorkflowRunTimeout(Protos.duration(60_000))
                        .setWorkflowTaskTimeout(Protos.duration(10_000))));
        add(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, HistoryEvent.newBuilder()
                .setWorkflowTaskScheduledEventAttributes(WorkflowTaskScheduledEventAttributes.newBuilder()
                        .setTaskQueue(TaskQueue.newBuilder().setName("orders")
                                .setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                        .setStartToCloseTimeout(Protos.duration(10_000)).setAttempt(1)));
        add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, HistoryEvent.newBuilder()
                .setWorkflowTaskStartedEventAttributes(WorkflowTaskStartedEventAttributes.newBuilder()
                        .setScheduledEventId(2)));
        add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, HistoryEvent.newBuilder()
                .setWorkflowTaskCompletedEventAttributes(WorkflowTaskCompletedEventAttributes.newBuilder()
                        .setScheduledEventId(2).setStartedEventId(3)));
    }

    @Test
    void aHistoryLeavesItsPendingWorkAndBookkeeping() {
        // given
        startedAndFirstTask();
        add(EventType.EVENT_TYPE_TIMER_STARTED, HistoryEvent.newBuilder().setTimerStartedEventAttributes(
                TimerStartedEventAttributes.newBuilder().setTimerId("t1").setStartToFireTimeout(Protos.duration(5_000))
                        .setWorkflowTaskCompletedEventId(4)));
        add(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, HistoryEvent.newBuilder()
                .setActivityTaskScheduledEventAttributes(ActivityTaskScheduledEventAttributes.newBuilder()
                        .setActivityId("a1").setActivityType(ActivityType.newBuilder().setName("Charge"))
                        .setWorkflowTaskCompletedEventId(4)));
        add(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED, HistoryEvent.newBuilder()
                .setActivityTaskCancelRequestedEventAttributes(ActivityTaskCancelRequestedEventAttributes.newBuilder()
                        .setScheduledEventId(6)));

        // when
        MutableState s = EventAppliers.replay(history, "run-1");

        // then
        assertThat(s.nextEventId).isEqualTo(8);
        assertThat(s.historySizeBytes).isEqualTo(history.stream().mapToLong(HistoryEvent::getSerializedSize).sum());
        assertThat(s.info.workflowType).isEqualTo("Order");
        assertThat(s.info.firstRunId).isEqualTo("run-1");
        assertThat(s.info.startTimeMillis).isEqualTo(T0 + 1000);
        assertThat(s.info.runExpirationMillis).isEqualTo(T0 + 1000 + 60_000);
        assertThat(s.previousStartedEventId).isEqualTo(3);
        assertThat(s.workflowTask).isNull();
        assertThat(s.timers.get("t1").fireAtMillis).isEqualTo(T0 + 5000 + 5000);
        assertThat(s.timers.get("t1").startedEventId).isEqualTo(5);
        assertThat(s.activities.get(6L).activityId).isEqualTo("a1");
        assertThat(s.activities.get(6L).firstScheduledTimeMillis).isEqualTo(T0 + 6000);
        assertThat(s.activities.get(6L).cancelRequestedEventId).isEqualTo(7);
        assertThat(s.isRunning()).isTrue();
    }

    @Test
    void closingEventsDropPendingWork() {
        // given
        startedAndFirstTask();
        add(EventType.EVENT_TYPE_TIMER_STARTED, HistoryEvent.newBuilder().setTimerStartedEventAttributes(
                TimerStartedEventAttributes.newBuilder().setTimerId("t1").setStartToFireTimeout(Protos.duration(5_000))));
        add(EventType.EVENT_TYPE_TIMER_FIRED, HistoryEvent.newBuilder().setTimerFiredEventAttributes(
                TimerFiredEventAttributes.newBuilder().setTimerId("t1").setStartedEventId(5)));
        add(EventType.EVENT_TYPE_TIMER_STARTED, HistoryEvent.newBuilder().setTimerStartedEventAttributes(
                TimerStartedEventAttributes.newBuilder().setTimerId("t2").setStartToFireTimeout(Protos.duration(5_000))));
        assertThat(EventAppliers.replay(history, "run-1").timers).containsOnlyKeys("t2");
        add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED, HistoryEvent.newBuilder()
                .setWorkflowExecutionTerminatedEventAttributes(WorkflowExecutionTerminatedEventAttributes.newBuilder()));

        // when
        MutableState s = EventAppliers.replay(history, "run-1");

        // then
        assertThat(s.statusEnum()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
        assertThat(s.closeTimeMillis).isEqualTo(T0 + 8000);
        assertThat(s.timers).isEmpty();
    }

    @Test
    void aHistoryWithAGapOrAnEventTheEngineNeverWritesIsRefused() {
        startedAndFirstTask();
        List<HistoryEvent> gap = List.of(history.get(0), history.get(2));
        assertThatThrownBy(() -> EventAppliers.replay(gap, "run-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not contiguous at event 3");
        add(EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED, HistoryEvent.newBuilder());
        assertThatThrownBy(() -> EventAppliers.replay(history, "run-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no applier for");
    }
}
