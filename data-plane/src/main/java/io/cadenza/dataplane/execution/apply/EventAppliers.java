package io.cadenza.dataplane.execution.apply;

import io.cadenza.dataplane.execution.child.ChildInfo;
import io.cadenza.dataplane.execution.state.MutableState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one meaning of each history event for mutable state: one {@link EventApplier} per {@link EventType}, grouped
 * by entity ({@link WorkflowAppliers}, {@link WorkflowTaskAppliers}, {@link ActivityAppliers},
 * {@link TimerAppliers}, {@link ChildAppliers}, {@link UpdateAppliers}). Transitions decide and emit events through
 * {@code ExecutionContext}, which applies each one here; a reset replays a history prefix through the same
 * appliers ({@link #replay}), so the live path and the replay path cannot drift apart.
 *
 * <p>Per-event bookkeeping (next event id, history size) is applied when an event gets its id. An event buffered
 * behind a started workflow task takes effect at once ({@link #applyBuffered}, with id {@link #BUFFERED}) and gets
 * its id when the buffer is flushed ({@link #flushed}).
 */
public final class EventAppliers {

    /** The id of an event that waits behind a started workflow task. */
    public static final long BUFFERED = -1;

    private static final Map<EventType, EventApplier> APPLIERS = registry();

    private EventAppliers() {
    }

    /** Collects the appliers; each event type may have only one. */
    static final class Registry {
        private final Map<EventType, EventApplier> appliers = new EnumMap<>(EventType.class);

        void on(EventType type, EventApplier applier) {
            if (appliers.putIfAbsent(type, applier) != null) {
                throw new IllegalStateException("two appliers for " + type);
            }
        }
    }

    private static Map<EventType, EventApplier> registry() {
        Registry r = new Registry();
        WorkflowAppliers.register(r);
        WorkflowTaskAppliers.register(r);
        ActivityAppliers.register(r);
        TimerAppliers.register(r);
        ChildAppliers.register(r);
        UpdateAppliers.register(r);
        return Map.copyOf(r.appliers);
    }

    /** Whether {@code type} has an applier (the event types this engine writes). */
    public static boolean handles(EventType type) {
        return APPLIERS.containsKey(type);
    }

    /** An event appended to history with its id. */
    public static void applyAppended(MutableState state, HistoryEvent event, String runId) {
        record(state, event);
        effect(state, event, runId);
    }

    /** An event buffered behind a started workflow task: its effect now, its id on {@link #flushed}. */
    public static void applyBuffered(MutableState state, HistoryEvent event, String runId) {
        effect(state, event, runId);
    }

    /** A buffered event (already applied) got its id. */
    public static void flushed(MutableState state, HistoryEvent event) {
        record(state, event);
        if (event.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
            ChildInfo c = state.children.get(event.getChildWorkflowExecutionStartedEventAttributes()
                    .getInitiatedEventId());
            if (c != null && c.startedEventId == BUFFERED) {
                c.startedEventId = event.getEventId();
            }
        }
    }

    /** The mutable state that {@code events} (a history or a prefix of one, from event 1) leave run {@code runId} in. */
    public static MutableState replay(List<HistoryEvent> events, String runId) {
        MutableState state = new MutableState();
        for (HistoryEvent e : events) {
            if (e.getEventId() != state.nextEventId) {
                throw new IllegalStateException("history of run " + runId + " is not contiguous at event "
                        + e.getEventId());
            }
            applyAppended(state, e, runId);
        }
        return state;
    }

    private static void record(MutableState state, HistoryEvent event) {
        state.nextEventId = event.getEventId() + 1;
        state.historySizeBytes += event.getSerializedSize();
    }

    private static void effect(MutableState state, HistoryEvent event, String runId) {
        EventApplier applier = APPLIERS.get(event.getEventType());
        if (applier == null) {
            throw new IllegalStateException("no applier for " + event.getEventType() + " (event "
                    + event.getEventId() + " of run " + runId + ")");
        }
        applier.apply(state, event, runId);
    }
}
