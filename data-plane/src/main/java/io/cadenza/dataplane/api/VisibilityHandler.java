package io.cadenza.dataplane.api;

import com.google.protobuf.ByteString;
import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.VisibilityStore;
import io.cadenza.dataplane.visibility.InvalidQueryException;
import io.cadenza.dataplane.visibility.PageToken;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.workflowservice.v1.*;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ListWorkflowExecutions, ScanWorkflowExecutions, CountWorkflowExecutions and the older ListOpen/ListClosed RPCs,
 * all answered by the same indexed SQL. Visibility rows are the execution rows themselves, written in the
 * transaction that changes the run, so a list reflects every committed change at once.
 */
@ApplicationScoped
public class VisibilityHandler {

    static final int DEFAULT_PAGE_SIZE = 1000;
    static final int MAX_PAGE_SIZE = 10_000;

    private final NamespaceRegistry namespaces;
    private final VisibilityStore store;

    public VisibilityHandler(NamespaceRegistry namespaces, VisibilityStore store) {
        this.namespaces = namespaces;
        this.store = store;
    }

    public CompletableFuture<ListWorkflowExecutionsResponse> list(String namespace, String query, int pageSize,
                                                                  ByteString pageToken) {
        Namespace ns = namespaces.byName(namespace);
        PageToken after = token(pageToken);
        int size = pageSize <= 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        return queried(() -> store.list(ns.id(), query, ns.indexedAttributes(), after, size)).toCompletableFuture()
                .thenApply(page -> ListWorkflowExecutionsResponse.newBuilder()
                        .addAllExecutions(page.executions())
                        .setNextPageToken(page.next() == null ? ByteString.EMPTY
                                : ByteString.copyFrom(page.next().encode()))
                        .build());
    }

    public CompletableFuture<CountWorkflowExecutionsResponse> count(CountWorkflowExecutionsRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        return queried(() -> store.count(ns.id(), request.getQuery(), ns.indexedAttributes())).toCompletableFuture()
                .thenApply(counts -> {
                    CountWorkflowExecutionsResponse.Builder r = CountWorkflowExecutionsResponse.newBuilder();
                    for (var e : counts.byStatus().entrySet()) {
                        String status = statusName(WorkflowExecutionStatus.forNumber(e.getKey()));
                        r.addGroups(CountWorkflowExecutionsResponse.AggregationGroup.newBuilder()
                                .addGroupValues(Payload.newBuilder()
                                        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                                        .setData(ByteString.copyFromUtf8("\"" + status + "\"")))
                                .setCount(e.getValue()));
                    }
                    return r.setCount(counts.total()).build();
                });
    }

    public CompletableFuture<ListOpenWorkflowExecutionsResponse> listOpen(ListOpenWorkflowExecutionsRequest req) {
        List<String> terms = new ArrayList<>();
        terms.add("ExecutionStatus = 'Running'");
        startTime(req.hasStartTimeFilter() ? req.getStartTimeFilter() : null, terms);
        if (req.hasExecutionFilter()) {
            terms.add("WorkflowId = " + quote(req.getExecutionFilter().getWorkflowId()));
        } else if (req.hasTypeFilter()) {
            terms.add("WorkflowType = " + quote(req.getTypeFilter().getName()));
        }
        return list(req.getNamespace(), String.join(" AND ", terms), req.getMaximumPageSize(), req.getNextPageToken())
                .thenApply(r -> ListOpenWorkflowExecutionsResponse.newBuilder().addAllExecutions(r.getExecutionsList())
                        .setNextPageToken(r.getNextPageToken()).build());
    }

    public CompletableFuture<ListClosedWorkflowExecutionsResponse> listClosed(
            ListClosedWorkflowExecutionsRequest req) {
        List<String> terms = new ArrayList<>();
        terms.add("ExecutionStatus != 'Running'");
        startTime(req.hasStartTimeFilter() ? req.getStartTimeFilter() : null, terms);
        if (req.hasExecutionFilter()) {
            terms.add("WorkflowId = " + quote(req.getExecutionFilter().getWorkflowId()));
        } else if (req.hasTypeFilter()) {
            terms.add("WorkflowType = " + quote(req.getTypeFilter().getName()));
        } else if (req.hasStatusFilter()) {
            terms.add("ExecutionStatus = " + quote(statusName(req.getStatusFilter().getStatus())));
        }
        return list(req.getNamespace(), String.join(" AND ", terms) + " ORDER BY CloseTime DESC",
                req.getMaximumPageSize(), req.getNextPageToken())
                .thenApply(r -> ListClosedWorkflowExecutionsResponse.newBuilder()
                        .addAllExecutions(r.getExecutionsList()).setNextPageToken(r.getNextPageToken()).build());
    }

    private static void startTime(StartTimeFilter f, List<String> terms) {
        if (f == null) {
            return;
        }
        if (f.hasEarliestTime() && Protos.millis(f.getEarliestTime()) > 0) {
            terms.add("StartTime >= " + quote(Instant.ofEpochMilli(Protos.millis(f.getEarliestTime())).toString()));
        }
        if (f.hasLatestTime() && Protos.millis(f.getLatestTime()) > 0) {
            terms.add("StartTime <= " + quote(Instant.ofEpochMilli(Protos.millis(f.getLatestTime())).toString()));
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String statusName(WorkflowExecutionStatus status) {
        return switch (status) {
            case WORKFLOW_EXECUTION_STATUS_RUNNING -> "Running";
            case WORKFLOW_EXECUTION_STATUS_COMPLETED -> "Completed";
            case WORKFLOW_EXECUTION_STATUS_FAILED -> "Failed";
            case WORKFLOW_EXECUTION_STATUS_CANCELED -> "Canceled";
            case WORKFLOW_EXECUTION_STATUS_TERMINATED -> "Terminated";
            case WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> "ContinuedAsNew";
            case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "TimedOut";
            default -> "Unspecified";
        };
    }

    /** Runs a visibility query, refusing an invalid one with INVALID_ARGUMENT. */
    private static <T> T queried(java.util.function.Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidQueryException e) {
            throw Errors.invalidArgument("Invalid query: " + e.getMessage());
        }
    }

    private static PageToken token(ByteString bytes) {
        if (bytes == null || bytes.isEmpty()) {
            return null;
        }
        try {
            return PageToken.decode(bytes.toByteArray());
        } catch (IllegalArgumentException e) {
            throw Errors.invalidArgument("NextPageToken is not a valid visibility page token.");
        }
    }
}
