package io.cadenza.dataplane.persistence;

import io.cadenza.dataplane.common.ExecutionKey;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;

/** A run to create; {@code usage} (what its start bills) is written only if the run is. */
public record NewExecution(ExecutionKey key, int shardId, String startRequestId, ExecutionRow row, byte[] state,
                           List<HistoryEvent> events, List<io.cadenza.dataplane.metering.UsageRecord> usage) {
}
