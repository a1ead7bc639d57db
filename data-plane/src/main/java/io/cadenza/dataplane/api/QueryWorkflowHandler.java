package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.MatchingTask;
import io.cadenza.dataplane.execution.TaskToken;
import io.cadenza.dataplane.matching.TaskQueueManager;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.QueryRejectCondition;
import io.temporal.api.enums.v1.QueryResultType;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.History;
import io.temporal.api.query.v1.QueryRejected;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.api.workflowservice.v1.RespondQueryTaskCompletedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * QueryWorkflow as a direct query task: once no workflow task is in flight (so the worker answers from a
 * consistent point), a query task carrying the full history goes to the workflow's task queue and the caller
 * waits for RespondQueryTaskCompleted. Queries are read-only and never written to history.
 */
@ApplicationScoped
public class QueryWorkflowHandler {

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final TaskQueueManager matching;
    private final DataPlaneConfig config;
    private final Map<String, PendingQuery> pending = new ConcurrentHashMap<>();

    private record PendingQuery(ExecutionKey key, WorkflowQuery query, String workflowType, String taskQueue,
                                CompletableFuture<RespondQueryTaskCompletedRequest> result) {
    }

    private record Snapshot(WorkflowExecutionStatus status, boolean taskInFlight, boolean hadWorkflowTask,
                            String workflowType, String taskQueue) {
    }

    public QueryWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces, TaskQueueManager matching,
                                DataPlaneConfig config) {
        this.manager = manager;
        this.namespaces = namespaces;
        this.matching = matching;
        this.config = config;
    }

    public CompletableFuture<QueryWorkflowResponse> query(QueryWorkflowRequest request, long deadlineMillis) {
        Namespace ns = namespaces.byName(request.getNamespace());
        Executions.nonEmpty(request.getQuery().getQueryType(), "QueryType");
        return Executions.resolve(manager, ns, request.getExecution())
                .thenCompose(key -> whenQueryable(key, request, deadlineMillis));
    }

    private CompletableFuture<QueryWorkflowResponse> whenQueryable(ExecutionKey key, QueryWorkflowRequest request,
                                                                   long deadlineMillis) {
        return manager.update(key, ctx -> new Snapshot(ctx.state().statusEnum(), ctx.state().hasStartedWorkflowTask(),
                ctx.state().previousStartedEventId > 0, ctx.state().info.workflowType, ctx.state().info.taskQueue))
                .thenCompose(s -> {
                    if (s.status() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING && rejects(request, s)) {
                        return CompletableFuture.completedFuture(QueryWorkflowResponse.newBuilder()
                                .setQueryRejected(QueryRejected.newBuilder().setStatus(s.status())).build());
                    }
                    boolean running = s.status() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
                    if (running && (s.taskInFlight() || !s.hadWorkflowTask())) {
                        long remaining = deadlineMillis - System.currentTimeMillis();
                        if (remaining <= 0) {
                            throw Errors.deadlineExceeded("Query timed out: the workflow task in flight did not "
                                    + "complete before the query deadline.");
                        }
                        return manager.awaitChange(key, Math.min(remaining, 1000))
                                .thenCompose(v -> whenQueryable(key, request, deadlineMillis));
                    }
                    return dispatch(key, request.getQuery(), s, deadlineMillis);
                });
    }

    private static boolean rejects(QueryWorkflowRequest request, Snapshot s) {
        return request.getQueryRejectCondition() == QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_OPEN
                || (request.getQueryRejectCondition() == QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_COMPLETED_CLEANLY
                && s.status() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }

    private CompletableFuture<QueryWorkflowResponse> dispatch(ExecutionKey key, WorkflowQuery query, Snapshot s,
                                                              long deadlineMillis) {
        String queryId = io.cadenza.dataplane.common.Ids.uuid();
        PendingQuery q = new PendingQuery(key, query, s.workflowType(), s.taskQueue(), new CompletableFuture<>());
        pending.put(queryId, q);
        matching.offer(MatchingTask.query(key, s.taskQueue(), queryId));
        long timeout = Math.max(1, deadlineMillis - System.currentTimeMillis());
        return q.result().orTimeout(timeout, TimeUnit.MILLISECONDS)
                .handle((answer, error) -> {
                    pending.remove(queryId);
                    if (error != null) {
                        throw Errors.deadlineExceeded("Query was not answered in time: no worker is polling task "
                                + "queue " + s.taskQueue() + ", or the worker is busy.");
                    }
                    if (answer.getCompletedType() == QueryResultType.QUERY_RESULT_TYPE_ANSWERED) {
                        return QueryWorkflowResponse.newBuilder().setQueryResult(answer.getQueryResult()).build();
                    }
                    throw Errors.queryFailed(answer.getErrorMessage(), answer.hasFailure() ? answer.getFailure() : null);
                });
    }

    /** Answers a poll that took a query pointer; null when the query is already gone. */
    CompletableFuture<PollWorkflowTaskQueueResponse> queryTask(Namespace ns, MatchingTask task) {
        PendingQuery q = pending.get(task.queryId());
        if (q == null || q.result().isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        ExecutionKey key = q.key();
        return manager.update(key, ctx -> new long[]{ctx.state().nextEventId, ctx.state().previousStartedEventId})
                .thenCompose(ids -> HistoryPages.committed(manager, key, 1, ids[0], config.historyPageSize())
                        .thenApply(page -> PollWorkflowTaskQueueResponse.newBuilder()
                                .setTaskToken(new TaskToken(TaskToken.Kind.QUERY, ns.id(), key.workflowId(),
                                        key.runId(), 0, 0, task.queryId()).encode())
                                .setWorkflowExecution(WorkflowExecution.newBuilder()
                                        .setWorkflowId(key.workflowId()).setRunId(key.runId()))
                                .setWorkflowType(WorkflowType.newBuilder().setName(q.workflowType()))
                                .setQuery(q.query())
                                .setPreviousStartedEventId(ids[1])
                                .setStartedEventId(0)
                                .setHistory(History.newBuilder().addAllEvents(page.events()))
                                .setNextPageToken(page.nextPageToken())
                                .setWorkflowExecutionTaskQueue(TaskQueue.newBuilder().setName(q.taskQueue())
                                        .setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                                .build()));
    }

    public void completed(RespondQueryTaskCompletedRequest request) {
        TaskToken token = TaskToken.decode(request.getTaskToken(), TaskToken.Kind.QUERY);
        PendingQuery q = pending.get(token.startToken());
        if (q == null) {
            throw Errors.notFound("Query not found: it was already answered or timed out.");
        }
        q.result().complete(request);
    }
}
