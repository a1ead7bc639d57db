package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.TaskToken;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.workflowtask.WorkflowTaskCompletion;
import io.cadenza.dataplane.execution.workflowtask.WorkflowTaskInfo;
import io.cadenza.dataplane.execution.workflowtask.WorkflowTaskTransitions;
import io.cadenza.dataplane.matching.MatchingTask;
import io.cadenza.dataplane.matching.TaskQueueManager;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.ResetStickyTaskQueueRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskFailedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * PollWorkflowTaskQueue, RespondWorkflowTaskCompleted/Failed, ResetStickyTaskQueue and ShutdownWorker. A poll
 * takes task pointers from matching until one is still due, starts it, and answers with the history the worker
 * needs: everything for a normal queue, only what is new since the worker's last task for its sticky queue.
 */
@ApplicationScoped
public class WorkflowTaskHandler {

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final TaskQueueManager matching;
    private final QueryWorkflowHandler queries;
    private final ActivityTaskHandler activities;
    private final DataPlaneConfig config;

    private final InstantSource clock;

    public WorkflowTaskHandler(ExecutionManager manager, NamespaceRegistry namespaces, TaskQueueManager matching,
                               QueryWorkflowHandler queries, ActivityTaskHandler activities, DataPlaneConfig config,
                               InstantSource clock) {
        this.clock = clock;
        this.manager = manager;
        this.namespaces = namespaces;
        this.matching = matching;
        this.queries = queries;
        this.activities = activities;
        this.config = config;
    }

    private record StartedTask(List<HistoryEvent> tail, String token, long previousStartedEventId, int attempt,
                               long scheduledTimeMillis, String workflowType, String taskQueue, boolean sticky,
                               long historyFrom, List<io.temporal.api.protocol.v1.Message> messages,
                               java.util.Map<String, io.temporal.api.query.v1.WorkflowQuery> queries) {
    }

    public CompletableFuture<PollWorkflowTaskQueueResponse> poll(PollWorkflowTaskQueueRequest request,
                                                                 long deadlineMillis,
                                                                 io.cadenza.dataplane.matching.PollScope scope) {
        Namespace ns = namespaces.byName(request.getNamespace());
        Executions.nonEmpty(request.getTaskQueue().getName(), "TaskQueue");
        TaskQueueManager.QueueId queue = new TaskQueueManager.QueueId(ns.id(), request.getTaskQueue().getName(),
                TaskQueueManager.Type.WORKFLOW);
        if (request.getTaskQueue().getKind() != TaskQueueKind.TASK_QUEUE_KIND_STICKY) {
            matching.recordPoller(queue, request.getIdentity(), clock.millis());
        } else {
            // Sticky queues are per worker process: folded into the worker polling the normal queue.
            matching.recordStickyPoller(queue, request.getTaskQueue().getNormalName(), request.getIdentity(),
                    clock.millis());
        }
        return pollLoop(ns, queue, request.getIdentity(), deadlineMillis, scope);
    }

    private CompletableFuture<PollWorkflowTaskQueueResponse> pollLoop(Namespace ns, TaskQueueManager.QueueId queue,
                                                                      String identity, long deadlineMillis,
                                                                      io.cadenza.dataplane.matching.PollScope scope) {
        long remaining = deadlineMillis - clock.millis();
        if (remaining <= 0 || scope.isCancelled()) {
            return CompletableFuture.completedFuture(PollWorkflowTaskQueueResponse.getDefaultInstance());
        }
        return matching.poll(queue, remaining, scope).thenCompose(task -> {
            if (task == null || !namespaces.isActive(ns.id())) {
                // Nothing came, or the namespace was deleted while this poll was parked: no task for it.
                return CompletableFuture.completedFuture(PollWorkflowTaskQueueResponse.getDefaultInstance());
            }
            CompletableFuture<PollWorkflowTaskQueueResponse> answer = task.kind() == MatchingTask.Kind.QUERY
                    ? queries.queryTask(ns, task)
                    : startTask(ns, task, identity);
            return answer.exceptionally(e -> null).thenCompose(response -> response != null
                    ? CompletableFuture.completedFuture(response)
                    : pollLoop(ns, queue, identity, deadlineMillis, scope));
        });
    }

