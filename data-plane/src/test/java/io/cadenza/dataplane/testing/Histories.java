package io.cadenza.dataplane.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import java.util.stream.LongStream;

/** Assertions on the shape of a workflow history that every closed execution must satisfy. */
public final class Histories {

    private Histories() {}

    /**
     * Event ids are exactly 1..n (no gap, no duplicate), the first event starts the execution, and the last event is
     * the only close event and has the given type.
     */
    public static void assertWellFormed(String workflowId, List<HistoryEvent> events, EventType expectedCloseEvent) {
        long[] ids = events.stream().mapToLong(HistoryEvent::getEventId).toArray();
        assertThat(ids)
                .as("event ids of %s", workflowId)
                .containsExactly(LongStream.rangeClosed(1, events.size()).toArray());
        assertThat(events.get(0).getEventType())
                .as("first event of %s", workflowId)
                .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
        assertThat(events.get(events.size() - 1).getEventType())
                .as("last event of %s", workflowId)
                .isEqualTo(expectedCloseEvent);
        assertThat(events.stream().filter(event -> event.getEventType() == expectedCloseEvent))
                .as("%s events of %s", expectedCloseEvent, workflowId)
                .hasSize(1);
    }

    public static long count(List<HistoryEvent> events, EventType type) {
        return events.stream().filter(event -> event.getEventType() == type).count();
    }
}
