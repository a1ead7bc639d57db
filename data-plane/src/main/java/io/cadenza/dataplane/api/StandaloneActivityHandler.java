package io.cadenza.dataplane.api;

import com.google.protobuf.ByteString;
import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.Ids;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.activity.RetryPolicies;
import io.cadenza.dataplane.execution.standalone.StandaloneActivity;
import io.cadenza.dataplane.execution.standalone.StandaloneActivityManager;
import io.cadenza.dataplane.execution.standalone.StandaloneActivityManager.Key;
import io.cadenza.dataplane.execution.standalone.StandaloneActivityStore;
import io.cadenza.dataplane.execution.standalone.StandaloneTransitions;
import io.cadenza.dataplane.execution.standalone.StandaloneViews;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.visibility.InvalidQueryException;
import io.cadenza.dataplane.visibility.PageToken;
import io.cadenza.dataplane.visibility.SearchAttributeDefinitions;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.ActivityExecutionStatus;
import io.temporal.api.enums.v1.ActivityIdConflictPolicy;
import io.temporal.api.enums.v1.ActivityIdReusePolicy;
import io.temporal.api.workflowservice.v1.*;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;

/**
 * Temporal's standalone activity API for clients: Start, Describe (with long poll), Poll (await the outcome),
 * List/Count (visibility query over {@code standalone_activities}), RequestCancel, Terminate and Delete. Every
 * change goes through {@link StandaloneActivityManager#update}, one at a time per activity id.
 */
@ApplicationScoped
public class StandaloneActivityHandler {

    static final int DEFAULT_PAGE_SIZE = 1000;
    static final int MAX_PAGE_SIZE = 10_000;

    private final StandaloneActivityManager manager;
    private final NamespaceRegistry namespaces;
    private final StandaloneActivityStore store;

    private final InstantSource clock;

    public StandaloneActivityHandler(StandaloneActivityManager manager, NamespaceRegistry namespaces,
                                     StandaloneActivityStore store, InstantSource clock) {
        this.clock = clock;
        this.manager = manager;
        this.namespaces = namespaces;
        this.store = store;
    }

    public CompletableFuture<StartActivityExecutionResponse> start(StartActivityExecutionRequest req) {
        Namespace ns = namespaces.byName(req.getNamespace());
        String saJson = validate(req, ns);
        String requestId = req.getRequestId().isEmpty() ? Ids.uuid() : req.getRequestId();
        Key key = new Key(ns.id(), req.getActivityId());
        return manager.update(key, c -> {
            StandaloneActivity current = c.current();
            if (current != null) {
                if (requestId.equals(current.startRequestId)) {
                    // The same request again (a client retry): the run it started.
                    return started(current.runId, true);
                }
                if (current.isRunning()) {
                    if (req.getIdConflictPolicy() == ActivityIdConflictPolicy.ACTIVITY_ID_CONFLICT_POLICY_USE_EXISTING) {
                        return started(current.runId, false);
                    }
                    throw Errors.activityAlreadyStarted(current.activityId, current.startRequestId, current.runId);
                }
                ActivityIdReusePolicy reuse = req.getIdReusePolicy();
                if (reuse == ActivityIdReusePolicy.ACTIVITY_ID_REUSE_POLICY_REJECT_DUPLICATE
                        || (reuse == ActivityIdReusePolicy.ACTIVITY_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY
                        && current.status == ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_COMPLETED_VALUE)) {
                    throw Errors.activityAlreadyStarted(current.activityId, current.startRequestId, current.runId);
                }
            }
            StandaloneActivity run = StandaloneActivityRuns.newRun(req, ns.id(), Ids.uuid(), requestId,
                    current == null ? 1 : current.runSeq + 1, c.now(), saJson);
            c.create(run);
            c.meter("start", io.cadenza.dataplane.metering.Actions.ACTIVITY_STARTED);
            StandaloneTransitions.schedule(c, run);
            return started(run.runId, true);
        });
    }

    private static StartActivityExecutionResponse started(String runId, boolean started) {
        return StartActivityExecutionResponse.newBuilder().setRunId(runId).setStarted(started).build();
    }

