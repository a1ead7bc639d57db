package io.cadenza.dataplane.persistence;

import io.cadenza.dataplane.execution.ExecutionKey;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;

/** One committed change of a run; {@code inboxWrites} commit in the same transaction (usually none). */
public record ExecutionUpdate(ExecutionKey key, int shardId, long expectedVersion, ExecutionRow row, byte[] state,
                              List<HistoryEvent> events, List<InboxWrite> inboxWrites) {
}
