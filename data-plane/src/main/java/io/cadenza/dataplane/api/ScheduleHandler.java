package io.cadenza.dataplane.api;

import com.google.protobuf.ByteString;
import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.schedule.ScheduleManager;
import io.cadenza.dataplane.schedule.ScheduleRecord;
import io.cadenza.dataplane.schedule.spec.CompiledScheduleSpec;
import io.cadenza.dataplane.schedule.spec.ScheduleSpecEvaluator;
import io.cadenza.dataplane.schedule.spec.ScheduledTime;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.schedule.v1.Schedule;
import io.temporal.api.schedule.v1.ScheduleActionResult;
import io.temporal.api.schedule.v1.ScheduleInfo;
import io.temporal.api.schedule.v1.ScheduleListEntry;
import io.temporal.api.schedule.v1.ScheduleListInfo;
import io.temporal.api.workflowservice.v1.*;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The Schedules API: create, describe, update, patch (pause, unpause, trigger, backfill), delete, list. */
@ApplicationScoped
public class ScheduleHandler {

    private static final int FUTURE_ACTION_TIMES = 10;
    private static final Duration FUTURE_HORIZON = Duration.ofDays(366 * 5);

    private final ScheduleManager schedules;
    private final NamespaceRegistry namespaces;
    private final InstantSource clock;

    public ScheduleHandler(ScheduleManager schedules, NamespaceRegistry namespaces, InstantSource clock) {
        this.schedules = schedules;
        this.namespaces = namespaces;
        this.clock = clock;
    }

    public CompletableFuture<CreateScheduleResponse> create(CreateScheduleRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        Executions.nonEmpty(request.getScheduleId(), "ScheduleId");
        validate(request.getSchedule());
        ScheduleRecord r = new ScheduleRecord();
        r.namespaceId = ns.id();
        r.scheduleId = request.getScheduleId();
        r.schedule = request.getSchedule().toByteArray();
        r.memo = request.hasMemo() ? request.getMemo().toByteArray() : null;
        r.searchAttributes = request.hasSearchAttributes() ? request.getSearchAttributes().toByteArray() : null;
        r.createTimeMillis = clock.millis();
        r.updateTimeMillis = r.createTimeMillis;
        r.highWaterMarkMillis = r.createTimeMillis;
        return schedules.create(r, request.hasInitialPatch() ? request.getInitialPatch() : null)
                .thenApply(version -> CreateScheduleResponse.newBuilder().setConflictToken(token(version)).build());
    }

    public CompletableFuture<DescribeScheduleResponse> describe(DescribeScheduleRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        return schedules.snapshot(ns.id(), request.getScheduleId()).thenApply(s -> {
            ScheduleRecord r = s.record();
            Schedule schedule = r.scheduleProto();
            DescribeScheduleResponse.Builder b = DescribeScheduleResponse.newBuilder()
                    .setSchedule(schedule.toBuilder().setSpec(normalized(schedule)))
                    .setInfo(info(r, s.spec()))
                    .setConflictToken(token(s.version()));
            if (r.memo != null) {
                b.setMemo(Protos.parse(Memo.parser(), r.memo, Memo.getDefaultInstance()));
            }
            if (r.searchAttributes != null) {
                b.setSearchAttributes(Protos.parse(SearchAttributes.parser(), r.searchAttributes,
                        SearchAttributes.getDefaultInstance()));
            }
            return b.build();
        });
    }

    public CompletableFuture<UpdateScheduleResponse> update(UpdateScheduleRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        validate(request.getSchedule());
        long expected = request.getConflictToken().isEmpty() ? -1 : version(request.getConflictToken());
        return schedules.change(ns.id(), request.getScheduleId(), expected, r -> {
            r.schedule = request.getSchedule().toByteArray();
            if (request.hasMemo()) {
                r.memo = request.getMemo().toByteArray();
            }
            if (request.hasSearchAttributes()) {
                r.searchAttributes = request.getSearchAttributes().toByteArray();
            }
            return null;
        }).thenApply(v -> UpdateScheduleResponse.getDefaultInstance());
    }

    public CompletableFuture<PatchScheduleResponse> patch(PatchScheduleRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        return schedules.snapshot(ns.id(), request.getScheduleId()).thenCompose(s ->
                schedules.change(ns.id(), request.getScheduleId(), -1, r -> {
                    ScheduleManager.applyPatch(r, s.spec(), request.getPatch(), clock.millis());
                    return null;
                })).thenApply(v -> PatchScheduleResponse.getDefaultInstance());
    }

    public CompletableFuture<DeleteScheduleResponse> delete(DeleteScheduleRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        return schedules.delete(ns.id(), request.getScheduleId())
                .thenApply(v -> DeleteScheduleResponse.getDefaultInstance());
    }

