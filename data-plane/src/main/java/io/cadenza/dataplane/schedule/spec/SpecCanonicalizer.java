package io.cadenza.dataplane.schedule.spec;

import com.google.protobuf.util.Durations;
import io.temporal.api.schedule.v1.CalendarSpec;
import io.temporal.api.schedule.v1.IntervalSpec;
import io.temporal.api.schedule.v1.Range;
import io.temporal.api.schedule.v1.ScheduleSpec;
import io.temporal.api.schedule.v1.StructuredCalendarSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporal's {@code canonicalizeSpec} and {@code CleanSpec} ({@code service/worker/scheduler/spec.go}): calendar
 * strings and cron strings become structured calendars (appended after the given ones, in order), {@code @every}
 * cron strings become intervals, a {@code CRON_TZ} moves to {@code timezone_name}, and every problem found is
 * collected instead of stopping at the first, so CreateSchedule can name them all.
 */
final class SpecCanonicalizer {

    static final int MAX_COMMENT_LENGTH = 200;

    /** The canonical spec (cleaned, as DescribeSchedule shows it), its zone, and the problems found. */
    record Result(ScheduleSpec spec, ZoneId zone, List<String> problems) {
    }

    private SpecCanonicalizer() {
    }

    static Result canonicalize(ScheduleSpec input) {
        List<String> problems = new ArrayList<>();
        ScheduleSpec.Builder out = input.toBuilder().clearCalendar().clearExcludeCalendar().clearCronString();

        for (int i = 0; i < input.getStructuredCalendarCount(); i++) {
            checkCalendar(input.getStructuredCalendar(i), "structured_calendar[" + i + "]", problems);
        }
        for (int i = 0; i < input.getExcludeStructuredCalendarCount(); i++) {
            // Temporal skips this check for exclusions (out-of-range values then silently never match); a value
            // out of range there is still a mistake worth reporting.
            checkCalendar(input.getExcludeStructuredCalendar(i), "exclude_structured_calendar[" + i + "]", problems);
        }
        for (int i = 0; i < input.getCalendarCount(); i++) {
            StructuredCalendarSpec s = parseCalendar(input.getCalendar(i), "calendar[" + i + "]", problems);
            if (s != null) {
                out.addStructuredCalendar(s);
            }
        }
        for (int i = 0; i < input.getExcludeCalendarCount(); i++) {
            StructuredCalendarSpec s = parseCalendar(input.getExcludeCalendar(i), "exclude_calendar[" + i + "]",
                    problems);
            if (s != null) {
                out.addExcludeStructuredCalendar(s);
            }
        }
        String cronTz = null; // all cron strings must agree on the zone, including on having none
        for (int i = 0; i < input.getCronStringCount(); i++) {
            String cron = input.getCronString(i);
            CalendarParser.CronString parsed;
            try {
                parsed = CalendarParser.parseCronString(cron);
            } catch (IllegalArgumentException e) {
                problems.add("cron_string[" + i + "] \"" + cron + "\": " + e.getMessage());
                continue;
            }
            if (cronTz != null && !cronTz.equals(parsed.timezone())) {
                problems.add("conflicting timezone names: cron_string[" + i + "] \"" + cron + "\" does not use the "
                        + "same CRON_TZ as the cron strings before it");
            }
            cronTz = parsed.timezone();
            if (parsed.calendar() != null) {
                checkCalendar(parsed.calendar(), "cron_string[" + i + "]", problems);
                out.addStructuredCalendar(parsed.calendar());
            }
            if (parsed.interval() != null) {
                out.addInterval(parsed.interval());
            }
        }
        if (cronTz != null && !cronTz.isEmpty()) {
            if (!input.getTimezoneName().isEmpty() && !input.getTimezoneName().equals(cronTz)
                    || !input.getTimezoneData().isEmpty()) {
                problems.add("conflicting timezone names: CRON_TZ=" + cronTz + " but timezone_name is \""
                        + input.getTimezoneName() + "\"");
            } else {
                out.setTimezoneName(cronTz);
            }
        }
        for (int i = 0; i < out.getIntervalCount(); i++) {
            checkInterval(out.getInterval(i), "interval[" + i + "]", problems);
        }
        ZoneId zone = ZoneOffset.UTC;
        try {
            zone = TimeZones.resolve(out.getTimezoneName());
        } catch (IllegalArgumentException e) {
            String hint = input.getTimezoneData().isEmpty() ? "" : " (timezone_data is not supported; the zone "
                    + "must be a known IANA name)";
            problems.add("timezone_name: " + e.getMessage() + hint);
        }
        clean(out);
        return new Result(out.build(), zone, List.copyOf(problems));
    }

