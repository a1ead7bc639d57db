package io.cadenza.dataplane.execution.apply;

import io.cadenza.dataplane.execution.state.MutableState;
import io.temporal.api.history.v1.HistoryEvent;

/**
 * What one type of history event does to a run's mutable state. Appliers decide nothing: the transition that
 * emitted the event already did; they only record its consequence, the same way when the event is emitted live
 * and when a history is replayed (reset, the replay property test).
 */
@FunctionalInterface
public interface EventApplier {

    /**
     * Applies {@code event} to {@code state}. {@code runId} is the run the state belongs to (some entities derive
     * deterministic request ids from it). The event's id is {@link EventAppliers#BUFFERED} while it waits behind a
     * started workflow task.
     */
    void apply(MutableState state, HistoryEvent event, String runId);
}
