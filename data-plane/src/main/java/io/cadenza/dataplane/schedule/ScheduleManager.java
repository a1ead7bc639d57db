package io.cadenza.dataplane.schedule;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.metering.ActionCounter;
import io.cadenza.dataplane.metering.Actions;
import io.cadenza.dataplane.metering.Metering;
import io.cadenza.dataplane.metering.UsageRecord;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.schedule.spec.CompiledScheduleSpec;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.schedule.v1.Schedule;
import io.temporal.api.schedule.v1.SchedulePatch;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The schedules of this cell: loaded at start, each run by {@link ScheduleRunner} at its next action time.
 * Everything that changes a schedule (a run, create, update, patch) goes through that schedule's serial order
 * and is saved with its version, so concurrent changes cannot interleave.
 */
@ApplicationScoped
public class ScheduleManager {

    private static final Logger LOG = Logger.getLogger(ScheduleManager.class);

    private final ScheduleStore store;
    private final ScheduleRunner runner;
    private final InstantSource clock;
    private final NamespaceRegistry namespaces;
    private final Metering metering;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cadenza-schedules");
        t.setDaemon(true);
        return t;
    });

    public ScheduleManager(ScheduleStore store, ScheduleRunner runner, InstantSource clock,
                           NamespaceRegistry namespaces, Metering metering) {
        this.namespaces = namespaces;
        this.metering = metering;
        this.store = store;
        this.runner = runner;
        this.clock = clock;
    }

    /** A loaded schedule; its changes are chained on {@code tail}. */
    static final class Entry {
        ScheduleRecord record;
        long version;
        CompiledScheduleSpec spec;
        CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
        ScheduledFuture<?> wakeup;

        synchronized <T> CompletableFuture<T> exclusive(java.util.function.Supplier<CompletableFuture<T>> op) {
            CompletableFuture<T> result = tail.thenCompose(v -> op.get());
            tail = result.handle((r, e) -> null);
            return result;
        }
    }

    /**
     * The shard whose owner runs a namespace's schedules: all of a namespace's schedules live on one instance, which
     * answers their RPCs (other instances forward them) and lists them.
     */
    public static String shardKey() {
        return "schedules";
    }

    /** Loads and arms the schedules of the namespaces whose schedules shard this instance just took. */
    public CompletableFuture<Integer> loadShard(java.util.function.Predicate<String> namespaceOnShard) {
        return store.all().toCompletableFuture().thenApply(all -> {
            int n = 0;
            for (var s : all) {
                if (!namespaceOnShard.test(s.record().namespaceId)) {
                    continue;
                }
                try {
                    Entry e = new Entry();
                    e.record = s.record();
                    e.version = s.version();
                    e.spec = CompiledScheduleSpec.compile(e.record.scheduleProto().getSpec());
                    Entry was = entries.put(key(e.record.namespaceId, e.record.scheduleId), e);
                    if (was != null && was.wakeup != null) {
                        was.wakeup.cancel(false);
                    }
                    wake(e, clock.instant());
                    n++;
                } catch (RuntimeException ex) {
                    LOG.errorf(ex, "schedule %s could not be loaded", s.record().scheduleId);
                }
            }
            return n;
        });
    }

    /** Drops the schedules of a shard this instance gave up: their next owner runs them. */
    public void forgetShard(java.util.function.Predicate<String> namespaceOnShard) {
        entries.values().removeIf(e -> {
            if (!namespaceOnShard.test(e.record.namespaceId)) {
                return false;
            }
            if (e.wakeup != null) {
                e.wakeup.cancel(false);
            }
            return true;
        });
    }

    public CompletableFuture<Long> create(ScheduleRecord record, SchedulePatch initialPatch) {
        Entry e = new Entry();
        e.record = record;
        e.version = 1;
        e.spec = compile(record.scheduleProto());
        List<UsageRecord> usage = usage(record, "created", 1, Actions.SCHEDULE_CREATED, 1);
        return store.create(record, usage).toCompletableFuture().thenCompose(created -> {
            if (!created) {
                throw Errors.alreadyExistsSchedule(record.scheduleId);
            }
            entries.put(key(record.namespaceId, record.scheduleId), e);
            if (initialPatch != null && !initialPatch.equals(SchedulePatch.getDefaultInstance())) {
                // Part of the create, which is billed already.
                return change(record.namespaceId, record.scheduleId, -1, r -> {
                    applyPatch(r, e.spec, initialPatch, clock.millis());
                    return null;
                }, false);
            }
            wake(e, clock.instant());
            return CompletableFuture.completedFuture(e.version);
        });
    }

    /** Applies {@code mutation} to the schedule (checking the conflict token when it is not -1), saves, runs it. */
    public CompletableFuture<Long> change(String namespaceId, String scheduleId, long expectedVersion,
                                         Function<ScheduleRecord, Void> mutation) {
        return change(namespaceId, scheduleId, expectedVersion, mutation, true);
    }

    private CompletableFuture<Long> change(String namespaceId, String scheduleId, long expectedVersion,
                                           Function<ScheduleRecord, Void> mutation, boolean billed) {
        Entry e = entry(namespaceId, scheduleId);
        return e.exclusive(() -> {
            if (expectedVersion != -1 && expectedVersion != e.version) {
                throw Errors.failedPrecondition("The schedule was changed since it was described (conflict token "
                        + "mismatch); describe it again and retry.");
            }
            mutation.apply(e.record);
            e.spec = compile(e.record.scheduleProto());
            e.record.updateTimeMillis = clock.millis();
            return save(e, billed ? usage(e.record, "updated", e.version + 1, Actions.SCHEDULE_UPDATED, 1)
                    : List.of()).thenApply(v -> {
                wake(e, clock.instant());
                return e.version;
            });
        });
    }

    public CompletableFuture<Void> delete(String namespaceId, String scheduleId) {
        Entry e = entry(namespaceId, scheduleId);
        return e.exclusive(() -> store.delete(namespaceId, scheduleId,
                usage(e.record, "deleted", e.version, Actions.SCHEDULE_DELETED, 1)).toCompletableFuture().thenApply(deleted -> {
            entries.remove(key(namespaceId, scheduleId));
            if (e.wakeup != null) {
                e.wakeup.cancel(false);
            }
            return null;
        }));
    }

    /**
     * Stops and deletes every schedule of a namespace that is being deleted (each through its serial order, so a
     * run in progress finishes first). Completes with the number deleted.
     */
    public CompletableFuture<Integer> deleteNamespace(String namespaceId) {
        List<String> ids = scheduleIds(namespaceId);
        List<CompletableFuture<Void>> deletions = ids.stream().map(id -> {
            try {
                return delete(namespaceId, id);
            } catch (RuntimeException alreadyGone) {
                return CompletableFuture.<Void>completedFuture(null);
            }
        }).toList();
        return CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new)).thenApply(v -> ids.size());
    }

    /** A consistent copy of the schedule's record, its version and compiled spec. */
    public CompletableFuture<Snapshot> snapshot(String namespaceId, String scheduleId) {
        Entry e = entry(namespaceId, scheduleId);
        return e.exclusive(() -> CompletableFuture.completedFuture(new Snapshot(
                ScheduleRecord.decode(e.record.encode()), e.version, e.spec)));
    }

    public record Snapshot(ScheduleRecord record, long version, CompiledScheduleSpec spec) {
    }

    public List<String> scheduleIds(String namespaceId) {
        return entries.values().stream().map(x -> x.record).filter(r -> r.namespaceId.equals(namespaceId))
                .sorted(Comparator.comparing(r -> r.scheduleId)).map(r -> r.scheduleId).toList();
    }

    /** Trigger-immediately, backfills, pause and unpause, as SchedulePatch asks, at {@code now} (epoch millis). */
    public static void applyPatch(ScheduleRecord r, CompiledScheduleSpec spec, SchedulePatch patch, long now) {
        Schedule.Builder schedule = r.scheduleProto().toBuilder();
        if (!patch.getPause().isEmpty()) {
            schedule.getStateBuilder().setPaused(true).setNotes(patch.getPause());
        }
        if (!patch.getUnpause().isEmpty()) {
            schedule.getStateBuilder().setPaused(false).setNotes(patch.getUnpause());
        }
        r.schedule = schedule.build().toByteArray();
        if (patch.hasTriggerImmediately()) {
            Instant at = Instant.ofEpochMilli(now);
            r.buffer.add(ScheduleRunner.pending(at, at, patch.getTriggerImmediately().getOverlapPolicy(), true));
        }
        for (var backfill : patch.getBackfillRequestList()) {
            Instant from = Instant.ofEpochMilli(ScheduleRunner.millis(backfill.getStartTime()));
            Instant to = Instant.ofEpochMilli(ScheduleRunner.millis(backfill.getEndTime()));
            ScheduleOverlapPolicy policy = backfill.getOverlapPolicy();
            // A backfill includes its start time, unlike the regular (exclusive) search.
            for (Instant t : spec.matchingTimes(from.minusMillis(1), to, 1000)) {
                r.buffer.add(ScheduleRunner.pending(t, Instant.ofEpochMilli(now), policy, true));
            }
        }
    }

    /**
     * Usage rows of a schedule operation (none when metering is off or nothing is billed): {@code version} is the
     * version the operation writes, which makes the id unique.
     */
    private List<UsageRecord> usage(ScheduleRecord r, String op, long version, String action, long quantity) {
        if (!metering.enabled() || quantity <= 0) {
            return List.of();
        }
        String namespace;
        try {
            namespace = namespaces.forEngine(r.namespaceId).name(); // billing knows namespaces by name
        } catch (RuntimeException gone) {
            return List.of(); // its namespace was purged: nobody is billed for it any more
        }
        return List.of(ActionCounter.schedule(namespace, r.scheduleId, r.createTimeMillis, op, version, action, quantity,
                clock.millis()));
    }

    private CompletableFuture<Void> save(Entry e, List<UsageRecord> usage) {
        return store.save(e.record, e.version, usage).toCompletableFuture().thenApply(saved -> {
            if (!saved) {
                throw Errors.unavailable("Schedule " + e.record.scheduleId + " was changed by another instance; retry.");
            }
            e.version++;
            return null;
        });
    }

    private void wake(Entry e, Instant at) {
        if (e.wakeup != null) {
            e.wakeup.cancel(false);
        }
        long delay = Math.max(0, at.toEpochMilli() - clock.millis());
        e.wakeup = timer.schedule(() -> tick(e), delay, TimeUnit.MILLISECONDS);
    }

    private void tick(Entry e) {
        if (!entries.containsValue(e)) {
            return;
        }
        if (namespaces.isDeleting(e.record.namespaceId)) {
            // Its namespace is being deleted (loaded before the purge removed it): never act again.
            entries.remove(key(e.record.namespaceId, e.record.scheduleId), e);
            return;
        }
        // Each action the run takes is billed 2 (its workflow's start is billed by that start) with the save.
        e.exclusive(() -> {
            long actionsBefore = e.record.actionCount;
            return runner.run(e.record, e.spec).thenCompose(next -> save(e, usage(e.record, "action",
                    e.version + 1, Actions.SCHEDULE_ACTION, 2 * (e.record.actionCount - actionsBefore)))
                    .thenApply(v -> next));
        })
                .whenComplete((next, error) -> {
                    if (error != null) {
                        LOG.warnf("schedule %s: %s", e.record.scheduleId, error.getMessage());
                        wake(e, clock.instant().plusSeconds(5));
                    } else if (next != null) {
                        wake(e, next);
                    }
                });
    }

    private Entry entry(String namespaceId, String scheduleId) {
        Entry e = entries.get(key(namespaceId, scheduleId));
        if (e == null) {
            throw Errors.notFound("Schedule " + scheduleId + " is not found.");
        }
        return e;
    }

    private static CompiledScheduleSpec compile(Schedule schedule) {
        try {
            return CompiledScheduleSpec.compile(schedule.getSpec());
        } catch (IllegalArgumentException e) {
            throw Errors.invalidArgument(e.getMessage());
        }
    }

    private static String key(String namespaceId, String scheduleId) {
        return namespaceId + "/" + scheduleId;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
