package io.cadenza.dataplane.persistence;

import io.cadenza.dataplane.execution.ExecutionKey;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;

public record ExecutionUpdate(ExecutionKey key, int shardId, long expectedVersion, ExecutionRow row, byte[] state,
                              List<HistoryEvent> events) {
}
