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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * QueryWorkflow as a direct query task: once no workflow task is in flight (so the worker answers from a
 * consistent point), a query task goes to a worker and the caller waits for RespondQueryTaskCompleted. Queries are
 * read-only and never written to history.
 *
 * <p>As in Temporal, a run whose worker holds it in its sticky cache (no workflow task pending, its sticky queue
 * polled within {@link #STICKY_WORKER_WINDOW_MILLIS}) is queried on that sticky queue with no history: the worker
 * answers from its cached state (or, if it evicted the run, fetches the history itself). That skips the backlog
 * of the shared queue and a full replay. If the sticky worker does not take the query within the run's sticky
 * schedule-to-start timeout, it goes to the workflow's queue with the full history, which any worker can answer.
 */
@ApplicationScoped
public class QueryWorkflowHandler {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(QueryWorkflowHandler.class);

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final TaskQueueManager matching;
    private final DataPlaneConfig config;
    private final Map<String, PendingQuery> pending = new ConcurrentHashMap<>();

    /** A sticky queue not polled for this long has no live worker behind it (Temporal uses the same window). */
    static final long STICKY_WORKER_WINDOW_MILLIS = 10_000;

    /** {@code taken}: a worker took one of the query's pointers, so another (sticky, then normal) is stale. */
    private record PendingQuery(ExecutionKey key, WorkflowQuery query, String workflowType, String taskQueue,
                                CompletableFuture<RespondQueryTaskCompletedRequest> result,
                                java.util.concurrent.atomic.AtomicBoolean taken) {
    }

    /** {@code stickyQueue}: the sticky queue to query on, null when the run has none or a task is pending. */
    private record Snapshot(WorkflowExecutionStatus status, boolean taskInFlight, boolean hadWorkflowTask,
                            String workflowType, String taskQueue, String stickyQueue, long stickyTimeoutMillis) {
    }

    private final io.cadenza.dataplane.metering.UsageOutbox usage;

    public QueryWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces, TaskQueueManager matching,
                                DataPlaneConfig config, io.cadenza.dataplane.metering.UsageOutbox usage) {
        this.usage = usage;
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
        return manager.update(key, ctx -> {
                    var state = ctx.state();
                    String sticky = state.isRunning() && state.workflowTask == null && state.stickyQueue != null
                            && matching.polledSince(new TaskQueueManager.QueueId(key.namespaceId(), state.stickyQueue,
                            TaskQueueManager.Type.WORKFLOW), System.currentTimeMillis() - STICKY_WORKER_WINDOW_MILLIS)
                            ? state.stickyQueue : null;
                    return new Snapshot(state.statusEnum(), state.hasStartedWorkflowTask(),
                            state.previousStartedEventId > 0, state.info.workflowType, state.info.taskQueue, sticky,
                            state.stickyScheduleToStartMillis);
                })
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
                    return dispatch(key, request.getNamespace(), request.getQuery(), s, deadlineMillis);
                });
    }

    private static boolean rejects(QueryWorkflowRequest request, Snapshot s) {
        return request.getQueryRejectCondition() == QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_OPEN
                || (request.getQueryRejectCondition() == QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_COMPLETED_CLEANLY
                && s.status() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }

    private CompletableFuture<QueryWorkflowResponse> dispatch(ExecutionKey key, String namespace, WorkflowQuery query,
                                                              Snapshot s,
                                                              long deadlineMillis) {
        String queryId = io.cadenza.dataplane.common.Ids.uuid();
        PendingQuery q = new PendingQuery(key, query, s.workflowType(), s.taskQueue(), new CompletableFuture<>(),
                new java.util.concurrent.atomic.AtomicBoolean());
        pending.put(queryId, q);
        if (s.stickyQueue() == null) {
            matching.offer(MatchingTask.query(key, s.taskQueue(), queryId));
        } else {
            matching.offer(MatchingTask.query(key, s.stickyQueue(), queryId));
            long fallbackAfter = s.stickyTimeoutMillis() > 0 ? s.stickyTimeoutMillis() : 5_000;
            CompletableFuture.delayedExecutor(fallbackAfter, TimeUnit.MILLISECONDS).execute(() -> {
                if (!q.taken().get() && !q.result().isDone()) {
                    // The sticky worker is gone or stuck: any worker of the workflow's queue can answer.
                    matching.offer(MatchingTask.query(key, s.taskQueue(), queryId));
                }
            });
        }
        long timeout = Math.max(1, deadlineMillis - System.currentTimeMillis());
        return q.result().orTimeout(timeout, TimeUnit.MILLISECONDS)
                .handle((answer, error) -> {
                    pending.remove(queryId);
                    if (error != null) {
                        throw Errors.deadlineExceeded("Query was not answered in time: no worker is polling task "
                                + "queue " + s.taskQueue() + ", or the worker is busy.");
                    }
                    return answer;
                })
                // A query a worker answered (with a result or a failure) is billed once it has answered.
                .thenCompose(answer -> usage.write(List.of(io.cadenza.dataplane.metering.ActionCounter.query(
                                new ExecutionKey(namespace, key.workflowId(), key.runId()), queryId,
                                System.currentTimeMillis())))
                        .handle((v, meteringError) -> {
                            if (meteringError != null) {
                                LOG.warnf("query %s of %s answered but not metered: %s", queryId, key,
                                        meteringError.getMessage());
                            }
                            return answer;
                        }))
                .thenApply(answer -> {
                    if (answer.getCompletedType() == QueryResultType.QUERY_RESULT_TYPE_ANSWERED) {
                        return QueryWorkflowResponse.newBuilder().setQueryResult(answer.getQueryResult()).build();
                    }
                    throw Errors.queryFailed(answer.getErrorMessage(), answer.hasFailure() ? answer.getFailure() : null);
                });
    }

    /** Answers a poll that took a query pointer; null when the query is already gone. */
    CompletableFuture<PollWorkflowTaskQueueResponse> queryTask(Namespace ns, MatchingTask task) {
        PendingQuery q = pending.get(task.queryId());
        if (q == null || q.result().isDone() || !q.taken().compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        ExecutionKey key = q.key();
        // On the sticky queue no history (as Temporal sends): the worker holds the run, or fetches its history.
        boolean sticky = !task.taskQueue().equals(q.taskQueue());
        return manager.update(key, ctx -> new long[]{ctx.state().nextEventId, ctx.state().previousStartedEventId})
                .thenCompose(ids -> (sticky ? CompletableFuture.completedFuture(
                                new HistoryPages.Page(java.util.List.of(), com.google.protobuf.ByteString.EMPTY))
                                : HistoryPages.committed(manager, key, 1, ids[0], config.historyPageSize()))
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