    /** Checks the request; returns the stored JSON of its search attributes. */
    private static String validate(StartActivityExecutionRequest req, Namespace ns) {
        Executions.nonEmpty(req.getActivityId(), "ActivityId");
        Executions.nonEmpty(req.getActivityType().getName(), "ActivityType");
        Executions.nonEmpty(req.getTaskQueue().getName(), "TaskQueue");
        nonNegative(req.getScheduleToCloseTimeout(), "ScheduleToCloseTimeout");
        nonNegative(req.getScheduleToStartTimeout(), "ScheduleToStartTimeout");
        nonNegative(req.getStartToCloseTimeout(), "StartToCloseTimeout");
        nonNegative(req.getHeartbeatTimeout(), "HeartbeatTimeout");
        nonNegative(req.getStartDelay(), "StartDelay");
        if (Protos.millis(req.getScheduleToCloseTimeout()) <= 0 && Protos.millis(req.getStartToCloseTimeout()) <= 0) {
            throw Errors.invalidArgument("Either ScheduleToCloseTimeout or StartToCloseTimeout is required on "
                    + "request.");
        }
        if (req.hasRetryPolicy()) {
            String problem = RetryPolicies.validate(req.getRetryPolicy());
            if (problem != null) {
                throw Errors.invalidArgument(problem);
            }
        }
        if (!req.getCompletionCallbacksList().isEmpty()) {
            throw Errors.invalidArgument("CompletionCallbacks are not supported on standalone activities here.");
        }
        if (req.hasSearchAttributes() && req.getSearchAttributes().getIndexedFieldsCount() > 0) {
            String problem = SearchAttributeDefinitions.problem(req.getSearchAttributes(), ns.searchAttributes());
            if (problem != null) {
                throw Errors.invalidArgument(problem);
            }
            return SearchAttributeDefinitions.json(req.getSearchAttributes(), ns.searchAttributes());
        }
        return "{}";
    }

    private static void nonNegative(com.google.protobuf.Duration d, String field) {
        if (d.getSeconds() < 0 || d.getNanos() < 0) {
            throw Errors.invalidArgument("Invalid " + field + ": it must not be negative.");
        }
    }

    // ---- reads ----

    public CompletableFuture<DescribeActivityExecutionResponse> describe(DescribeActivityExecutionRequest req,
                                                                        long deadlineMillis) {
        Namespace ns = namespaces.byName(req.getNamespace());
        Key key = new Key(ns.id(), Executions.nonEmpty(req.getActivityId(), "ActivityId"));
        long seenTransitions = -1;
        if (!req.getLongPollToken().isEmpty()) {
            if (req.getRunId().isEmpty()) {
                throw Errors.invalidArgument("RunId is required on a request with a LongPollToken.");
            }
            if (req.getLongPollToken().size() != Long.BYTES) {
                throw Errors.invalidArgument("LongPollToken is not one this server issued.");
            }
            seenTransitions = req.getLongPollToken().asReadOnlyByteBuffer().getLong();
        }
        return describeLoop(req, key, seenTransitions, deadlineMillis);
    }

    private CompletableFuture<DescribeActivityExecutionResponse> describeLoop(
            DescribeActivityExecutionRequest req, Key key, long seenTransitions, long deadlineMillis) {
        return run(key, req.getRunId(), (s, c) -> {
            boolean changed = seenTransitions < 0 || s.stateTransitionCount != seenTransitions || !s.isRunning();
            long remaining = deadlineMillis - clock.millis();
            if (!changed && remaining > 0 && c != null) {
                return manager.awaitChange(key, remaining).thenCompose(v -> describeLoop(req, key,
                        seenTransitions, deadlineMillis));
            }
            return CompletableFuture.completedFuture(describeResponse(req, s));
        });
    }

    private DescribeActivityExecutionResponse describeResponse(DescribeActivityExecutionRequest req,
                                                               StandaloneActivity s) {
        DescribeActivityExecutionResponse.Builder r = DescribeActivityExecutionResponse.newBuilder()
                .setRunId(s.runId)
                .setInfo(StandaloneViews.info(s, req.getIncludeHeartbeatDetails(), req.getIncludeLastFailure(),
                        clock.millis()));
        if (req.getIncludeInput()) {
            r.setInput(s.activity.attributes().getInput());
        }
        if (req.getIncludeOutcome() && !s.isRunning()) {
            r.setOutcome(StandaloneViews.outcome(s));
        }
        if (s.isRunning()) {
            r.setLongPollToken(ByteString.copyFrom(ByteBuffer.allocate(Long.BYTES).putLong(s.stateTransitionCount)
                    .array()));
        }
        return r.build();
    }

