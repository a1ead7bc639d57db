package io.cadenza.dataplane.persistence;

import io.cadenza.dataplane.common.ExecutionKey;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;

/**
 * One committed change of a run; {@code inboxWrites} and {@code usage} (the usage outbox rows of what it bills)
 * commit in the same transaction (usually no inbox writes; no usage when metering is off).
 */
public record ExecutionUpdate(ExecutionKey key, int shardId, long expectedVersion, ExecutionRow row, byte[] state,
                              List<HistoryEvent> events, List<InboxWrite> inboxWrites,
                              List<io.cadenza.dataplane.metering.UsageRecord> usage) {
}
