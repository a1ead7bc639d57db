package io.cadenza.dataplane.api;

import com.google.protobuf.ByteString;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Pages of history handed to workers with a workflow task, continued by GetWorkflowExecutionHistory. */
final class HistoryPages {

    record Page(List<HistoryEvent> events, ByteString nextPageToken) {
    }

    private HistoryPages() {
    }

    /**
     * A workflow task's history: committed events from {@code from} up to the task's in-memory {@code tail}
     * (its WorkflowTaskStarted event, after WorkflowTaskScheduled for a transient task), which ends the last page.
     */
    static CompletableFuture<Page> page(ExecutionManager manager, ExecutionKey key, long from,
                                        List<HistoryEvent> tail, int pageSize) {
        long end = tail.get(0).getEventId();
        return manager.readHistory(key, from, end, pageSize).thenApply(events -> {
            long next = events.isEmpty() ? from : events.get(events.size() - 1).getEventId() + 1;
            if (next < end) {
                return new Page(events, new HistoryPageToken(next, end).encode());
            }
            List<HistoryEvent> all = new ArrayList<>(events);
            all.addAll(tail);
            return new Page(all, ByteString.EMPTY);
        });
    }

    /** A query task's history: committed events [from, end). */
    static CompletableFuture<Page> committed(ExecutionManager manager, ExecutionKey key, long from, long end,
                                             int pageSize) {
        return manager.readHistory(key, from, end, pageSize).thenApply(events -> {
            long next = events.isEmpty() ? from : events.get(events.size() - 1).getEventId() + 1;
            return new Page(events, next < end ? new HistoryPageToken(next, -end).encode() : ByteString.EMPTY);
        });
    }
}