    /**
     * PollActivityExecution: the outcome once the run closed; an answer without outcome when the long poll's
     * time ran out first (the SDK polls again).
     */
    public CompletableFuture<PollActivityExecutionResponse> poll(PollActivityExecutionRequest req,
                                                                 long deadlineMillis) {
        Namespace ns = namespaces.byName(req.getNamespace());
        Key key = new Key(ns.id(), Executions.nonEmpty(req.getActivityId(), "ActivityId"));
        return pollLoop(key, req.getRunId(), deadlineMillis);
    }

    private CompletableFuture<PollActivityExecutionResponse> pollLoop(Key key, String runId, long deadlineMillis) {
        return run(key, runId, (s, c) -> {
            PollActivityExecutionResponse.Builder r = PollActivityExecutionResponse.newBuilder().setRunId(s.runId);
            long remaining = deadlineMillis - clock.millis();
            if (!s.isRunning()) {
                return CompletableFuture.completedFuture(r.setOutcome(StandaloneViews.outcome(s)).build());
            }
            if (remaining <= 0 || c == null) {
                return CompletableFuture.completedFuture(r.build());
            }
            return manager.awaitChange(key, remaining).thenCompose(v -> pollLoop(key, s.runId, deadlineMillis));
        });
    }

    /**
     * Runs {@code body} on the addressed run: inside the id's serial order for the latest run (then {@code c} is
     * non-null and waits registered in the body cannot miss a commit), or on a stored older run.
     */
    private <R> CompletableFuture<R> run(Key key, String runId,
                                         java.util.function.BiFunction<StandaloneActivity, Object,
                                                 CompletableFuture<R>> body) {
        return manager.update(key, c -> {
            StandaloneActivity s = c.current();
            if (s != null && (runId.isEmpty() || runId.equals(s.runId))) {
                return body.apply(s, c);
            }
            if (s == null || runId.isEmpty()) {
                throw notFound(key, runId);
            }
            return null;
        }).thenCompose(answer -> answer != null ? answer
                : manager.loadRun(key, runId).toCompletableFuture().thenCompose(older -> {
                    if (older == null) {
                        throw notFound(key, runId);
                    }
                    return body.apply(older, null);
                }));
    }

    private static RuntimeException notFound(Key key, String runId) {
        return Errors.notFound("Activity execution not found: ActivityId " + key.activityId()
                + (runId.isEmpty() ? "" : ", RunId " + runId) + ".");
    }

    // ---- changes ----

    public CompletableFuture<RequestCancelActivityExecutionResponse> requestCancel(
            RequestCancelActivityExecutionRequest req) {
        Namespace ns = namespaces.byName(req.getNamespace());
        Key key = new Key(ns.id(), Executions.nonEmpty(req.getActivityId(), "ActivityId"));
        return manager.update(key, c -> {
            StandaloneActivity s = latest(c.current(), key, req.getRunId());
            if (!req.getRequestId().isEmpty() && req.getRequestId().equals(s.cancelRequestId)) {
                return RequestCancelActivityExecutionResponse.getDefaultInstance();
            }
            if (!s.isRunning()) {
                throw Errors.failedPrecondition("Activity execution " + key.activityId() + " is already closed ("
                        + statusName(s) + ").");
            }
            if (!s.activity.cancelRequested) {
                StandaloneTransitions.requestCancel(c, s, req.getReason(), req.getRequestId());
            }
            return RequestCancelActivityExecutionResponse.getDefaultInstance();
        });
    }

    public CompletableFuture<TerminateActivityExecutionResponse> terminate(TerminateActivityExecutionRequest req) {
        Namespace ns = namespaces.byName(req.getNamespace());
        Key key = new Key(ns.id(), Executions.nonEmpty(req.getActivityId(), "ActivityId"));
        return manager.update(key, c -> {
            StandaloneActivity s = latest(c.current(), key, req.getRunId());
            if (!req.getRequestId().isEmpty() && req.getRequestId().equals(s.terminateRequestId)) {
                return TerminateActivityExecutionResponse.getDefaultInstance();
            }
            if (!s.isRunning()) {
                throw Errors.failedPrecondition("Activity execution " + key.activityId() + " is already closed ("
                        + statusName(s) + ").");
            }
            StandaloneTransitions.terminate(c, s, req.getReason(), req.getIdentity(), req.getRequestId());
            return TerminateActivityExecutionResponse.getDefaultInstance();
        });
    }

