package io.cadenza.dataplane.schedule.spec;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workflow's {@code cron_schedule}, with the semantics of Temporal's {@code common/backoff/cron.go}, which uses
 * robfig/cron v3's {@code cron.ParseStandard}:
 * <ul>
 *   <li>five fields: minute, hour, day of month, month, day of week (0-6, Sunday = 0), each {@code *}, {@code ?},
 *       a value, a range {@code a-b}, a step {@code *}{@code /n}, {@code a-b/n} or {@code a/n} (= a to max),
 *       or a comma list of those; three-letter names ({@code JAN}, {@code MON}) in any case;</li>
 *   <li>when neither day field is a star, a day matches if either matches (classic cron);</li>
 *   <li>{@code @yearly}/{@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}/{@code @midnight},
 *       {@code @hourly}, and {@code @every <Go duration>} (e.g. {@code 1h30m}; below one second it is one
 *       second, and fractions of a second are dropped);</li>
 *   <li>an optional {@code CRON_TZ=<IANA zone>} or {@code TZ=<zone>} prefix; without one the schedule is in UTC.</li>
 * </ul>
 * Parsing of the five fields is cron-utils'; the search for the next time is robfig's ({@link CronFields}).
 * Instances are immutable and thread-safe.
 */
public final class CronSchedule {

