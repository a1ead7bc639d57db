package io.cadenza.dataplane.api;

import com.google.protobuf.ByteString;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * GetWorkflowExecutionHistory: pages of committed events, optionally long-polling for new ones
 * ({@code wait_new_event}) or only for the closing event — how SDK clients wait for a workflow's result. A plain
 * read of a run whose workflow task a worker holds ends with that task's in-memory events.
 */
@ApplicationScoped
public class HistoryHandler {

    private static final int DEFAULT_PAGE_SIZE = 1000;

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;

    private final InstantSource clock;

    public HistoryHandler(ExecutionManager manager, NamespaceRegistry namespaces, InstantSource clock) {
        this.clock = clock;
        this.manager = manager;
        this.namespaces = namespaces;
    }

    /** {@code tail}: the in-memory events of a started workflow task, which end that task's page sequence. */
    private record Snapshot(boolean running, long nextEventId, List<HistoryEvent> tail) {
    }

    public CompletableFuture<GetWorkflowExecutionHistoryResponse> history(GetWorkflowExecutionHistoryRequest request,
                                                                          long deadlineMillis) {
        Namespace ns = namespaces.byName(request.getNamespace());
        HistoryPageToken token = HistoryPageToken.decode(request.getNextPageToken());
        int pageSize = request.getMaximumPageSize() > 0 ? request.getMaximumPageSize() : DEFAULT_PAGE_SIZE;
        return Executions.resolve(manager, ns, request.getExecution())
                .thenCompose(key -> request.getHistoryEventFilterType()
                        == HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT
                        ? closeEvent(key, request.getWaitNewEvent(), deadlineMillis)
                        : events(key, token, pageSize, request.getWaitNewEvent(), deadlineMillis));
    }

    private CompletableFuture<Snapshot> snapshot(ExecutionKey key) {
        return manager.read(key, s -> {
            var wt = s.pendingWorkflowTask();
            boolean started = wt != null && wt.isStarted();
            return new Snapshot(s.isRunning(), s.nextEventId(), started ? wt.inMemoryEvents() : List.of());
        });
    }

    private CompletableFuture<GetWorkflowExecutionHistoryResponse> closeEvent(ExecutionKey key, boolean wait,
                                                                              long deadlineMillis) {
        return snapshot(key).thenCompose(s -> {
            if (!s.running()) {
                return manager.readHistory(key, s.nextEventId() - 1, s.nextEventId(), 1)
                        .thenApply(events -> response(events, ByteString.EMPTY));
            }
            long remaining = deadlineMillis - clock.millis();
            if (!wait || remaining <= 0) {
                return CompletableFuture.completedFuture(response(List.of(), ByteString.EMPTY));
            }
            return manager.awaitClose(key, remaining).thenCompose(v -> closeEvent(key, wait, deadlineMillis));
        });
    }

    private CompletableFuture<GetWorkflowExecutionHistoryResponse> events(ExecutionKey key, HistoryPageToken token,
                                                                          int pageSize, boolean wait,
                                                                          long deadlineMillis) {
        long from = token == null ? 1 : token.nextEventId();
        return snapshot(key).thenCompose(s -> {
            long end = s.nextEventId();
            if (token != null && token.workflowTaskStartedEventId() != 0) {
                // A page sequence handed out with a workflow (or query) task ends where that task began.
                end = Math.min(end, Math.abs(token.workflowTaskStartedEventId()));
            }
            long tailStart = s.tail().isEmpty() ? 0 : s.tail().get(0).getEventId();
            if (from >= end && wait && s.running()) {
                long remaining = deadlineMillis - clock.millis();
                if (remaining <= 0) {
                    return CompletableFuture.completedFuture(response(List.of(),
                            new HistoryPageToken(from, 0).encode()));
                }
                return manager.awaitChange(key, remaining)
                        .thenCompose(v -> events(key, token, pageSize, wait, deadlineMillis));
            }
            long bound = end;
            return manager.readHistory(key, from, bound, pageSize).thenApply(events -> {
                long next = events.isEmpty() ? from : events.get(events.size() - 1).getEventId() + 1;
                List<HistoryEvent> out = new ArrayList<>(events);
                ByteString nextToken = ByteString.EMPTY;
                if (next < bound) {
                    nextToken = new HistoryPageToken(next, token == null ? 0 : token.workflowTaskStartedEventId())
                            .encode();
                } else if (token != null && token.workflowTaskStartedEventId() > 0) {
                    if (tailStart == token.workflowTaskStartedEventId()) {
                        out.addAll(s.tail());
                    }
                } else if (wait && s.running()) {
                    nextToken = new HistoryPageToken(next, 0).encode();
                } else if (s.running() && tailStart == next
                        && (token == null || token.workflowTaskStartedEventId() == 0)) {
                    // A plain read while a worker holds a workflow task: its WorkflowTaskStarted (in memory until
                    // the task closes) ends the history, as Temporal, which writes it at once, would show. An SDK
                    // that no longer caches the run re-reads its history this way and expects the task's
                    // started event last. Long polls (above) only ever get committed events.
                    out.addAll(s.tail());
                }
                return response(out, nextToken);
            });
        });
    }

    /**
     * GetWorkflowExecutionHistoryReverse: committed events newest first, paged; the token carries the id of the
     * next (older) event to return.
     */
    public CompletableFuture<io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseResponse> reverse(
            io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        HistoryPageToken token = HistoryPageToken.decode(request.getNextPageToken());
        int pageSize = request.getMaximumPageSize() > 0 ? request.getMaximumPageSize() : DEFAULT_PAGE_SIZE;
        return Executions.resolve(manager, ns, request.getExecution()).thenCompose(key -> snapshot(key)
                .thenCompose(s -> {
                    long newest = token == null ? s.nextEventId() - 1 : token.nextEventId();
                    long oldest = Math.max(1, newest - pageSize + 1);
                    return manager.readHistory(key, oldest, newest + 1, pageSize).thenApply(events -> {
                        List<HistoryEvent> out = new ArrayList<>(events);
                        java.util.Collections.reverse(out);
                        return io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseResponse
                                .newBuilder().setHistory(History.newBuilder().addAllEvents(out))
                                .setNextPageToken(oldest > 1 ? new HistoryPageToken(oldest - 1, 0).encode()
                                        : ByteString.EMPTY)
                                .build();
                    });
                }));
    }

    private static GetWorkflowExecutionHistoryResponse response(List<HistoryEvent> events, ByteString token) {
        return GetWorkflowExecutionHistoryResponse.newBuilder()
                .setHistory(History.newBuilder().addAllEvents(events)).setNextPageToken(token).build();
    }
}
