package io.cadenza.dataplane.schedule.spec;

import io.temporal.api.schedule.v1.ScheduleSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Schedules API's time logic as pure functions of a {@link ScheduleSpec}, with Temporal's semantics
 * ({@code service/worker/scheduler/spec.go} and {@code calendar.go}). Each call compiles the spec; callers that
 * evaluate one spec repeatedly (a schedule runner) should hold a {@link CompiledScheduleSpec} instead.
 *
 * <p>Semantics in brief: the spec matches the union of its {@code structured_calendar}, {@code calendar},
 * {@code cron_string} and {@code interval} entries, minus times matching any exclusion, within
 * {@code [start_time, end_time]}, read in {@code timezone_name}. Calendar strings default to second, minute and
 * hour 0 and every day, month and year. Intervals fire at {@code epoch + phase + k * interval}. Times have
 * one-second precision; jitter is a deterministic per-(schedule, nominal time) offset in {@code [0, jitter)}.
 */
public final class ScheduleSpecEvaluator {

    private ScheduleSpecEvaluator() {
    }

    /**
     * Every problem with {@code spec}, empty when it is valid: unparsable calendar or cron strings, out-of-range
     * calendar ranges, intervals under one second, negative phases or phases not below their interval, unknown
     * time zones, and conflicting {@code CRON_TZ}/{@code timezone_name}. Each names the offending entry, e.g.
     * {@code cron_string[0] "61 * * * *": Minute is not in range [0-59]}. Never throws.
     */
    public static List<String> validate(ScheduleSpec spec) {
        return SpecCanonicalizer.canonicalize(spec).problems();
    }

    /**
     * The spec as DescribeSchedule shows it (Temporal's {@code CanonicalizeSpec} then {@code CleanSpec}): calendar
     * and cron strings become {@code structured_calendar} entries (after the given ones), {@code @every} cron
     * strings become intervals, a {@code CRON_TZ} becomes {@code timezone_name}, and each range spells out its end
     * and step. Idempotent, and it matches the same times as the input.
     *
     * @throws IllegalArgumentException when {@link #validate} finds problems
     */
    public static ScheduleSpec normalize(ScheduleSpec spec) {
        return CompiledScheduleSpec.compile(spec).canonicalSpec();
    }

    /** Validates and compiles the spec for repeated evaluation; see {@link CompiledScheduleSpec#compile}. */
    public static CompiledScheduleSpec compile(ScheduleSpec spec) {
        return CompiledScheduleSpec.compile(spec);
    }

    /** The first nominal time strictly after {@code after}; see {@link CompiledScheduleSpec#next}. */
    public static Optional<Instant> next(ScheduleSpec spec, Instant after) {
        return compile(spec).next(after);
    }

    /**
     * Nominal times in {@code (from, to]}, at most {@code max}; see {@link CompiledScheduleSpec#matchingTimes}.
     * For ListScheduleMatchingTimes with Temporal's jittered answers use
     * {@link CompiledScheduleSpec#actionTimes}.
     */
    public static List<Instant> matchingTimes(ScheduleSpec spec, Instant from, Instant to, int max) {
        return compile(spec).matchingTimes(from, to, max);
    }

    /**
     * The action time for a nominal time: {@code nominal} plus deterministic jitter derived from
     * {@code jitterSeed} (pass {@code namespaceId + "-" + scheduleId} to get Temporal's exact times); see
     * {@link CompiledScheduleSpec#withJitter}.
     */
    public static Instant withJitter(ScheduleSpec spec, Instant nominal, String jitterSeed) {
        return compile(spec).withJitter(nominal, jitterSeed);
    }
}