    private static StructuredCalendarSpec parseCalendar(CalendarSpec cal, String where, List<String> problems) {
        try {
            StructuredCalendarSpec s = CalendarParser.toStructured(cal);
            checkCalendar(s, where, problems);
            return s;
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code validateStructuredCalendar}, with Temporal's wording. */
    private static void checkCalendar(StructuredCalendarSpec s, String where, List<String> problems) {
        List<String> errs = new ArrayList<>();
        checkRanges(s.getSecondList(), "Second", 0, 59, errs);
        checkRanges(s.getMinuteList(), "Minute", 0, 59, errs);
        checkRanges(s.getHourList(), "Hour", 0, 23, errs);
        checkRanges(s.getDayOfMonthList(), "DayOfMonth", 1, 31, errs);
        checkRanges(s.getMonthList(), "Month", 1, 12, errs);
        checkRanges(s.getYearList(), "Year", CalendarParser.MIN_YEAR, CalendarParser.MAX_YEAR, errs);
        checkRanges(s.getDayOfWeekList(), "DayOfWeek", 0, 6, errs);
        if (s.getComment().length() > MAX_COMMENT_LENGTH) {
            errs.add("comment is too long");
        }
        if (!errs.isEmpty()) {
            problems.add(where + ": invalid calendar spec: " + String.join(", ", errs));
        }
    }

    private static void checkRanges(List<Range> ranges, String field, int min, int max, List<String> errs) {
        for (Range r : ranges) {
            if (r.getStart() < min || r.getStart() > max) {
                errs.add(field + " Start is not in range [" + min + "-" + max + "]");
            }
            if (r.getEnd() != 0 && (r.getEnd() < r.getStart() || r.getEnd() > max)) {
                errs.add(field + " End is before Start or not in range [" + min + "-" + max + "]");
            }
            if (r.getStep() < 0) {
                errs.add(field + " has invalid Step");
            }
        }
    }

    /** Temporal's {@code validateScheduleIntervalDurations} and {@code validateInterval}. */
    private static void checkInterval(IntervalSpec iv, String where, List<String> problems) {
        if (iv.hasInterval() && !Durations.isValid(iv.getInterval())) {
            problems.add(where + ": interval is not a valid duration");
            return;
        }
        if (iv.hasPhase() && !Durations.isValid(iv.getPhase())) {
            problems.add(where + ": phase is not a valid duration");
            return;
        }
        Duration interval = GoDuration.fromProto(iv.getInterval());
        Duration phase = GoDuration.fromProto(iv.getPhase());
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(where + ": interval is too small (it must be at least 1s)");
        } else if (phase.isNegative()) {
            problems.add(where + ": phase is negative");
        } else if (phase.compareTo(interval) >= 0) {
            problems.add(where + ": phase cannot be greater than Interval (it must be less than the interval)");
        }
    }

    /** {@code CleanSpec}: an end below the start becomes the start, a step of 0 becomes 1. Same meaning. */
    private static void clean(ScheduleSpec.Builder spec) {
        for (StructuredCalendarSpec.Builder cal : spec.getStructuredCalendarBuilderList()) {
            clean(cal);
        }
        for (StructuredCalendarSpec.Builder cal : spec.getExcludeStructuredCalendarBuilderList()) {
            clean(cal);
        }
    }

    private static void clean(StructuredCalendarSpec.Builder cal) {
        cleanRanges(cal.getSecondBuilderList());
        cleanRanges(cal.getMinuteBuilderList());
        cleanRanges(cal.getHourBuilderList());
        cleanRanges(cal.getDayOfMonthBuilderList());
        cleanRanges(cal.getMonthBuilderList());
        cleanRanges(cal.getYearBuilderList());
        cleanRanges(cal.getDayOfWeekBuilderList());
    }

    private static void cleanRanges(List<Range.Builder> ranges) {
        for (Range.Builder r : ranges) {
            if (r.getEnd() < r.getStart()) {
                r.setEnd(r.getStart());
            }
            if (r.getStep() == 0) {
                r.setStep(1);
            }
        }
    }
}
