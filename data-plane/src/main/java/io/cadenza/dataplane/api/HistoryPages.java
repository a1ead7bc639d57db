package io.cadenza.dataplane.api;

import com.google.protobuf.ByteString;
import io.cadenza.dataplane.execution.ExecutionKey;
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
     * Events [from, startedEventId) plus, on the last page, the task's {@code startedEvent} (null for a query
     * task, whose history simply ends).
     */
    static CompletableFuture<Page> page(ExecutionManager manager, ExecutionKey key, long from, long startedEventId,
                                        HistoryEvent startedEvent, int pageSize) {
        return manager.readHistory(key, from, startedEventId, pageSize).thenApply(events -> {
            long next = events.isEmpty() ? from : events.get(events.size() - 1).getEventId() + 1;
            if (next < startedEventId) {
                long wtStarted = startedEvent == null ? 0 : startedEventId;
                return new Page(events, new HistoryPageToken(next, wtStarted == 0 ? -startedEventId : wtStarted)
                        .encode());
            }
            List<HistoryEvent> all = new ArrayList<>(events);
            if (startedEvent != null) {
                all.add(startedEvent);
            }
            return new Page(all, ByteString.EMPTY);
        });
    }
}