    /** robfig's field rules: strict ranges, day of week 0-6 (7 is rejected, as ParseStandard does). */
    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(0, 6).withMondayDoWValue(1).withStrictRange().and()
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);
    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final String EVERY = "@every ";
    /** Smallest and largest values of minute, hour, day of month, month, day of week. */
    private static final int[] FIELD_MIN = {0, 0, 1, 1, 0};
    private static final int[] FIELD_MAX = {59, 23, 31, 12, 6};
    /** A satisfiable five-field expression matches within any five years; check from a fixed date to stay pure. */
    private static final Instant SATISFIABILITY_PROBE = Instant.parse("2001-01-01T00:00:00Z");

    private final String expression;
    private final ZoneId zone;
    private final CronFields fields;
    private final long everySeconds;

    private CronSchedule(String expression, ZoneId zone, CronFields fields, long everySeconds) {
        this.expression = expression;
        this.zone = zone;
        this.fields = fields;
        this.everySeconds = everySeconds;
    }

    /**
     * Parses a {@code cron_schedule}. Throws {@link IllegalArgumentException} whose message reads
     * {@code Invalid cron schedule "<expr>": <why>}, suitable for an InvalidArgument status as is.
     */
    public static CronSchedule parse(String expr) {
        Objects.requireNonNull(expr, "expr");
        try {
            return doParse(expr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid cron schedule \"" + expr + "\": " + e.getMessage(), e);
        }
    }

    private static CronSchedule doParse(String expr) {
        String spec = expr.strip();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("empty spec string");
        }
        ZoneId zone = ZoneOffset.UTC;
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            int space = firstWhitespace(spec);
            if (space < 0) {
                throw new IllegalArgumentException("missing schedule fields after the time zone");
            }
            String name = spec.substring(spec.indexOf('=') + 1, space);
            zone = TimeZones.resolve(name);
            spec = spec.substring(space).strip();
        }
        if (spec.startsWith("@")) {
            if (spec.startsWith(EVERY)) {
                return new CronSchedule(expr, zone, null, everySeconds(spec.substring(EVERY.length()).strip()));
            }
            String standard = DESCRIPTORS.get(spec);
            if (standard == null) {
                throw new IllegalArgumentException("unrecognized descriptor " + spec + " (expected @yearly, "
                        + "@annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>)");
            }
            spec = standard;
        }
        String[] parts = spec.split("\\s+");
        if (parts.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields (minute hour day-of-month month "
                    + "day-of-week), found " + parts.length);
        }
        CronFields fields = CronFields.of(parseFields(parts));
        CronSchedule schedule = new CronSchedule(expr, zone, fields, 0);
        if (schedule.next(SATISFIABILITY_PROBE).isEmpty()) {
            throw new IllegalArgumentException("no time can be found to satisfy the schedule");
        }
        return schedule;
    }

    private static com.cronutils.model.Cron parseFields(String[] fields) {
        String[] normalized = new String[5];
        for (int i = 0; i < 5; i++) {
            normalized[i] = robfigToCommon(fields[i], FIELD_MIN[i], FIELD_MAX[i]);
        }
        try {
            return PARSER.parse(String.join(" ", normalized)).validate();
        } catch (IllegalArgumentException e) {
            String why = Objects.requireNonNullElse(e.getMessage(), "invalid expression")
                    .replace("Failed to parse cron expression. ", "");
            if (why.contains("Value 7 not in range [0, 6]")) {
                why += " (day of week runs 0-6 with Sunday = 0, or SUN-SAT)";
            }
            throw new IllegalArgumentException(why, e);
        }
    }

    /**
     * Rewrites the syntax robfig accepts and cron-utils does not into an equivalent cron-utils understands:
     * {@code ?} is {@code *}; empty list items are ignored ({@code 1,,2}); and a step larger than the field's
     * maximum ({@code *}{@code /60} minutes, {@code 0 *}{@code /24 * * *}) leaves only the range's start, which
     * robfig marks as no star, exactly like the plain start value.
     */
    static String robfigToCommon(String field, int min, int max) {
        List<String> parts = new ArrayList<>();
        for (String part : field.replace('?', '*').split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int slash = part.indexOf('/');
            if (slash > 0 && slash == part.lastIndexOf('/') && isNumber(part.substring(slash + 1))
                    && Integer.parseInt(part.substring(slash + 1)) > max) {
                String base = part.substring(0, slash);
                String[] ends = base.split("-", -1);
                if (base.equals("*")) {
                    part = Integer.toString(min);
                } else if (ends.length == 1) {
                    part = base;
                } else if (ends.length == 2 && isNumber(ends[0]) && isNumber(ends[1])
                        && Integer.parseInt(ends[0]) <= Integer.parseInt(ends[1])
                        && Integer.parseInt(ends[1]) <= max) {
                    part = ends[0] + "-" + ends[0];
                }
            }
            parts.add(part);
        }
        return parts.isEmpty() ? field : String.join(",", parts);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long everySeconds(String duration) {
        Duration d;
        try {
            d = GoDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to parse duration @every " + duration + ": " + e.getMessage());
        }
        // robfig's Every(): below one second is one second, and sub-second parts are dropped.
        return Math.max(d.getSeconds(), 1);
    }

    private static int firstWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    /** The zone the fields are read in: the {@code CRON_TZ} prefix, else UTC. */
    public ZoneId zone() {
        return zone;
    }

    /** For {@code @every} schedules, the delay between runs (whole seconds, at least one). */
    public Optional<Duration> every() {
        return everySeconds > 0 ? Optional.of(Duration.ofSeconds(everySeconds)) : Optional.empty();
    }

    /**
     * The first scheduled time strictly after {@code after}, at whole-second precision, as robfig's
     * {@code Schedule.Next}. For {@code @every d} that is {@code after} truncated to the second plus {@code d}:
     * the cadence is relative to the given time, not to a fixed grid. Empty when no time matches within five
     * years (Temporal's zero time).
     */
    public Optional<Instant> next(Instant after) {
        long seconds = after.getEpochSecond(); // Instant seconds floor, so this drops the nanoseconds
        if (fields == null) {
            return Optional.of(Instant.ofEpochSecond(seconds + everySeconds));
        }
        long next = fields.next(seconds, zone);
        return next < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(next));
    }

    /**
     * How long to wait before the next run starts: Temporal's {@code GetBackoffForNextSchedule(cron,
     * scheduledTime, now)}. {@code lastRunStart} is the run's scheduled <em>execution time</em> (Temporal's
     * {@code ExecutionTime}: its start plus its first workflow task backoff), not the moment it completed.
     * If {@code now} is before it, the wait is until it. Otherwise the schedule is stepped forward from it until
     * the first time at or after {@code now}; for {@code @every} this is why runs stay on the grid
     * {@code lastRunStart + k * every} even when a run overran. The result is rounded up to whole seconds.
     * Empty (Temporal's {@code NoBackoff}) when the schedule has no further time: the workflow is not continued.
     */
    public Optional<Duration> backoff(Instant now, Instant lastRunStart) {
        Instant next;
        if (now.isBefore(lastRunStart)) {
            next = lastRunStart;
        } else {
            Optional<Instant> candidate = firstAtOrAfter(lastRunStart, now);
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            next = candidate.get();
        }
        Duration wait = Duration.between(now, next);
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Optional.of(Duration.ofSeconds(seconds));
    }

    /**
     * The wait before a new cron workflow's first run: Temporal's
     * {@code GetBackoffForNextScheduleNonNegative(cron, now, now)}, never negative, zero when there is no time.
     */
    public Duration firstRunBackoff(Instant now) {
        return backoff(now, now).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }

    /**
     * Temporal loops {@code next = Next(next)} from {@code start} while {@code next < now}. Both schedule kinds
     * are memoryless, so the same answer comes from jumping close to {@code now} first, without iterating over
     * every missed time of a long-idle workflow.
     */
    private Optional<Instant> firstAtOrAfter(Instant start, Instant now) {
        if (fields == null) {
            long base = start.getEpochSecond();
            long steps = 1;
            long gap = now.getEpochSecond() - base;
            if (gap > everySeconds) {
                steps = gap / everySeconds;
            }
            Instant next = Instant.ofEpochSecond(base + steps * everySeconds);
            while (next.isBefore(now)) {
                next = next.plusSeconds(everySeconds);
            }
            return Optional.of(next);
        }
        Instant from = start;
        Instant jump = now.minusSeconds(1);
        if (jump.isAfter(from)) {
            from = jump;
        }
        Optional<Instant> next = next(from);
        while (next.isPresent() && next.get().isBefore(now)) {
            next = next(next.get());
        }
        return next;
    }

    @Override
    public String toString() {
        return expression;
    }
}
