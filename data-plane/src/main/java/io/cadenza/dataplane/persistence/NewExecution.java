package io.cadenza.dataplane.persistence;

import io.cadenza.dataplane.execution.ExecutionKey;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;

public record NewExecution(ExecutionKey key, int shardId, String startRequestId, ExecutionRow row, byte[] state,
                           List<HistoryEvent> events) {
}
