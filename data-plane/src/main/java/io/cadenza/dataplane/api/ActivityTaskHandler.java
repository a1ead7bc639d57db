package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.TaskToken;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.activity.ActivityState;
import io.cadenza.dataplane.execution.activity.ActivityTransitions;
import io.cadenza.dataplane.matching.MatchingTask;
import io.cadenza.dataplane.matching.TaskQueueManager;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * PollActivityTaskQueue and the activity outcome RPCs (by task token and by activity id), plus heartbeats,
 * whose response carries a pending cancellation request to the worker.
 */
@ApplicationScoped
public class ActivityTaskHandler {

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final TaskQueueManager matching;
    private final StandaloneActivityTasks standalone;

    private final InstantSource clock;

    public ActivityTaskHandler(ExecutionManager manager, NamespaceRegistry namespaces, TaskQueueManager matching,
                               StandaloneActivityTasks standalone, InstantSource clock) {
        this.clock = clock;
        this.standalone = standalone;
        this.manager = manager;
        this.namespaces = namespaces;
        this.matching = matching;
    }

    private record Started(ActivityInfo activity, String startToken, String workflowType) {
    }

    public CompletableFuture<PollActivityTaskQueueResponse> poll(PollActivityTaskQueueRequest request,
                                                                 long deadlineMillis,
                                                                 io.cadenza.dataplane.matching.PollScope scope) {
        Namespace ns = namespaces.byName(request.getNamespace());
        Executions.nonEmpty(request.getTaskQueue().getName(), "TaskQueue");
        TaskQueueManager.QueueId queue = new TaskQueueManager.QueueId(ns.id(), request.getTaskQueue().getName(),
                TaskQueueManager.Type.ACTIVITY);
        matching.recordPoller(queue, request.getIdentity(), clock.millis(),
                request.getTaskQueueMetadata().hasMaxTasksPerSecond()
                        ? request.getTaskQueueMetadata().getMaxTasksPerSecond().getValue() : 0);
        return pollLoop(ns, queue, request.getIdentity(), deadlineMillis, scope);
    }

    private CompletableFuture<PollActivityTaskQueueResponse> pollLoop(Namespace ns, TaskQueueManager.QueueId queue,
                                                                      String identity, long deadlineMillis,
                                                                      io.cadenza.dataplane.matching.PollScope scope) {
        long remaining = deadlineMillis - clock.millis();
        if (remaining <= 0 || scope.isCancelled()) {
            return CompletableFuture.completedFuture(PollActivityTaskQueueResponse.getDefaultInstance());
        }
        return matching.poll(queue, remaining, scope).thenCompose(task -> {
            if (task == null || !namespaces.isActive(ns.id())) {
                // Nothing came, or the namespace was deleted while this poll was parked: no task for it.
                return CompletableFuture.completedFuture(PollActivityTaskQueueResponse.getDefaultInstance());
            }
            CompletableFuture<PollActivityTaskQueueResponse> started =
                    task.kind() == MatchingTask.Kind.STANDALONE_ACTIVITY ? standalone.start(ns, task, identity)
                            : start(ns, task, identity);
            return started.exceptionally(e -> null).thenCompose(r -> r != null
                    ? CompletableFuture.completedFuture(r)
                    : pollLoop(ns, queue, identity, deadlineMillis, scope));
        });
    }

    private CompletableFuture<PollActivityTaskQueueResponse> start(Namespace ns, MatchingTask task, String identity) {
        return manager.update(task.key(), ctx -> {
            ActivityInfo a = ctx.state().activities.get(task.scheduledEventId());
            if (!ctx.state().isRunning() || a == null || a.state != ActivityState.SCHEDULED
                    || a.attempt != task.attempt()) {
                return null;
            }
            String startToken = ActivityTransitions.start(ctx, a, identity, null);
            return new Started(a, startToken, ctx.state().info.workflowType);
        }).thenApply(s -> s == null ? null : activityTask(ns, task.key(), s.activity(), s.startToken(),
                s.workflowType()));
    }

