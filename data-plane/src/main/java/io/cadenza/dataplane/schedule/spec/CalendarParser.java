package io.cadenza.dataplane.schedule.spec;

import com.google.protobuf.util.Durations;
import io.temporal.api.schedule.v1.CalendarSpec;
import io.temporal.api.schedule.v1.IntervalSpec;
import io.temporal.api.schedule.v1.Range;
import io.temporal.api.schedule.v1.StructuredCalendarSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the Schedules API's string forms into structured ones, as Temporal's
 * {@code service/worker/scheduler/calendar.go} does ({@code parseCalendarToStructured}, {@code parseCronString},
 * {@code makeRange}), with its defaults (second, minute, hour {@code 0}; day of month, month, day of week, year
 * {@code *}), its names (month prefixes of at least three letters, day prefixes of at least two), Sunday as 0 or
 * 7, and its error messages. Note that schedule cron strings differ from workflow cron ({@link CronSchedule}):
 * they take 5 to 7 fields (optional year, then optional seconds in front), no {@code ?}, a {@code # comment},
 * {@code @every interval/phase}, and both day fields must match.
 */
final class CalendarParser {

    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    private static final String[] DAYS = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday"};

    enum Mode { INT, YEAR, MONTH, DOW }

    /** A parsed cron string: either a calendar or an interval, plus the time zone it named ("" if none). */
    record CronString(StructuredCalendarSpec calendar, IntervalSpec interval, String timezone) {
    }

    private CalendarParser() {
    }

    /** {@code parseCalendarToStructured}: all field errors joined with ", ". */
    static StructuredCalendarSpec toStructured(CalendarSpec cal) {
        List<String> errors = new ArrayList<>();
        StructuredCalendarSpec.Builder b = StructuredCalendarSpec.newBuilder()
                .addAllSecond(field(cal.getSecond(), "Second", "0", 0, 59, Mode.INT, errors))
                .addAllMinute(field(cal.getMinute(), "Minute", "0", 0, 59, Mode.INT, errors))
                .addAllHour(field(cal.getHour(), "Hour", "0", 0, 23, Mode.INT, errors))
                .addAllDayOfWeek(field(cal.getDayOfWeek(), "DayOfWeek", "*", 0, 7, Mode.DOW, errors))
                .addAllDayOfMonth(field(cal.getDayOfMonth(), "DayOfMonth", "*", 1, 31, Mode.INT, errors))
                .addAllMonth(field(cal.getMonth(), "Month", "*", 1, 12, Mode.MONTH, errors))
                .addAllYear(field(cal.getYear(), "Year", "*", MIN_YEAR, MAX_YEAR, Mode.YEAR, errors))
                .setComment(cal.getComment());
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", errors));
        }
        return b.build();
    }

    private static List<Range> field(String s, String name, String def, int min, int max, Mode mode,
            List<String> errors) {
        try {
            return makeRange(s, name, def, min, max, mode);
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            return List.of();
        }
    }

    /** {@code parseCronString}: {@code [CRON_TZ=zone] fields [# comment]} or {@code @every d[/phase]}. */
    static CronString parseCronString(String input) {
        String c = input.strip();
        String tz = "";
        if (c.startsWith("TZ=") || c.startsWith("CRON_TZ=")) {
            int space = c.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("CronString has time zone but missing fields");
            }
            String prefix = c.substring(0, space);
            tz = prefix.substring(prefix.indexOf('=') + 1);
            c = c.substring(space + 1);
        }
        String comment = "";
        int hash = c.indexOf('#');
        if (hash >= 0) {
            comment = c.substring(hash + 1).strip();
            c = c.substring(0, hash);
        }
        c = c.strip();
        if (c.startsWith("@every")) {
            // Temporal returns no zone for @every, so "CRON_TZ=X @every 1h" conflicts with "CRON_TZ=X 0 * * * *".
            return new CronString(null, parseInterval(c), "");
        }
        c = switch (c) {
            case "@yearly", "@annually" -> "0 0 1 1 *";
            case "@monthly" -> "0 0 1 * *";
            case "@weekly" -> "0 0 * * 0";
            case "@daily", "@midnight" -> "0 0 * * *";
            case "@hourly" -> "0 * * * *";
            default -> c;
        };
        String[] f = c.isEmpty() ? new String[0] : c.split("\\s+");
        CalendarSpec.Builder cal = CalendarSpec.newBuilder().setComment(comment);
        switch (f.length) {
            case 5 -> cal.setMinute(f[0]).setHour(f[1]).setDayOfMonth(f[2]).setMonth(f[3]).setDayOfWeek(f[4]);
            case 6 -> cal.setMinute(f[0]).setHour(f[1]).setDayOfMonth(f[2]).setMonth(f[3]).setDayOfWeek(f[4])
                    .setYear(f[5]);
            case 7 -> cal.setSecond(f[0]).setMinute(f[1]).setHour(f[2]).setDayOfMonth(f[3]).setMonth(f[4])
                    .setDayOfWeek(f[5]).setYear(f[6]);
            default -> throw new IllegalArgumentException("CronString does not have 5-7 fields");
        }
        return new CronString(toStructured(cal.build()), null, tz);
    }

    private static IntervalSpec parseInterval(String c) {
        int space = c.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("CronString does not have interval after @every");
        }
        String rest = c.substring(space + 1);
        int slash = rest.indexOf('/');
        String interval = slash < 0 ? rest : rest.substring(0, slash);
        String phase = slash < 0 ? "" : rest.substring(slash + 1);
        IntervalSpec.Builder b = IntervalSpec.newBuilder().setInterval(proto(GoDuration.parseWithDays(interval)));
        if (!phase.isEmpty()) {
            b.setPhase(proto(GoDuration.parseWithDays(phase)));
        }
        return b.build();
    }

    private static com.google.protobuf.Duration proto(Duration d) {
        return Durations.fromNanos(d.toNanos());
    }

    /**
     * {@code makeRange}: {@code *}, {@code x}, {@code x-z}, {@code x-z/y}, {@code x/y} (x to max), comma lists.
     * Ranges come out as Temporal stores them: {@code end} 0 when equal to start, {@code step} 0 when 1, and
     * year {@code *} as no ranges at all.
     */
    static List<Range> makeRange(String input, String field, String def, int min, int max, Mode mode) {
        String s = input.strip();
        if (s.isEmpty()) {
            s = def;
        }
        if (s.equals("*") && mode == Mode.YEAR) {
            return List.of();
        }
        List<Range> ranges = new ArrayList<>();
        for (String whole : s.split(",", -1)) {
            String part = whole;
            int step = 1;
            boolean hasStep = false;
            int slashes = count(part, '/');
            if (slashes > 1) {
                throw new IllegalArgumentException(field + " has too many slashes");
            }
            if (slashes == 1) {
                int at = part.indexOf('/');
                String stepText = part.substring(at + 1);
                if (stepText.isEmpty()) {
                    throw new IllegalArgumentException(field + " missing step value");
                }
                part = part.substring(0, at);
                try {
                    step = Integer.parseInt(stepText);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(field + " has invalid Step \"" + stepText + "\"");
                }
                if (step < 1) {
                    throw new IllegalArgumentException(field + " has invalid Step");
                }
                hasStep = true;
            }
            int start = min;
            int end = max;
            if (!part.equals("*")) {
                if (part.contains("-")) {
                    if (count(part, '-') > 1) {
                        throw new IllegalArgumentException(field + " has too many dashes");
                    }
                    int dash = part.indexOf('-');
                    Integer from = value(part.substring(0, dash), min, max, mode);
                    if (from == null) {
                        throw new IllegalArgumentException(field + " Start is not in range [" + min + "-" + max + "]");
                    }
                    start = from;
                    Integer to = value(part.substring(dash + 1), start, max, mode);
                    if (to == null) {
                        throw new IllegalArgumentException(
                                field + " End is before Start or not in range [" + min + "-" + max + "]");
                    }
                    end = to;
                } else {
                    Integer v = value(part, min, max, mode);
                    if (v == null) {
                        throw new IllegalArgumentException(field + " is not in range [" + min + "-" + max + "]");
                    }
                    start = v;
                    if (!hasStep) {
                        end = start; // "x/y" runs from x to max; a lone "x" is just x
                    }
                }
            }
            // Sunday may be written 7: fold it into 0, adding a separate 0 when the range can't simply end at 6.
            if (mode == Mode.DOW && end == 7) {
                if ((7 - start) % step == 0 && (step > 1 || start > 1)) {
                    ranges.add(Range.newBuilder().setStart(0).build());
                    if (start == 7) {
                        continue;
                    }
                }
                end = 6;
            }
            ranges.add(Range.newBuilder().setStart(start).setEnd(start == end ? 0 : end)
                    .setStep(step == 1 ? 0 : step).build());
        }
        return ranges;
    }

    /** {@code parseValue}: the value, or null when it is not a number or name within {@code [min, max]}. */
    private static Integer value(String s, int min, int max, Mode mode) {
        Integer named = null;
        if (mode == Mode.MONTH && s.length() >= 3) {
            named = prefixIndex(MONTHS, s, 1);
        } else if (mode == Mode.DOW && s.length() >= 2) {
            named = prefixIndex(DAYS, s, 0);
        }
        int v;
        if (named != null) {
            v = named;
        } else {
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return v < min || v > max ? null : v;
    }

    private static Integer prefixIndex(String[] names, String s, int base) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.length; i++) {
            if (names[i].startsWith(lower)) {
                return i + base;
            }
        }
        return null;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
