package io.cadenza.dataplane.schedule.spec;

import io.temporal.api.schedule.v1.SchedulePolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of a schedule's times between its last processed time and now still run: the CHASM scheduler's
 * {@code ProcessTimeRange} ({@code chasm/lib/scheduler/spec_processor.go}) for automatic (non-backfill) actions.
 * Every action time {@code t} in {@code (lastProcessed, now]} is considered in order; it is missed when
 * {@code now - t} exceeds the catch-up window, dropped when the buffer has no room left, and started otherwise.
 *
 * <p>The caller keeps two rules of Temporal's generator outside: it raises {@code lastProcessed} to the
 * schedule's last update time before calling (so times before an update never run), and while the schedule is
 * paused or has no remaining actions it does not call this at all, but sets the high-water mark to now and
 * sleeps until {@code spec.nextAction(now, seed)}.
 */
public final class CatchUp {

    /** Temporal's default catch-up window when none is set: one year. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(365);
    /** Temporal's smallest catch-up window: shorter ones are raised to it. */
    public static final Duration MINIMUM_WINDOW = Duration.ofSeconds(10);

    /**
     * The outcome of one pass.
     *
     * @param start times to hand to the overlap policy now, in order (buffered starts)
     * @param missed how many times were older than the catch-up window (Temporal adds this to
     *     {@code missed_catchup_window})
     * @param dropped how many times found the buffer full (Temporal adds this to {@code buffer_dropped})
     * @param highWaterMark the new last processed time: the last time considered, or {@code now} if there was none
     * @param nextWakeup the first action time after {@code now}, when to run the next pass; empty when the
     *     schedule has no more times
     */
    public record Result(List<ScheduledTime> start, long missed, long dropped, Instant highWaterMark,
            Optional<Instant> nextWakeup) {
    }

    private CatchUp() {
    }

    /** The catch-up window in force: unset or not positive means one year, otherwise at least ten seconds. */
    public static Duration window(SchedulePolicies policies) {
        if (!policies.hasCatchupWindow()) {
            return DEFAULT_WINDOW;
        }
        Duration configured = GoDuration.fromProto(policies.getCatchupWindow());
        if (configured.isNegative() || configured.isZero()) {
            return DEFAULT_WINDOW;
        }
        return configured.compareTo(MINIMUM_WINDOW) < 0 ? MINIMUM_WINDOW : configured;
    }

    /**
     * Processes the action times in {@code (lastProcessed, now]}.
     *
     * @param window the catch-up window in force (see {@link #window})
     * @param capacity how many more starts the buffer takes; times beyond it are dropped
     * @throws ScheduleComputeLimitException when the spec's exclusions defeat the search
     */
    public static Result process(CompiledScheduleSpec spec, String jitterSeed, Instant lastProcessed, Instant now,
            Duration window, int capacity) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(jitterSeed, "jitterSeed");
        Instant end = now.isBefore(lastProcessed) ? lastProcessed : now; // time went backwards: process nothing
        List<ScheduledTime> start = new ArrayList<>();
        long missed = 0;
        long dropped = 0;
        Instant highWaterMark = end;
        Optional<ScheduledTime> next = spec.nextAction(lastProcessed, jitterSeed);
        while (next.isPresent() && !next.get().actual().isAfter(end)) {
            ScheduledTime t = next.get();
            highWaterMark = t.actual();
            if (Duration.between(t.actual(), end).compareTo(window) > 0) {
                missed++;
            } else if (start.size() >= capacity) {
                dropped++;
            } else {
                start.add(t);
            }
            next = spec.nextAction(t.actual(), jitterSeed);
        }
        return new Result(List.copyOf(start), missed, dropped, highWaterMark, next.map(ScheduledTime::actual));
    }
}
