package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.TaskToken;
import io.cadenza.dataplane.execution.state.ExecutionView;
import io.cadenza.dataplane.matching.MatchingTask;
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
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * QueryWorkflow, with Temporal's consistency: a query that arrives while the run has a workflow task scheduled or
 * running is buffered and carried by that task (or the next), so it sees every event accepted before it
 * ({@link PendingQueries}); only a run with no workflow task outstanding (or a closed run) is queried with a query task
 * of its own, which a worker answers with RespondQueryTaskCompleted. Queries are read-only and never written.
 *
 * <p>As in Temporal, a run whose worker holds it in its sticky cache (its sticky queue polled within
 * {@link #STICKY_WORKER_WINDOW_MILLIS}) gets its own query task on that sticky queue with no history: the worker
 * answers from its cached state (or, if it evicted the run, fetches the history itself). That skips the backlog
 * of the shared queue and a full replay. If the sticky worker does not take the query within the run's sticky
 * schedule-to-start timeout, it goes to the workflow's queue with the full history, which any worker can answer.
 * A query task is handed out only if the run still has no workflow task outstanding when a worker polls it;
 * otherwise the query goes back to the buffer and rides on that task.
 */
@ApplicationScoped
public class QueryWorkflowHandler {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(QueryWorkflowHandler.class);

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final TaskQueueManager matching;
    private final DataPlaneConfig config;
    private final PendingQueries pending;
    private final io.cadenza.dataplane.metering.UsageOutbox usage;

    /** A sticky queue not polled for this long has no live worker behind it (Temporal uses the same window). */
    static final long STICKY_WORKER_WINDOW_MILLIS = 10_000;

    /** Longest wait between two looks at a run whose query waits (a commit wakes the query earlier). */
    private static final long RECHECK_MILLIS = 1_000;

    /** What a look at the run decided for a query. */
    private sealed interface Step {
    }

    /**
     * The query waits (buffered behind a workflow task, or out with a worker) until the run's next commit:
     * {@code changed} is registered inside the run's update, so no commit after the look goes unnoticed.
     */
    private record Wait(CompletableFuture<Void> changed) implements Step {
    }

    /** The run is closed and the caller's reject condition applies. */
    private record Rejected(WorkflowExecutionStatus status) implements Step {
    }

    /** No workflow task outstanding: the query goes to a worker as a task of its own. */
    private record Dispatch(String taskQueue, String stickyQueue, long stickyTimeoutMillis) implements Step {
    }

    private final InstantSource clock;

    public QueryWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces, TaskQueueManager matching,
                                DataPlaneConfig config, PendingQueries pending,
                                io.cadenza.dataplane.metering.UsageOutbox usage, InstantSource clock) {
        this.clock = clock;
        this.usage = usage;
        this.manager = manager;
        this.namespaces = namespaces;
        this.matching = matching;
        this.config = config;
        this.pending = pending;
    }

    public CompletableFuture<QueryWorkflowResponse> query(QueryWorkflowRequest request, long deadlineMillis) {
        Namespace ns = namespaces.byName(request.getNamespace());
        Executions.nonEmpty(request.getQuery().getQueryType(), "QueryType");
        return Executions.resolve(manager, ns, request.getExecution()).thenCompose(key -> {
            PendingQueries.Query q = pending.register(io.cadenza.dataplane.common.Ids.uuid(), key,
                    request.getQuery());
            return settle(q, request, deadlineMillis).whenComplete((r, e) -> pending.remove(q));
        });
    }

    /** Looks at the run, and dispatches, waits or answers until the query has its answer or the deadline passes. */
    private CompletableFuture<QueryWorkflowResponse> settle(PendingQueries.Query q, QueryWorkflowRequest request,
                                                            long deadlineMillis) {
        if (q.result.isDone()) {
            return metered(q, request.getNamespace()).thenApply(v -> response(q.result.join()));
        }
        long recheck = Math.max(1, Math.min(deadlineMillis - clock.millis(), RECHECK_MILLIS));
        return manager.read(q.key, s -> look(q, s, request, recheck)).thenCompose(step -> {
            if (step instanceof Rejected r) {
                return CompletableFuture.completedFuture(QueryWorkflowResponse.newBuilder()
                        .setQueryRejected(QueryRejected.newBuilder().setStatus(r.status())).build());
            }
            CompletableFuture<Void> changed;
            if (step instanceof Dispatch d) {
                dispatch(q, d);
                changed = manager.awaitChange(q.key, recheck);
            } else {
                changed = ((Wait) step).changed();
            }
            long remaining = deadlineMillis - clock.millis();
            if (remaining <= 0) {
                throw q.state == PendingQueries.State.BUFFERED || q.state == PendingQueries.State.ATTACHED
                        ? Errors.deadlineExceeded("Query timed out: the workflow task in flight did not complete "
                        + "before the query deadline (is a worker polling task queue " + q.taskQueue + "?).")
                        : Errors.deadlineExceeded("Query was not answered in time: no worker is polling task "
                        + "queue " + q.taskQueue + ", or the worker is busy.");
            }
            return CompletableFuture.anyOf(q.result, changed).thenCompose(v -> settle(q, request, deadlineMillis));
        });
    }

    /** Inside the run's update: where the query goes now. */
    private Step look(PendingQueries.Query q, ExecutionView state, QueryWorkflowRequest request, long recheck) {
        q.workflowType = state.info().workflowType;
        q.taskQueue = state.info().taskQueue;
        if (q.result.isDone() || q.state == PendingQueries.State.ATTACHED
                || q.state == PendingQueries.State.DISPATCHED || q.state == PendingQueries.State.TAKEN) {
            return new Wait(manager.awaitChange(q.key, recheck));
        }
        if (!state.isRunning()) {
            pending.unbuffer(q);
            if (rejects(request, state.statusEnum())) {
                return new Rejected(state.statusEnum());
            }
            return new Dispatch(state.info().taskQueue, null, 0);
        }
        if (state.pendingWorkflowTask() != null || state.previousStartedEventId() == 0) {
            // A workflow task is scheduled or running (or the first has not completed): ride on it.
            if (!pending.buffer(q)) {
                throw Errors.resourceExhausted("Too many queries (" + PendingQueries.MAX_BUFFERED_PER_RUN
                        + ") are waiting for this workflow's next workflow task; retry later.");
            }
            return new Wait(manager.awaitChange(q.key, recheck));
        }
        pending.unbuffer(q);
        q.state = PendingQueries.State.DISPATCHED;
        String sticky = state.stickyQueue() != null && matching.polledSince(new TaskQueueManager.QueueId(
                q.key.namespaceId(), state.stickyQueue(), TaskQueueManager.Type.WORKFLOW),
                clock.millis() - STICKY_WORKER_WINDOW_MILLIS) ? state.stickyQueue() : null;
        return new Dispatch(state.info().taskQueue, sticky, state.stickyScheduleToStartMillis());
    }

    private static boolean rejects(QueryWorkflowRequest request, WorkflowExecutionStatus status) {
        return request.getQueryRejectCondition() == QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_OPEN
                || (request.getQueryRejectCondition() == QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_COMPLETED_CLEANLY
                && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }

    private void dispatch(PendingQueries.Query q, Dispatch d) {
        q.state = PendingQueries.State.DISPATCHED;
        if (d.stickyQueue() == null) {
            matching.offer(MatchingTask.query(q.key, d.taskQueue(), q.id));
            return;
        }
        matching.offer(MatchingTask.query(q.key, d.stickyQueue(), q.id));
        long fallbackAfter = d.stickyTimeoutMillis() > 0 ? d.stickyTimeoutMillis() : 5_000;
        CompletableFuture.delayedExecutor(fallbackAfter, TimeUnit.MILLISECONDS).execute(() -> {
            if (q.state == PendingQueries.State.DISPATCHED && !q.result.isDone()) {
                // The sticky worker is gone or stuck: any worker of the workflow's queue can answer.
                matching.offer(MatchingTask.query(q.key, d.taskQueue(), q.id));
            }
        });
    }

    /** A query a worker answered (with a result or a failure) is billed once it has answered. */
    private CompletableFuture<Void> metered(PendingQueries.Query q, String namespace) {
        return usage.write(List.of(io.cadenza.dataplane.metering.ActionCounter.query(
                        new ExecutionKey(namespace, q.key.workflowId(), q.key.runId()), q.id,
                        clock.millis()))).toCompletableFuture()
                .handle((v, meteringError) -> {
                    if (meteringError != null) {
                        LOG.warnf("query %s of %s answered but not metered: %s", q.id, q.key,
                                meteringError.getMessage());
                    }
                    return null;
                });
    }

    private static QueryWorkflowResponse response(RespondQueryTaskCompletedRequest answer) {
        if (answer.getCompletedType() == QueryResultType.QUERY_RESULT_TYPE_ANSWERED) {
            return QueryWorkflowResponse.newBuilder().setQueryResult(answer.getQueryResult()).build();
        }
        throw Errors.queryFailed(answer.getErrorMessage(), answer.hasFailure() ? answer.getFailure() : null);
    }

    /**
     * Answers a poll that took a query pointer; null when the pointer is stale (the query was answered, timed out,
     * or already taken) or when the run has a workflow task outstanding by now: then the query goes back to the
     * buffer and rides on that task, so the worker never sees events that a pending workflow task will deliver.
     */
    CompletableFuture<PollWorkflowTaskQueueResponse> queryTask(Namespace ns, MatchingTask task) {
        PendingQueries.Query q = pending.byId(task.queryId());
        if (q == null || q.result.isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        ExecutionKey key = q.key;
        return manager.read(key, s -> {
            if (q.state != PendingQueries.State.DISPATCHED || q.result.isDone()) {
                return null;
            }
            if (s.isRunning() && s.pendingWorkflowTask() != null) {
                pending.buffer(q);
                return null;
            }
            q.state = PendingQueries.State.TAKEN;
            return new long[]{s.nextEventId(), s.previousStartedEventId()};
        }).thenCompose(ids -> {
            if (ids == null) {
                return CompletableFuture.completedFuture(null);
            }
            // On the sticky queue no history (as Temporal sends): the worker holds the run, or fetches its history.
            boolean sticky = !task.taskQueue().equals(q.taskQueue);
            return (sticky ? CompletableFuture.completedFuture(
                    new HistoryPages.Page(java.util.List.of(), com.google.protobuf.ByteString.EMPTY))
                    : HistoryPages.committed(manager, key, 1, ids[0], config.historyPageSize()))
                    .thenApply(page -> PollWorkflowTaskQueueResponse.newBuilder()
                            .setTaskToken(new TaskToken(TaskToken.Kind.QUERY, ns.id(), key.workflowId(),
                                    key.runId(), 0, 0, task.queryId()).encode())
                            .setWorkflowExecution(WorkflowExecution.newBuilder()
                                    .setWorkflowId(key.workflowId()).setRunId(key.runId()))
                            .setWorkflowType(WorkflowType.newBuilder().setName(q.workflowType))
                            .setQuery(q.query)
                            .setPreviousStartedEventId(ids[1])
                            .setStartedEventId(0)
                            .setHistory(History.newBuilder().addAllEvents(page.events()))
                            .setNextPageToken(page.nextPageToken())
                            .setWorkflowExecutionTaskQueue(TaskQueue.newBuilder().setName(q.taskQueue)
                                    .setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                            .build());
        });
    }

    /**
     * The run's workflow task {@code startToken} starts: the buffered queries it carries, by query id (called
     * inside the run's update).
     */
    public Map<String, WorkflowQuery> carriedBy(ExecutionKey key, String startToken) {
        Map<String, WorkflowQuery> carried = new java.util.LinkedHashMap<>();
        for (PendingQueries.Query q : pending.attach(key, startToken)) {
            carried.put(q.id, q.query);
        }
        return carried;
    }

    /**
     * The workflow task {@code startToken} completed with {@code results} (inside the run's update): what to tell
     * the callers once the completion is committed. Carried queries it did not answer wait for the next task.
     */
    public Runnable answeredBy(ExecutionKey key, String startToken,
                               Map<String, io.temporal.api.query.v1.WorkflowQueryResult> results) {
        List<PendingQueries.Answer> answers = pending.answered(key, startToken, results);
        return () -> answers.forEach(PendingQueries.Answer::complete);
    }

    public void completed(RespondQueryTaskCompletedRequest request) {
        TaskToken token = TaskToken.decode(request.getTaskToken(), TaskToken.Kind.QUERY);
        PendingQueries.Query q = pending.byId(token.startToken());
        if (q == null || q.state != PendingQueries.State.TAKEN) {
            throw Errors.notFound("Query not found: it was already answered or timed out.");
        }
        q.result.complete(request);
    }
}