    /** Starts the task if it is still due; completes with null for a stale pointer. */
    private CompletableFuture<PollWorkflowTaskQueueResponse> startTask(Namespace ns, MatchingTask task,
                                                                       String identity) {
        return start(ns, task.key(), identity, wt -> wt.scheduledEventId == task.scheduledEventId()
                && wt.attempt == task.attempt() && wt.taskQueue.equals(task.taskQueue()));
    }

    /**
     * Starts the run's scheduled workflow task right away for the caller (eager workflow start, or a completion
     * that asked for its next task); null when there is none to start. The pointer in matching goes stale.
     */
    CompletableFuture<PollWorkflowTaskQueueResponse> startNow(Namespace ns, ExecutionKey key, String identity) {
        return start(ns, key, identity, wt -> true);
    }

    private CompletableFuture<PollWorkflowTaskQueueResponse> start(Namespace ns, ExecutionKey key, String identity,
                                                                   java.util.function.Predicate<WorkflowTaskInfo> due) {
        return manager.update(key, ctx -> {
            MutableState s = ctx.state();
            WorkflowTaskInfo wt = s.workflowTask;
            if (!s.isRunning() || wt == null || wt.isStarted() || !due.test(wt)) {
                return null;
            }
            List<HistoryEvent> tail = WorkflowTaskTransitions.start(ctx, identity, null);
            long from = wt.sticky ? s.previousStartedEventId + 1 : 1;
            var messages = io.cadenza.dataplane.execution.update.UpdateTransitions.deliver(s, wt.startToken,
                    wt.scheduledEventId);
            return new StartedTask(tail, wt.startToken, s.previousStartedEventId, wt.attempt,
                    wt.scheduledTimeMillis, s.info.workflowType, s.info.taskQueue, wt.sticky, from, messages,
                    queries.carriedBy(key, wt.startToken));
        }).thenCompose(started -> started == null ? CompletableFuture.completedFuture(null)
                : respond(ns, key, started));
    }

    private CompletableFuture<PollWorkflowTaskQueueResponse> respond(Namespace ns, ExecutionKey key, StartedTask t) {
        HistoryEvent started = t.tail().get(t.tail().size() - 1);
        long startedId = started.getEventId();
        TaskToken token = new TaskToken(TaskToken.Kind.WORKFLOW, ns.id(), key.workflowId(), key.runId(),
                started.getWorkflowTaskStartedEventAttributes().getScheduledEventId(), t.attempt(), t.token());
        return HistoryPages.page(manager, key, t.historyFrom(), t.tail(), config.historyPageSize())
                .thenApply(page -> PollWorkflowTaskQueueResponse.newBuilder()
                        .setTaskToken(token.encode())
                        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(key.workflowId())
                                .setRunId(key.runId()))
                        .setWorkflowType(WorkflowType.newBuilder().setName(t.workflowType()))
                        .setPreviousStartedEventId(t.previousStartedEventId())
                        .setStartedEventId(startedId)
                        .setAttempt(t.attempt())
                        .setHistory(History.newBuilder().addAllEvents(page.events()))
                        .setNextPageToken(page.nextPageToken())
                        .setWorkflowExecutionTaskQueue(TaskQueue.newBuilder().setName(t.taskQueue())
                                .setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                        .setScheduledTime(io.cadenza.dataplane.common.Protos.timestamp(t.scheduledTimeMillis()))
                        .setStartedTime(started.getEventTime())
                        .addAllMessages(t.messages())
                        .putAllQueries(t.queries())
                        .build());
    }

