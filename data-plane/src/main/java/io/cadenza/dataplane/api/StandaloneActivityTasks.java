package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.TaskToken;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.activity.ActivityState;
import io.cadenza.dataplane.execution.activity.ActivityTransitions;
import io.cadenza.dataplane.execution.standalone.StandaloneActivity;
import io.cadenza.dataplane.execution.standalone.StandaloneActivityManager;
import io.cadenza.dataplane.execution.standalone.StandaloneActivityManager.Key;
import io.cadenza.dataplane.execution.standalone.StandaloneChange;
import io.cadenza.dataplane.execution.standalone.StandaloneTransitions;
import io.cadenza.dataplane.matching.MatchingTask;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The worker side of standalone activities, reached through the ordinary activity RPCs
 * ({@link ActivityTaskHandler} routes here): handing an attempt to a poller, and the attempt's outcome and
 * heartbeats, by task token or by activity id (an empty workflow id addresses a standalone activity).
 */
@ApplicationScoped
public class StandaloneActivityTasks {

    private final StandaloneActivityManager manager;
    private final NamespaceRegistry namespaces;

    public StandaloneActivityTasks(StandaloneActivityManager manager, NamespaceRegistry namespaces) {
        this.manager = manager;
        this.namespaces = namespaces;
    }

    private record Started(StandaloneActivity run, String startToken) {
    }

    /** Starts the attempt a matching pointer names, or completes with null when the pointer is stale. */
    CompletableFuture<PollActivityTaskQueueResponse> start(Namespace ns, MatchingTask task, String identity) {
        Key key = new Key(task.key().namespaceId(), task.key().workflowId());
        return manager.update(key, c -> {
            StandaloneActivity s = c.current();
            if (s == null || !s.runId.equals(task.key().runId()) || !s.isRunning()
                    || s.activity.state != ActivityState.SCHEDULED || s.activity.attempt != task.attempt()) {
                return null;
            }
            // An attempt starting is not billed here: the start and each retry were counted when scheduled.
            return new Started(s, StandaloneTransitions.start(c, s, identity));
        }).thenApply(started -> started == null ? null : activityTask(ns, started.run(), started.startToken()));
    }

    private static PollActivityTaskQueueResponse activityTask(Namespace ns, StandaloneActivity s, String startToken) {
        ActivityInfo a = s.activity;
        ActivityTaskScheduledEventAttributes attrs = a.attributes();
        TaskToken token = new TaskToken(TaskToken.Kind.STANDALONE_ACTIVITY, ns.id(), s.activityId, s.runId, 0,
                a.attempt, startToken);
        PollActivityTaskQueueResponse.Builder r = PollActivityTaskQueueResponse.newBuilder()
                .setTaskToken(token.encode())
                // For a standalone activity this field carries the activity's own namespace.
                .setWorkflowNamespace(ns.name())
                .setActivityType(attrs.getActivityType())
                .setActivityId(s.activityId)
                .setActivityRunId(s.runId)
                .setHeader(attrs.getHeader())
                .setInput(attrs.getInput())
                .setHeartbeatDetails(ActivityTransitions.heartbeatDetails(a))
                .setScheduledTime(Protos.timestamp(s.scheduleTimeMillis))
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

    // ---- by task token ----

    CompletableFuture<Void> completed(TaskToken token, Payloads result, String identity) {
        return withStarted(token, (c, s) -> StandaloneTransitions.complete(c, s, result, identity));
    }

    CompletableFuture<Void> failed(TaskToken token, Failure failure, Payloads lastHeartbeat, String identity) {
        return withStarted(token, (c, s) -> StandaloneTransitions.fail(c, s, failure, lastHeartbeat, identity));
    }

    CompletableFuture<Void> canceled(TaskToken token, Payloads details, String identity) {
        return withStarted(token, (c, s) -> StandaloneTransitions.canceled(c, s, details, identity));
    }

    /** Records a heartbeat; completes with whether cancellation was requested. */
    CompletableFuture<Boolean> heartbeat(TaskToken token, Payloads details) {
        return manager.update(new Key(token.namespaceId(), token.workflowId()), c -> {
            StandaloneActivity s = requireStarted(c, token.runId(), token.attempt(), token.startToken());
            StandaloneTransitions.heartbeat(c, s, details);
            return s.activity.cancelRequested;
        });
    }

    private CompletableFuture<Void> withStarted(TaskToken token, BiConsumer<StandaloneChange, StandaloneActivity> op) {
        return manager.update(new Key(token.namespaceId(), token.workflowId()), c -> {
            op.accept(c, requireStarted(c, token.runId(), token.attempt(), token.startToken()));
            return null;
        });
    }

    private static StandaloneActivity requireStarted(StandaloneChange c, String runId, int attempt,
                                                     String startToken) {
        StandaloneActivity s = c.current();
        if (s == null || !s.runId.equals(runId) || !s.isStarted() || s.activity.attempt != attempt
                || !startToken.equals(s.activity.startToken)) {
            throw Errors.notFound("Activity task not found: it timed out, was completed, canceled or terminated, "
                    + "or it was handed out again after a restart.");
        }
        return s;
    }

    // ---- by activity id ----

    CompletableFuture<Void> completedById(String namespace, String runId, String activityId, Payloads result,
                                          String identity) {
        return byId(namespace, runId, activityId, (c, s) -> StandaloneTransitions.complete(c, s, result, identity));
    }

    CompletableFuture<Void> failedById(String namespace, String runId, String activityId, Failure failure,
                                       Payloads lastHeartbeat, String identity) {
        return byId(namespace, runId, activityId,
                (c, s) -> StandaloneTransitions.fail(c, s, failure, lastHeartbeat, identity));
    }

    CompletableFuture<Void> canceledById(String namespace, String runId, String activityId, Payloads details,
                                         String identity) {
        return byId(namespace, runId, activityId, (c, s) -> StandaloneTransitions.canceled(c, s, details, identity));
    }

    CompletableFuture<Boolean> heartbeatById(String namespace, String runId, String activityId, Payloads details) {
        Namespace ns = namespaces.byName(namespace);
        Executions.nonEmpty(activityId, "ActivityId");
        return manager.update(new Key(ns.id(), activityId), c -> {
            StandaloneActivity s = startedById(c, activityId, runId);
            StandaloneTransitions.heartbeat(c, s, details);
            return s.activity.cancelRequested;
        });
    }

    private CompletableFuture<Void> byId(String namespace, String runId, String activityId,
                                         BiConsumer<StandaloneChange, StandaloneActivity> op) {
        Namespace ns = namespaces.byName(namespace);
        Executions.nonEmpty(activityId, "ActivityId");
        return manager.update(new Key(ns.id(), activityId), c -> {
            op.accept(c, startedById(c, activityId, runId));
            return null;
        });
    }

    private static StandaloneActivity startedById(StandaloneChange c, String activityId, String runId) {
        StandaloneActivity s = c.current();
        if (s == null || (runId != null && !runId.isEmpty() && !runId.equals(s.runId)) || !s.isStarted()) {
            throw Errors.notFound("Activity " + activityId + " is not running (it is unknown, was completed, "
                    + "timed out, or has not been picked up by a worker).");
        }
        return s;
    }
}