    /** The task a worker gets for a started activity (from a poll, or eagerly with a workflow task reply). */
    PollActivityTaskQueueResponse activityTask(Namespace ns, ExecutionKey key, ActivityInfo a, String startToken,
                                               String workflowType) {
        ActivityTaskScheduledEventAttributes attrs = a.attributes();
        TaskToken token = new TaskToken(TaskToken.Kind.ACTIVITY, ns.id(), key.workflowId(), key.runId(),
                a.scheduledEventId, a.attempt, startToken);
        PollActivityTaskQueueResponse.Builder r = PollActivityTaskQueueResponse.newBuilder()
                .setTaskToken(token.encode())
                .setWorkflowNamespace(ns.name())
                .setWorkflowType(WorkflowType.newBuilder().setName(workflowType))
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(key.workflowId())
                        .setRunId(key.runId()))
                .setActivityType(attrs.getActivityType())
                .setActivityId(attrs.getActivityId())
                .setHeader(attrs.getHeader())
                .setInput(attrs.getInput())
                .setHeartbeatDetails(ActivityTransitions.heartbeatDetails(a))
                .setScheduledTime(Protos.timestamp(a.firstScheduledTimeMillis))
                .setCurrentAttemptScheduledTime(Protos.timestamp(a.attemptScheduledTimeMillis))
                .setStartedTime(Protos.timestamp(a.startedTimeMillis))
                .setAttempt(a.attempt)
                .setScheduleToCloseTimeout(attrs.getScheduleToCloseTimeout())
                .setStartToCloseTimeout(attrs.getStartToCloseTimeout())
                .setHeartbeatTimeout(attrs.getHeartbeatTimeout())
                .setRetryPolicy(attrs.getRetryPolicy());
        if (attrs.hasPriority()) {
            r.setPriority(attrs.getPriority());
        }
        return r.build();
    }

    // ---- outcomes by task token ----

    public CompletableFuture<Void> completed(com.google.protobuf.ByteString taskToken, Payloads result,
                                             String identity) {
        TaskToken token = TaskToken.decodeActivity(taskToken);
        if (token.kind() == TaskToken.Kind.STANDALONE_ACTIVITY) {
            return standalone.completed(token, result, identity);
        }
        return withStarted(taskToken, (ctx, a) -> ActivityTransitions.complete(ctx, a, result, identity));
    }

    public CompletableFuture<Void> failed(com.google.protobuf.ByteString taskToken, Failure failure,
                                          Payloads lastHeartbeatDetails, String identity) {
        TaskToken token = TaskToken.decodeActivity(taskToken);
        if (token.kind() == TaskToken.Kind.STANDALONE_ACTIVITY) {
            return standalone.failed(token, failure, lastHeartbeatDetails, identity);
        }
        return withStarted(taskToken, (ctx, a) -> ActivityTransitions.fail(ctx, a, failure, lastHeartbeatDetails,
                identity));
    }

    public CompletableFuture<Void> canceled(com.google.protobuf.ByteString taskToken, Payloads details,
                                            String identity) {
        TaskToken token = TaskToken.decodeActivity(taskToken);
        if (token.kind() == TaskToken.Kind.STANDALONE_ACTIVITY) {
            return standalone.canceled(token, details, identity);
        }
        return withStarted(taskToken, (ctx, a) -> ActivityTransitions.canceled(ctx, a, details, identity));
    }

    /** Records a heartbeat; completes with whether cancellation of the activity was requested. */
    public CompletableFuture<Boolean> heartbeat(com.google.protobuf.ByteString taskToken, Payloads details) {
        TaskToken token = TaskToken.decodeActivity(taskToken);
        if (token.kind() == TaskToken.Kind.STANDALONE_ACTIVITY) {
            return standalone.heartbeat(token, details);
        }
        return manager.update(token.key(), ctx -> {
            ActivityInfo a = requireStarted(ctx, token.scheduledEventId(), token.attempt(), token.startToken());
            ActivityTransitions.heartbeat(ctx, a, details);
            return a.cancelRequested;
        });
    }

    // ---- outcomes by activity id ----

    public CompletableFuture<Void> completedById(String namespace, String workflowId, String runId, String activityId,
                                                 Payloads result, String identity) {
        if (workflowId == null || workflowId.isEmpty()) {
            return standalone.completedById(namespace, runId, activityId, result, identity);
        }
        return withStartedById(namespace, workflowId, runId, activityId,
                (ctx, a) -> ActivityTransitions.complete(ctx, a, result, identity));
    }

    public CompletableFuture<Void> failedById(String namespace, String workflowId, String runId, String activityId,
                                              Failure failure, Payloads lastHeartbeatDetails, String identity) {
        if (workflowId == null || workflowId.isEmpty()) {
            return standalone.failedById(namespace, runId, activityId, failure, lastHeartbeatDetails, identity);
        }
        return withStartedById(namespace, workflowId, runId, activityId,
                (ctx, a) -> ActivityTransitions.fail(ctx, a, failure, lastHeartbeatDetails, identity));
    }

    public CompletableFuture<Void> canceledById(String namespace, String workflowId, String runId, String activityId,
                                                Payloads details, String identity) {
        if (workflowId == null || workflowId.isEmpty()) {
            return standalone.canceledById(namespace, runId, activityId, details, identity);
        }
        return withStartedById(namespace, workflowId, runId, activityId,
                (ctx, a) -> ActivityTransitions.canceled(ctx, a, details, identity));
    }

    public CompletableFuture<Boolean> heartbeatById(String namespace, String workflowId, String runId,
                                                    String activityId, Payloads details) {
        if (workflowId == null || workflowId.isEmpty()) {
            return standalone.heartbeatById(namespace, runId, activityId, details);
        }
        Namespace ns = namespaces.byName(namespace);
        Executions.nonEmpty(activityId, "ActivityId");
        return Executions.resolve(manager, ns, workflowId, runId).thenCompose(key -> manager.update(key, ctx -> {
            ActivityInfo a = byId(ctx, activityId);
            ActivityTransitions.heartbeat(ctx, a, details);
            return a.cancelRequested;
        }));
    }

    private CompletableFuture<Void> withStarted(com.google.protobuf.ByteString taskToken,
                                                BiConsumer<ExecutionContext, ActivityInfo> outcome) {
        TaskToken token = TaskToken.decode(taskToken, TaskToken.Kind.ACTIVITY);
        // (A standalone activity's token was routed before this point.)
        return manager.update(token.key(), ctx -> {
            outcome.accept(ctx, requireStarted(ctx, token.scheduledEventId(), token.attempt(), token.startToken()));
            return null;
        });
    }

    private CompletableFuture<Void> withStartedById(String namespace, String workflowId, String runId,
                                                    String activityId,
                                                    BiConsumer<ExecutionContext, ActivityInfo> outcome) {
        Namespace ns = namespaces.byName(namespace);
        Executions.nonEmpty(activityId, "ActivityId");
        return Executions.resolve(manager, ns, workflowId, runId).thenCompose(key -> manager.update(key, ctx -> {
            outcome.accept(ctx, byId(ctx, activityId));
            return null;
        }));
    }

    private static ActivityInfo byId(ExecutionContext ctx, String activityId) {
        ActivityInfo a = ctx.state().isRunning() ? ctx.state().activityById(activityId) : null;
        if (a == null || a.state != ActivityState.STARTED) {
            throw Errors.notFound("Activity " + activityId + " is not running (it is unknown, was completed, "
                    + "timed out, or has not been picked up by a worker).");
        }
        return a;
    }

    private static ActivityInfo requireStarted(ExecutionContext ctx, long scheduledEventId, int attempt,
                                               String startToken) {
        ActivityInfo a = ctx.state().isRunning() ? ctx.state().activities.get(scheduledEventId) : null;
        if (a == null || a.state != ActivityState.STARTED || a.attempt != attempt
                || !startToken.equals(a.startToken)) {
            throw Errors.notFound("Activity task not found: it timed out, was completed or canceled, or the "
                    + "workflow closed.");
        }
        return a;
    }
}