    /** Deletes the run's row; a running run is terminated first (in the same update, then deleted). */
    public CompletableFuture<DeleteActivityExecutionResponse> delete(DeleteActivityExecutionRequest req) {
        Namespace ns = namespaces.byName(req.getNamespace());
        Key key = new Key(ns.id(), Executions.nonEmpty(req.getActivityId(), "ActivityId"));
        return manager.update(key, c -> {
            StandaloneActivity s = latest(c.current(), key, req.getRunId());
            c.delete();
            return s;
        }).thenApply(s -> DeleteActivityExecutionResponse.getDefaultInstance());
    }

    /**
     * Only the latest run of an id changes; an older run is always closed. (Delete of an older run is not
     * offered: its rows leave with the namespace's retention.)
     */
    private static StandaloneActivity latest(StandaloneActivity current, Key key, String runId) {
        if (current == null || (!runId.isEmpty() && !runId.equals(current.runId))) {
            if (current != null) {
                throw Errors.failedPrecondition("Run " + runId + " of activity " + key.activityId()
                        + " is not its latest run, which is " + current.runId + "; only the latest run can be "
                        + "changed.");
            }
            throw notFound(key, runId);
        }
        return current;
    }

    private static String statusName(StandaloneActivity s) {
        return s.statusProto().name().substring("ACTIVITY_EXECUTION_STATUS_".length()).toLowerCase();
    }

    // ---- visibility ----

    public CompletableFuture<ListActivityExecutionsResponse> list(ListActivityExecutionsRequest req) {
        Namespace ns = namespaces.byName(req.getNamespace());
        PageToken after = null;
        if (!req.getNextPageToken().isEmpty()) {
            try {
                after = PageToken.decode(req.getNextPageToken().toByteArray());
            } catch (RuntimeException e) {
                throw Errors.invalidArgument("NextPageToken is not a token this server issued.");
            }
        }
        int size = req.getPageSize() <= 0 ? DEFAULT_PAGE_SIZE : Math.min(req.getPageSize(), MAX_PAGE_SIZE);
        PageToken from = after;
        return queried(() -> store.list(ns.id(), req.getQuery(), ns.searchAttributes(), from, size))
                .toCompletableFuture()
                .thenApply(page -> ListActivityExecutionsResponse.newBuilder()
                        .addAllExecutions(page.activities())
                        .setNextPageToken(page.next() == null ? ByteString.EMPTY
                                : ByteString.copyFrom(page.next().encode()))
                        .build());
    }

    public CompletableFuture<CountActivityExecutionsResponse> count(CountActivityExecutionsRequest req) {
        Namespace ns = namespaces.byName(req.getNamespace());
        return queried(() -> store.count(ns.id(), req.getQuery(), ns.searchAttributes())).toCompletableFuture()
                .thenApply(counts -> {
                    CountActivityExecutionsResponse.Builder r = CountActivityExecutionsResponse.newBuilder();
                    for (var e : counts.byStatus().entrySet()) {
                        String status = statusLabel(ActivityExecutionStatus.forNumber(e.getKey()));
                        r.addGroups(CountActivityExecutionsResponse.AggregationGroup.newBuilder()
                                .addGroupValues(Payload.newBuilder()
                                        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                                        .setData(ByteString.copyFromUtf8("\"" + status + "\"")))
                                .setCount(e.getValue()));
                    }
                    return r.setCount(counts.total()).build();
                });
    }

    /** "Running", "TimedOut", ...: how Temporal spells statuses in queries and count groups. */
    private static String statusLabel(ActivityExecutionStatus status) {
        if (status == null) {
            return "Unspecified";
        }
        StringBuilder out = new StringBuilder();
        for (String part : status.name().substring("ACTIVITY_EXECUTION_STATUS_".length()).split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase());
        }
        return out.toString();
    }

    /** Runs a visibility query, refusing an invalid one with INVALID_ARGUMENT. */
    private static <T> T queried(java.util.function.Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidQueryException e) {
            throw Errors.invalidArgument(e.getMessage());
        }
    }
}