    public CompletableFuture<ListSchedulesResponse> list(ListSchedulesRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        List<CompletableFuture<ScheduleListEntry>> entries = new ArrayList<>();
        for (String id : schedules.scheduleIds(ns.id())) {
            entries.add(schedules.snapshot(ns.id(), id).thenApply(s -> {
                Schedule schedule = s.record().scheduleProto();
                ScheduleInfo info = info(s.record(), s.spec());
                ScheduleListEntry.Builder e = ScheduleListEntry.newBuilder().setScheduleId(id)
                        .setInfo(ScheduleListInfo.newBuilder().setSpec(normalized(schedule))
                                .setWorkflowType(schedule.getAction().getStartWorkflow().getWorkflowType())
                                .setNotes(schedule.getState().getNotes()).setPaused(schedule.getState().getPaused())
                                .addAllRecentActions(info.getRecentActionsList())
                                .addAllFutureActionTimes(info.getFutureActionTimesList()));
                if (s.record().memo != null) {
                    e.setMemo(Protos.parse(Memo.parser(), s.record().memo, Memo.getDefaultInstance()));
                }
                return e.build();
            }).exceptionally(err -> null));
        }
        return CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new)).thenApply(v -> {
            ListSchedulesResponse.Builder r = ListSchedulesResponse.newBuilder();
            entries.stream().map(CompletableFuture::join).filter(java.util.Objects::nonNull).forEach(r::addSchedules);
            return r.build();
        });
    }

    public CompletableFuture<ListScheduleMatchingTimesResponse> matchingTimes(ListScheduleMatchingTimesRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        return schedules.snapshot(ns.id(), request.getScheduleId()).thenApply(s -> {
            ListScheduleMatchingTimesResponse.Builder r = ListScheduleMatchingTimesResponse.newBuilder();
            Instant from = Instant.ofEpochMilli(Protos.millis(request.getStartTime()));
            Instant to = Instant.ofEpochMilli(Protos.millis(request.getEndTime()));
            try {
                for (ScheduledTime t : s.spec().actionTimes(from, to, 1000, s.record().jitterSeed())) {
                    r.addStartTime(Protos.timestamp(t.actual().toEpochMilli()));
                }
            } catch (IllegalStateException e) {
                throw Errors.invalidArgument(e.getMessage());
            }
            return r.build();
        });
    }

    private ScheduleInfo info(ScheduleRecord r, CompiledScheduleSpec spec) {
        ScheduleInfo.Builder info = ScheduleInfo.newBuilder()
                .setActionCount(r.actionCount).setMissedCatchupWindow(r.missedCatchupWindow)
                .setOverlapSkipped(r.overlapSkipped).setBufferDropped(r.bufferDropped).setBufferSize(r.buffer.size())
                .setCreateTime(Protos.timestamp(r.createTimeMillis)).setUpdateTime(Protos.timestamp(r.updateTimeMillis));
        for (ScheduleRecord.Started s : r.running) {
            info.addRunningWorkflows(WorkflowExecution.newBuilder().setWorkflowId(s.workflowId).setRunId(s.runId));
        }
        for (ScheduleRecord.Action a : r.recentActions) {
            info.addRecentActions(ScheduleActionResult.newBuilder()
                    .setScheduleTime(Protos.timestamp(a.scheduleTimeMillis))
                    .setActualTime(Protos.timestamp(a.actualTimeMillis))
                    .setStartWorkflowResult(WorkflowExecution.newBuilder().setWorkflowId(a.workflowId)
                            .setRunId(a.runId == null ? "" : a.runId))
                    .setStartWorkflowStatus(WorkflowExecutionStatus.forNumber(a.status)));
        }
        Schedule schedule = r.scheduleProto();
        if (!schedule.getState().getPaused()) {
            Instant now = clock.instant();
            for (ScheduledTime t : spec.actionTimes(now, now.plus(FUTURE_HORIZON), FUTURE_ACTION_TIMES,
                    r.jitterSeed())) {
                info.addFutureActionTimes(Protos.timestamp(t.actual().toEpochMilli()));
            }
        }
        return info.build();
    }

    private static io.temporal.api.schedule.v1.ScheduleSpec normalized(Schedule schedule) {
        try {
            return ScheduleSpecEvaluator.normalize(schedule.getSpec());
        } catch (IllegalArgumentException e) {
            return schedule.getSpec();
        }
    }

    private static void validate(Schedule schedule) {
        List<String> problems = ScheduleSpecEvaluator.validate(schedule.getSpec());
        if (!problems.isEmpty()) {
            throw Errors.invalidArgument("Invalid schedule spec: " + String.join("; ", problems));
        }
        if (!schedule.getAction().hasStartWorkflow()) {
            throw Errors.invalidArgument("A schedule needs an action: set StartWorkflow.");
        }
        var wf = schedule.getAction().getStartWorkflow();
        Executions.nonEmpty(wf.getWorkflowId(), "Schedule action WorkflowId");
        Executions.nonEmpty(wf.getWorkflowType().getName(), "Schedule action WorkflowType");
        Executions.nonEmpty(wf.getTaskQueue().getName(), "Schedule action TaskQueue");
    }

    private static ByteString token(long version) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(version).array());
    }

    private static long version(ByteString token) {
        if (token.size() != 8) {
            throw Errors.invalidArgument("ConflictToken is not a token DescribeSchedule returned.");
        }
        return token.asReadOnlyByteBuffer().getLong();
    }
}
