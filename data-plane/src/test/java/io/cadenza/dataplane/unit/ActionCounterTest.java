package io.cadenza.dataplane.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.metering.ActionCounter;
import io.cadenza.dataplane.metering.Actions;
import io.cadenza.dataplane.metering.UsageFact;
import io.cadenza.dataplane.metering.UsageRecord;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The definition of a billable action (billing/README.md, "What is an action"), on hand-made histories. */
class ActionCounterTest {

    private static final ExecutionKey RUN = new ExecutionKey("orders.acc1", "order-42", "run-1");
    private static final long NOW = 1_796_000_000_000L;

    @Test
    void aStartIsOneActionAndItsWorkflowTaskNone() {
        // given the events of a client start
        List<HistoryEvent> events = events(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);

        // when counted
        List<UsageRecord> usage = ActionCounter.count(RUN, events, 0, List.of(), 1, NOW);

        // then one workflow start, with an id derived from the run and the event
        assertThat(usage).containsExactly(new UsageRecord("a:orders.acc1/order-42/run-1/1", "orders.acc1",
                UsageRecord.ACTIONS, Actions.WORKFLOW_STARTED, 1, NOW));
    }

    @Test
    void signalWithStartCountsOneInTotalButALaterSignalCounts() {
        // given a signal-with-start that creates the run, and a later signal to it
        List<HistoryEvent> created = events(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
        List<HistoryEvent> later = events(7, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);

        // then the creation is one start, the later signal one signal
        assertThat(byAction(ActionCounter.count(RUN, created, 0, List.of(), 1, NOW)))
                .isEqualTo(Map.of(Actions.WORKFLOW_STARTED, 1L));
        assertThat(byAction(ActionCounter.count(RUN, later, 0, List.of(), 5, NOW)))
                .isEqualTo(Map.of(Actions.SIGNAL, 1L));
    }

    @Test
    void aWorkflowTaskCompletionCountsItsCommandsAndLocalActivitiesOnce() {
        // given a completion that schedules two activities, starts a timer and a child, upserts search attributes,
        // accepts an update, and records three local activity markers (and another marker)
        List<HistoryEvent> events = new ArrayList<>(events(5, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, EventType.EVENT_TYPE_TIMER_STARTED,
                EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
                EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
                EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED));
        events.add(marker(14, "LocalActivity"));
        events.add(marker(15, "LocalActivity"));
        events.add(marker(16, "Version"));
        events.add(marker(17, "LocalActivity"));

        // when counted
        List<UsageRecord> usage = ActionCounter.count(RUN, events, 0, List.of(), 4, NOW);

        // then each command that counts is one action; local activities are one for the task
        assertThat(byAction(usage)).isEqualTo(Map.of(
                Actions.ACTIVITY_STARTED, 2L,
                Actions.TIMER_STARTED, 1L,
                Actions.WORKFLOW_STARTED, 1L,
                Actions.SEARCH_ATTRIBUTES_UPSERTED, 1L,
                Actions.UPDATE, 1L,
                Actions.LOCAL_ACTIVITIES_RECORDED, 1L));
        assertThat(usage).extracting(UsageRecord::id).doesNotHaveDuplicates()
                .contains("a:orders.acc1/order-42/run-1/14");
    }

    @Test
    void retriesRejectedUpdatesAndHeartbeatsCountWithoutEvents() {
        // given facts reported by transitions of updates that write no counted event
        List<UsageFact> facts = List.of(new UsageFact.ActivityRetried(5, 2), new UsageFact.UpdateRejected("upd-1"),
                new UsageFact.Heartbeat(5, 2));

        // when counted
        List<UsageRecord> usage = ActionCounter.count(RUN, List.of(), 0, facts, 9, NOW);

        // then one action each, with ids that tell them apart from event-based ones
        assertThat(usage).extracting(UsageRecord::id).containsExactly(
                "a:orders.acc1/order-42/run-1/5/2",
                "a:orders.acc1/order-42/run-1/update:upd-1",
                "h:orders.acc1/order-42/run-1/5/2/9");
        assertThat(byAction(usage)).isEqualTo(Map.of(Actions.ACTIVITY_STARTED, 1L, Actions.UPDATE, 1L,
                Actions.ACTIVITY_HEARTBEAT, 1L));
    }

    @Test
    void heartbeatsOfDifferentUpdatesHaveDifferentIdsAndTheSameUpdateTheSameId() {
        List<UsageFact> heartbeat = List.of(new UsageFact.Heartbeat(5, 1));
        UsageRecord first = ActionCounter.count(RUN, List.of(), 0, heartbeat, 10, NOW).get(0);
        UsageRecord again = ActionCounter.count(RUN, List.of(), 0, heartbeat, 10, NOW).get(0);
        UsageRecord next = ActionCounter.count(RUN, List.of(), 0, heartbeat, 11, NOW).get(0);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(next.id()).isNotEqualTo(first.id());
    }

    @Test
    void aResetIsOneActionWhateverItCopiesOrReapplies() {
        // given a reset's new run: six events copied from the base run (with its start and an activity), then
        // the reset's WorkflowTaskFailed, a reapplied signal and a new workflow task
        List<HistoryEvent> events = new ArrayList<>(events(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED));
        events.addAll(events(8, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED));

        // when counted with the copied prefix marked as adopted
        List<UsageRecord> usage = ActionCounter.count(RUN, events, 7, List.of(), 1, NOW);

        // then it is one reset
        assertThat(usage).extracting(UsageRecord::action, UsageRecord::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Actions.WORKFLOW_RESET,
                        "a:orders.acc1/order-42/run-1/8"));
    }

    @Test
    void closingAndBookkeepingEventsCountNothing() {
        List<HistoryEvent> events = events(20, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
                EventType.EVENT_TYPE_TIMER_FIRED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
                EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
        assertThat(ActionCounter.count(RUN, events, 0, List.of(), 3, NOW)).isEmpty();
    }

    @Test
    void queriesAndScheduleOperationsHaveTheirOwnIds() {
        assertThat(ActionCounter.query(RUN, "q-1", NOW).id()).isEqualTo("q:orders.acc1/order-42/run-1/q-1");
        UsageRecord action = ActionCounter.schedule("orders.acc1", "nightly", 1_700_000_000_000L, "action", 7,
                Actions.SCHEDULE_ACTION, 2, NOW);
        assertThat(action.id()).isEqualTo("s:orders.acc1/nightly/action/7/1700000000000");
        assertThat(action.quantity()).isEqualTo(2);
    }

    private static List<HistoryEvent> events(long firstId, EventType... types) {
        List<HistoryEvent> out = new ArrayList<>();
        long id = firstId;
        for (EventType type : types) {
            out.add(HistoryEvent.newBuilder().setEventId(id++).setEventType(type).build());
        }
        return out;
    }

    private static HistoryEvent marker(long id, String name) {
        return HistoryEvent.newBuilder().setEventId(id).setEventType(EventType.EVENT_TYPE_MARKER_RECORDED)
                .setMarkerRecordedEventAttributes(MarkerRecordedEventAttributes.newBuilder().setMarkerName(name))
                .build();
    }

    private static Map<String, Long> byAction(List<UsageRecord> usage) {
        Map<String, Long> out = new TreeMap<>();
        usage.forEach(r -> out.merge(r.action(), r.quantity(), Long::sum));
        return out;
    }
}
