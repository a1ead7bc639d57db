package io.cadenza.dataplane.schedule.spec;

import io.temporal.api.schedule.v1.IntervalSpec;
import io.temporal.api.schedule.v1.ScheduleSpec;
import io.temporal.api.schedule.v1.StructuredCalendarSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ScheduleSpec} checked, canonicalised and compiled once, for repeated evaluation: Temporal's
 * {@code CompiledSpec} ({@code service/worker/scheduler/spec.go}). Times are whole seconds. A time is a match
 * when any structured calendar or any interval matches it (union), no exclusion calendar matches it, it is not
 * before {@code start_time} (see {@link #next}) and not after {@code end_time}, and it is in a year up to 2100.
 * Intervals are aligned to the Unix epoch plus their phase: {@code epoch + phase + k * interval}. Calendars are
 * read in {@code timezone_name} (UTC when empty). Immutable and thread-safe.
 */
public final class CompiledScheduleSpec {

    /** Consecutive excluded candidates after which {@link #next} gives up (Temporal's limit is configurable). */
    public static final int MAX_ITERATIONS = 1_000_000;
    private static final long NONE = Long.MAX_VALUE;
    private static final long LAST_SECOND_OF_2100 = Instant.parse("2100-12-31T23:59:59Z").getEpochSecond();

    private final ScheduleSpec canonical;
    private final ZoneId zone;
    private final List<CompiledCalendar> calendars;
    private final List<CompiledCalendar> excludes;
    private final long[] intervals;
    private final long[] phases;
    private final Instant startTime;
    private final Instant endTime;
    private final Duration jitter;

    private CompiledScheduleSpec(ScheduleSpec canonical, ZoneId zone) {
        this.canonical = canonical;
        this.zone = zone;
        this.calendars = compile(canonical.getStructuredCalendarList(), zone);
        this.excludes = compile(canonical.getExcludeStructuredCalendarList(), zone);
        this.intervals = new long[canonical.getIntervalCount()];
        this.phases = new long[canonical.getIntervalCount()];
        for (int i = 0; i < intervals.length; i++) {
            IntervalSpec iv = canonical.getInterval(i);
            intervals[i] = Math.max(GoDuration.fromProto(iv.getInterval()).getSeconds(), 1);
            phases[i] = Math.max(GoDuration.fromProto(iv.getPhase()).getSeconds(), 0);
        }
        // an unset start_time reads as the Unix epoch, as Go's AsTime() of nil does
        this.startTime = instant(canonical.getStartTime());
        this.endTime = canonical.hasEndTime() ? instant(canonical.getEndTime()) : null;
        this.jitter = GoDuration.fromProto(canonical.getJitter());
    }

    /**
     * Validates, canonicalises and compiles {@code spec}. Throws {@link IllegalArgumentException} reading
     * {@code Invalid schedule spec: <problem>; <problem>...} when {@link ScheduleSpecEvaluator#validate} finds any.
     */
    public static CompiledScheduleSpec compile(ScheduleSpec spec) {
        Objects.requireNonNull(spec, "spec");
        SpecCanonicalizer.Result result = SpecCanonicalizer.canonicalize(spec);
        if (!result.problems().isEmpty()) {
            throw new IllegalArgumentException("Invalid schedule spec: " + String.join("; ", result.problems()));
        }
        return new CompiledScheduleSpec(result.spec(), result.zone());
    }

    private static List<CompiledCalendar> compile(List<StructuredCalendarSpec> cals, ZoneId zone) {
        List<CompiledCalendar> out = new ArrayList<>(cals.size());
        for (StructuredCalendarSpec cal : cals) {
            out.add(new CompiledCalendar(cal, zone));
        }
        return List.copyOf(out);
    }

    private static Instant instant(com.google.protobuf.Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    /** The canonical form: only structured calendars and intervals, as DescribeSchedule shows the spec. */
    public ScheduleSpec canonicalSpec() {
        return canonical;
    }

    /** The zone calendars are read in. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The first nominal (unjittered) time strictly after {@code after}: Temporal's {@code GetNextTime(...).Nominal}.
     * A search starting before {@code start_time} starts one second before it, so the first second of the
     * window can match. Empty once past {@code end_time} or year 2100.
     *
     * @throws ScheduleComputeLimitException when exclusions reject {@value #MAX_ITERATIONS} candidates in a row
     */
    public Optional<Instant> next(Instant after) {
        long t = after.getEpochSecond();
        if (after.isBefore(startTime.minusSeconds(1))) {
            t = startTime.minusSeconds(1).getEpochSecond();
        }
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            long nominal = rawNext(t);
            if (nominal == NONE || pastEnd(nominal)) {
                return Optional.empty();
            }
            if (!excluded(nominal)) {
                return Optional.of(Instant.ofEpochSecond(nominal));
            }
            t = nominal;
        }
        throw new ScheduleComputeLimitException();
    }

    /** The next time with its jittered action time: Temporal's {@code GetNextTime(jitterSeed, after)}. */
    public Optional<ScheduledTime> nextAction(Instant after, String jitterSeed) {
        return next(after).map(nominal -> new ScheduledTime(nominal, withJitter(nominal, jitterSeed)));
    }

    /**
     * Nominal times in {@code (from, to]}, at most {@code max} of them, in order.
     *
     * @throws ScheduleComputeLimitException as {@link #next}
     */
    public List<Instant> matchingTimes(Instant from, Instant to, int max) {
        List<Instant> out = new ArrayList<>();
        Instant t = from;
        while (out.size() < max) {
            Optional<Instant> next = next(t);
            if (next.isEmpty() || next.get().isAfter(to)) {
                break;
            }
            out.add(next.get());
            t = next.get();
        }
        return out;
    }

    /**
     * Action times in {@code (from, to]} (pass {@link Instant#MAX} for no bound), at most {@code max}, as Temporal
     * lists them for ListScheduleMatchingTimes and a schedule's future action times: each step searches from the
     * previous <em>jittered</em> time and the bound applies to jittered times.
     *
     * @throws ScheduleComputeLimitException as {@link #next}
     */
    public List<ScheduledTime> actionTimes(Instant from, Instant to, int max, String jitterSeed) {
        List<ScheduledTime> out = new ArrayList<>();
        Instant t = from;
        while (out.size() < max) {
            Optional<ScheduledTime> next = nextAction(t, jitterSeed);
            if (next.isEmpty() || next.get().actual().isAfter(to)) {
                break;
            }
            out.add(next.get());
            t = next.get().actual();
        }
        return out;
    }

    /**
     * {@code nominal} plus the deterministic jitter for {@code jitterSeed} (Temporal uses
     * {@code "<namespaceId>-<scheduleId>"}): uniform-looking in {@code [0, jitter)} at millisecond precision,
     * where the bound is the spec's {@code jitter} but never beyond the next nominal time (ignoring exclusions
     * and end time, as Temporal does), so jittered actions stay in order. Meant for times {@link #next} returned.
     */
    public Instant withJitter(Instant nominal, String jitterSeed) {
        Objects.requireNonNull(jitterSeed, "jitterSeed");
        Duration max = jitter;
        long following = rawNext(nominal.getEpochSecond());
        if (following != NONE) {
            Duration gap = Duration.between(nominal, Instant.ofEpochSecond(following));
            if (gap.compareTo(max) < 0) {
                max = gap;
            }
        }
        return Jitter.apply(nominal, max, jitterSeed);
    }

    /** Temporal's {@code rawNextTime}: the earliest calendar or interval match after the second, or NONE. */
    long rawNext(long after) {
        long min = NONE;
        for (CompiledCalendar cal : calendars) {
            long next = cal.next(after);
            if (next >= 0 && next < min) {
                min = next;
            }
        }
        for (int i = 0; i < intervals.length; i++) {
            // Go's integer division truncates toward zero, as Java's does
            long next = (((after - phases[i]) / intervals[i]) + 1) * intervals[i] + phases[i];
            if (next < min) {
                min = next;
            }
        }
        return min;
    }

    private boolean pastEnd(long t) {
        return endTime != null && Instant.ofEpochSecond(t).isAfter(endTime) || t > LAST_SECOND_OF_2100;
    }

    private boolean excluded(long t) {
        for (CompiledCalendar cal : excludes) {
            if (cal.matches(t)) {
                return true;
            }
        }
        return false;
    }
}
