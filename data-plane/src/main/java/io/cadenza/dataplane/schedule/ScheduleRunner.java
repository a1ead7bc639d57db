package io.cadenza.dataplane.schedule;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.WorkflowStart;
import io.cadenza.dataplane.execution.WorkflowStarts;
import io.cadenza.dataplane.execution.WorkflowStops;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.schedule.spec.CatchUp;
import io.cadenza.dataplane.schedule.spec.CompiledScheduleSpec;
import io.cadenza.dataplane.schedule.spec.OverlapPolicies;
import io.cadenza.dataplane.schedule.spec.ScheduledTime;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.schedule.v1.Schedule;
import io.temporal.api.workflow.v1.NewWorkflowExecutionInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Takes a schedule's actions when they are due: refreshes which of its workflows still run, lets the catch-up
 * window decide which missed times still count, puts due starts through the overlap policy, starts workflows
 * (idempotently: each start's request id is derived from the schedule and the nominal time) and records what
 * happened. Pure time and policy logic is in {@code schedule.spec}.
 */
@ApplicationScoped
public class ScheduleRunner {

    private static final Logger LOG = Logger.getLogger(ScheduleRunner.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int CATCH_UP_CAPACITY = 1000;

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final WorkflowStarts starts;
    private final WorkflowStops stops;
    private final InstantSource clock;

    public ScheduleRunner(ExecutionManager manager, NamespaceRegistry namespaces, WorkflowStarts starts,
                          WorkflowStops stops, InstantSource clock) {
        this.manager = manager;
        this.namespaces = namespaces;
        this.starts = starts;
        this.stops = stops;
        this.clock = clock;
    }

    /** One pass over a schedule; completes with the instant it wants to run again (null: only on a change). */
    CompletableFuture<Instant> run(ScheduleRecord r, CompiledScheduleSpec spec) {
        return refreshRunning(r).thenCompose(v -> {
            Instant now = clock.instant();
            Schedule schedule = r.scheduleProto();
            boolean paused = schedule.getState().getPaused()
                    || (schedule.getState().getLimitedActions() && schedule.getState().getRemainingActions() <= 0);
            if (paused) {
                r.highWaterMarkMillis = now.toEpochMilli();
            } else {
                Instant lastProcessed = Instant.ofEpochMilli(Math.max(r.highWaterMarkMillis, r.updateTimeMillis));
                CatchUp.Result due = CatchUp.process(spec, r.jitterSeed(), lastProcessed, now,
                        CatchUp.window(schedule.getPolicies()), CATCH_UP_CAPACITY);
                r.missedCatchupWindow += due.missed();
                r.bufferDropped += due.dropped();
                r.highWaterMarkMillis = due.highWaterMark().toEpochMilli();
                for (ScheduledTime t : due.start()) {
                    r.buffer.add(pending(t.nominal(), t.actual(),
                            ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_UNSPECIFIED, false));
                }
            }
            return drainBuffer(r, schedule).thenApply(stillBuffered -> {
                // Buffered starts wait for a running workflow to finish: look again shortly.
                Instant retry = stillBuffered ? clock.instant().plusSeconds(1) : null;
                return earliest(retry, paused ? null : nextWakeupOf(r, spec));
            });
        });
    }

    private static Instant nextWakeupOf(ScheduleRecord r, CompiledScheduleSpec spec) {
        return spec.nextAction(Instant.ofEpochMilli(r.highWaterMarkMillis), r.jitterSeed())
                .map(ScheduledTime::actual).orElse(null);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    static ScheduleRecord.Pending pending(Instant nominal, Instant actual, ScheduleOverlapPolicy policy,
                                          boolean manual) {
        ScheduleRecord.Pending p = new ScheduleRecord.Pending();
        p.nominalMillis = nominal.toEpochMilli();
        p.actualMillis = actual.toEpochMilli();
        p.overlapPolicy = policy.getNumber();
        p.manual = manual;
        return p;
    }

    /** Starts what the overlap policy allows; completes with whether starts remain buffered. */
    private CompletableFuture<Boolean> drainBuffer(ScheduleRecord r, Schedule schedule) {
        if (r.buffer.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        List<OverlapPolicies.BufferedStart> buffer = new ArrayList<>();
        for (ScheduleRecord.Pending p : r.buffer) {
            buffer.add(new OverlapPolicies.BufferedStart(Instant.ofEpochMilli(p.nominalMillis),
                    Instant.ofEpochMilli(p.actualMillis), ScheduleOverlapPolicy.forNumber(p.overlapPolicy), p.manual));
        }
        var outcome = OverlapPolicies.processBuffer(buffer, !r.running.isEmpty(),
                schedule.getPolicies().getOverlapPolicy());
        r.overlapSkipped += outcome.overlapSkipped();
        r.buffer = new ArrayList<>();
        outcome.newBuffer().forEach(b -> r.buffer.add(pending(b.nominal(), b.actual(), b.overlapPolicy(), b.manual())));
        CompletableFuture<Void> stops = CompletableFuture.completedFuture(null);
        if (outcome.cancelRunning() || outcome.terminateRunning()) {
            stops = stopRunning(r, outcome.terminateRunning());
        }
        List<OverlapPolicies.BufferedStart> toStart = new ArrayList<>(outcome.startConcurrently());
        outcome.start().ifPresent(toStart::add);
        return stops.thenCompose(v -> {
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (OverlapPolicies.BufferedStart s : toStart) {
                chain = chain.thenCompose(x -> startAction(r, schedule, s));
            }
            return chain;
        }).thenApply(v -> !r.buffer.isEmpty());
    }

    private static io.temporal.api.common.v1.Payload searchAttribute(String type, String json) {
        return io.temporal.api.common.v1.Payload.newBuilder()
                .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
                .putMetadata("type", com.google.protobuf.ByteString.copyFromUtf8(type))
                .setData(com.google.protobuf.ByteString.copyFromUtf8(json)).build();
    }

    private static String jsonString(String value) {
        return io.vertx.core.json.Json.encode(value);
    }

    private CompletableFuture<Void> startAction(ScheduleRecord r, Schedule schedule,
                                                OverlapPolicies.BufferedStart s) {
        NewWorkflowExecutionInfo wf = schedule.getAction().getStartWorkflow();
        Namespace ns = namespaces.byId(r.namespaceId);
        String workflowId = wf.getWorkflowId() + "-" + ID_TIME.format(s.nominal());
        WorkflowStart request = new WorkflowStart();
        request.workflowId = workflowId;
        request.workflowType = wf.getWorkflowType().getName();
        request.taskQueue = wf.getTaskQueue().getName();
        request.executionTimeoutMillis = Protos.millis(wf.getWorkflowExecutionTimeout());
        request.runTimeoutMillis = Protos.millis(wf.getWorkflowRunTimeout());
        request.taskTimeoutMillis = Protos.millis(wf.getWorkflowTaskTimeout());
        request.identity = "cadenza-scheduler";
        request.requestId = "schedule:" + r.namespaceId + ":" + r.scheduleId + ":" + s.nominal().toEpochMilli();
        request.reusePolicy = WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE;
        request.input = wf.hasInput() ? wf.getInput() : null;
        request.retryPolicy = wf.hasRetryPolicy() ? wf.getRetryPolicy() : null;
        request.memo = wf.hasMemo() ? wf.getMemo() : null;
        // As Temporal's scheduler: every run it starts says which schedule started it and for when.
        request.searchAttributes = wf.getSearchAttributes().toBuilder()
                .putIndexedFields("TemporalScheduledById", searchAttribute("Keyword", jsonString(r.scheduleId)))
                .putIndexedFields("TemporalScheduledStartTime",
                        searchAttribute("Datetime", jsonString(s.nominal().toString())))
                .build();
        request.header = wf.hasHeader() ? wf.getHeader() : null;
        return starts.start(ns, request, null).handle((started, error) -> {
            ScheduleRecord.Action action = new ScheduleRecord.Action();
            action.scheduleTimeMillis = s.nominal().toEpochMilli();
            action.actualTimeMillis = clock.millis();
            action.workflowId = workflowId;
            if (error != null) {
                LOG.warnf("schedule %s could not start %s: %s", r.scheduleId, workflowId, error.getMessage());
                return null;
            }
            action.runId = started.runId();
            action.status = WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE;
            r.actionCount++;
            r.recentActions.add(action);
            while (r.recentActions.size() > ScheduleRecord.RECENT_ACTIONS) {
                r.recentActions.remove(0);
            }
            ScheduleRecord.Started running = new ScheduleRecord.Started();
            running.workflowId = workflowId;
            running.runId = started.runId();
            r.running.add(running);
            Schedule.Builder updated = schedule.toBuilder();
            if (schedule.getState().getLimitedActions() && !s.manual()) {
                updated.getStateBuilder().setRemainingActions(Math.max(0, schedule.getState().getRemainingActions() - 1));
                r.schedule = updated.build().toByteArray();
            }
            return null;
        });
    }

    /** Drops running workflows that have closed, recording how they ended. */
    private CompletableFuture<Void> refreshRunning(ScheduleRecord r) {
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        for (ScheduleRecord.Started s : new ArrayList<>(r.running)) {
            checks.add(manager.current(r.namespaceId, s.workflowId).handle((current, error) -> {
                boolean closed = error == null && (current == null || !current.runId().equals(s.runId)
                        || current.status() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE);
                if (closed) {
                    r.running.removeIf(x -> x.runId.equals(s.runId));
                    for (ScheduleRecord.Action a : r.recentActions) {
                        if (s.runId.equals(a.runId) && current != null && current.runId().equals(s.runId)) {
                            a.status = current.status();
                        }
                    }
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> stopRunning(ScheduleRecord r, boolean terminate) {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (ScheduleRecord.Started s : r.running) {
            ExecutionKey key = new ExecutionKey(r.namespaceId, s.workflowId, s.runId);
            CompletableFuture<Void> stop = terminate
                    ? stops.terminate(key, "terminated by schedule overlap policy", null, "")
                    : stops.requestCancel(key, "canceled by schedule overlap policy", "", "");
            stopping.add(stop.exceptionally(e -> null));
        }
        return CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new));
    }

    static long millis(com.google.protobuf.Timestamp t) {
        return Protos.millis(t);
    }
}
