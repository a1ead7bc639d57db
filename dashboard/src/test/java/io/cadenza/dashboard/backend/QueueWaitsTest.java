package io.cadenza.dashboard.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dashboard.backend.QueueWaits.Wait;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskScheduledEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskStartedEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueWaitsTest {

    private final List<HistoryEvent> history = new ArrayList<>();

    private long add(EventType type, HistoryEvent.Builder attributes) {
        history.add(attributes.setEventId(history.size() + 1).setEventType(type).build());
        return history.size();
    }

    private long workflowTaskScheduled(String queue) {
        return add(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, HistoryEvent.newBuilder()
                .setWorkflowTaskScheduledEventAttributes(WorkflowTaskScheduledEventAttributes.newBuilder()
                        .setTaskQueue(TaskQueue.newBuilder().setName(queue))));
    }

    @Test
    void aWorkflowTaskNobodyStartedWaitsOnTheRunsQueue() {
        workflowTaskScheduled("orders");
        assertThat(QueueWaits.of("orders", history, List.of()))
                .containsExactly(new Wait("orders", TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW));
    }

    @Test
    void aStartedOrCompletedWorkflowTaskWaitsOnNothing_aScheduledActivityWaitsOnItsQueue_humansAreNotWorkers() {
        long wt = workflowTaskScheduled("orders");
        add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, HistoryEvent.newBuilder()
                .setWorkflowTaskStartedEventAttributes(WorkflowTaskStartedEventAttributes.newBuilder()
                        .setScheduledEventId(wt)));
        add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, HistoryEvent.newBuilder()
                .setWorkflowTaskCompletedEventAttributes(WorkflowTaskCompletedEventAttributes.newBuilder()
                        .setScheduledEventId(wt)));
        for (String[] a : new String[][] {{"1", "payments"}, {"2", "payments"}, {"3", "cadenza-human"}}) {
            add(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, HistoryEvent.newBuilder()
                    .setActivityTaskScheduledEventAttributes(ActivityTaskScheduledEventAttributes.newBuilder()
                            .setActivityId(a[0]).setActivityType(ActivityType.newBuilder().setName("X"))
                            .setTaskQueue(TaskQueue.newBuilder().setName(a[1]))));
        }
        List<PendingActivityInfo> pending = List.of(
                PendingActivityInfo.newBuilder().setActivityId("1")
                        .setState(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED).build(),
                PendingActivityInfo.newBuilder().setActivityId("2")
                        .setState(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED).build(),
                PendingActivityInfo.newBuilder().setActivityId("3")
                        .setState(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED).build());

        assertThat(QueueWaits.of("orders", history, pending))
                .containsExactly(new Wait("payments", TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY));
    }

    @Test
    void aClosedRunWaitsOnNothing() {
        workflowTaskScheduled("orders");
        add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, HistoryEvent.newBuilder()
                .setWorkflowExecutionCompletedEventAttributes(WorkflowExecutionCompletedEventAttributes
                        .getDefaultInstance()));
        assertThat(QueueWaits.of("orders", history, List.of())).isEmpty();
    }
}