    public CompletableFuture<RespondWorkflowTaskCompletedResponse> complete(RespondWorkflowTaskCompletedRequest request) {
        TaskToken token = TaskToken.decode(request.getTaskToken(), TaskToken.Kind.WORKFLOW);
        Namespace ns = namespaces.byId(token.namespaceId());
        record Outcome(WorkflowTaskCompletion.Result result, List<ActivityInfo> eager, List<String> tokens,
                       String workflowType, Runnable answerQueries) {
        }
        return manager.update(token.key(), ctx -> {
            requireStarted(ctx.state(), token);
            WorkflowTaskCompletion.Result result = WorkflowTaskCompletion.apply(ctx, request);
            // Queries the task carried: answered ones are told after the commit, the rest wait for the next task.
            Runnable answerQueries = queries.answeredBy(token.key(), token.startToken(),
                    request.getQueryResultsMap());
            List<String> startTokens = new ArrayList<>();
            for (ActivityInfo a : result.eagerActivities()) {
                startTokens.add(io.cadenza.dataplane.execution.activity.ActivityTransitions.start(
                        ctx, a, request.getIdentity(), null));
            }
            return new Outcome(result, result.eagerActivities(), startTokens, ctx.state().info.workflowType,
                    answerQueries);
        }).thenCompose(outcome -> {
            outcome.answerQueries().run();
            if (outcome.result().failed()) {
                throw Errors.invalidArgument(outcome.result().failureMessage());
            }
            RespondWorkflowTaskCompletedResponse.Builder response = RespondWorkflowTaskCompletedResponse.newBuilder();
            for (int i = 0; i < outcome.eager().size(); i++) {
                response.addActivityTasks(activities.activityTask(ns, token.key(), outcome.eager().get(i),
                        outcome.tokens().get(i), outcome.workflowType()));
            }
            if (!request.getReturnNewWorkflowTask()) {
                return CompletableFuture.completedFuture(response.build());
            }
            // The worker asked for its next task in the reply (it still holds the run in its cache).
            return startNow(ns, token.key(), request.getIdentity()).thenApply(next -> {
                if (next != null) {
                    response.setWorkflowTask(next);
                }
                return response.build();
            });
        });
    }

    public CompletableFuture<Void> fail(RespondWorkflowTaskFailedRequest request) {
        TaskToken token = TaskToken.decode(request.getTaskToken(), TaskToken.Kind.WORKFLOW);
        return manager.update(token.key(), ctx -> {
            requireStarted(ctx.state(), token);
            WorkflowTaskTransitions.fail(ctx, request.getCause(), request.hasFailure() ? request.getFailure() : null,
                    request.getIdentity());
            return null;
        });
    }

    /** ResetStickyTaskQueue: the worker dropped its cached copy, so the next task goes to the normal queue. */
    public CompletableFuture<Void> resetSticky(ResetStickyTaskQueueRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        return Executions.resolve(manager, ns, request.getExecution()).thenCompose(key -> manager.update(key, ctx -> {
            MutableState s = ctx.state();
            if (s.stickyQueue != null) {
                s.stickyQueue = null;
                ctx.markChanged();
                if (s.workflowTask != null && !s.workflowTask.isStarted() && s.workflowTask.sticky) {
                    WorkflowTaskTransitions.moveToNormalQueue(ctx);
                }
            }
            return null;
        }));
    }

    /** ShutdownWorker: tasks waiting on the worker's sticky queue move to the normal queue right away. */
    public CompletableFuture<Void> shutdownWorker(String namespace, String stickyQueue) {
        Namespace ns = namespaces.byName(namespace);
        if (stickyQueue == null || stickyQueue.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        TaskQueueManager.QueueId sticky = new TaskQueueManager.QueueId(ns.id(), stickyQueue,
                TaskQueueManager.Type.WORKFLOW);
        matching.closeStickyQueue(sticky);
        List<MatchingTask> stranded = matching.drop(sticky);
        List<CompletableFuture<Void>> moves = new ArrayList<>();
        for (MatchingTask task : stranded) {
            moves.add(manager.update(task.key(), ctx -> {
                WorkflowTaskInfo wt = ctx.state().workflowTask;
                if (ctx.state().isRunning() && wt != null && !wt.isStarted() && wt.sticky
                        && wt.taskQueue.equals(stickyQueue)) {
                    WorkflowTaskTransitions.moveToNormalQueue(ctx);
                }
                return (Void) null;
            }).exceptionally(e -> null));
        }
        return CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new));
    }

    private static void requireStarted(MutableState s, TaskToken token) {
        WorkflowTaskInfo wt = s.workflowTask;
        if (!s.isRunning() || wt == null || !wt.isStarted() || wt.scheduledEventId != token.scheduledEventId()
                || !wt.startToken.equals(token.startToken())) {
            throw Errors.notFound("Workflow task not found: it timed out, was completed, or the workflow closed.");
        }
    }
}
