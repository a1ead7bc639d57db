package io.cadenza.dataplane.metering;

/**
 * A billable fact of an update that leaves no history event of its own (the rest is read from the events the
 * update commits). State transitions report these to their {@code ExecutionContext}.
 */
public sealed interface UsageFact {

    /** An activity failed or timed out and is scheduled again as attempt {@code attempt}. */
    record ActivityRetried(long scheduledEventId, int attempt) implements UsageFact {
    }

    /** The workflow rejected an update (a rejection is not written to history). */
    record UpdateRejected(String updateId) implements UsageFact {
    }

    /** A RecordActivityTaskHeartbeat(ById) call reached the run. */
    record Heartbeat(long scheduledEventId, int attempt) implements UsageFact {
    }
}
