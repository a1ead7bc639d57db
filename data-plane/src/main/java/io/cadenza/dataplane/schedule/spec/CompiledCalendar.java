package io.cadenza.dataplane.schedule.spec;

import io.temporal.api.schedule.v1.Range;
import io.temporal.api.schedule.v1.StructuredCalendarSpec;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.List;

/**
 * One {@link StructuredCalendarSpec} compiled for matching in a time zone: Temporal's {@code compiledCalendar}
 * ({@code service/worker/scheduler/calendar.go}). A time matches when every field matches; an empty range list
 * matches nothing, except for year, where it matches every year. {@link #next} is a port of Temporal's search,
 * including its daylight-saving rules: a wall-clock time repeated by fall-back fires in both copies, and a time
 * skipped by spring-forward does not fire that day. Ranges must have been validated (see
 * {@link SpecCanonicalizer}).
 */
final class CompiledCalendar {

    private static final long HOUR = 3600;

    private final ZoneRules rules;
    private final BitSet years; // null: every year
    private final BitSet months;
    private final BitSet daysOfMonth;
    private final BitSet daysOfWeek;
    private final BitSet hours;
    private final BitSet minutes;
    private final BitSet seconds;

    CompiledCalendar(StructuredCalendarSpec cal, ZoneId zone) {
        this.rules = zone.getRules();
        this.years = cal.getYearCount() == 0 ? null : bits(cal.getYearList());
        this.months = bits(cal.getMonthList());
        this.daysOfMonth = bits(cal.getDayOfMonthList());
        this.daysOfWeek = bits(cal.getDayOfWeekList());
        this.hours = bits(cal.getHourList());
        this.minutes = bits(cal.getMinuteList());
        this.seconds = bits(cal.getSecondList());
    }

    /** Temporal's {@code iterateRanges}: end below start means start alone, step 0 means 1. */
    private static BitSet bits(List<Range> ranges) {
        BitSet bits = new BitSet();
        for (Range r : ranges) {
            int step = r.getStep() == 0 ? 1 : r.getStep();
            int end = Math.max(r.getEnd(), r.getStart());
            for (int v = r.getStart(); v <= end; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private boolean year(int y) {
        return years == null || years.get(y);
    }

    /** Whether the instant (whole seconds) matches every field, read in the calendar's zone. */
    boolean matches(long epochSecond) {
        LocalDateTime t = GoTime.local(epochSecond, rules);
        return year(t.getYear()) && months.get(t.getMonthValue()) && daysOfMonth.get(t.getDayOfMonth())
                && daysOfWeek.get(GoTime.weekday(t)) && hours.get(t.getHour()) && minutes.get(t.getMinute())
                && seconds.get(t.getSecond());
    }

    /**
     * The earliest matching whole second strictly after {@code afterEpochSecond}, or -1 if none up to year
     * {@value CalendarParser#MAX_YEAR}. A line-by-line port of Temporal's {@code compiledCalendar.next}.
     */
    long next(long afterEpochSecond) {
        LocalDateTime ts = GoTime.local(afterEpochSecond, rules);
        int y = ts.getYear();
        int mo = ts.getMonthValue();
        int d = ts.getDayOfMonth();
        int h = ts.getHour();
        int m = ts.getMinute();
        int s = ts.getSecond();
        long dstOffset = 0;
        if (GoTime.local(afterEpochSecond - HOUR, rules).getHour() == h) {
            dstOffset = HOUR; // we are in the second copy of a repeated hour
        }
        s++;
        outer:
        while (true) {
            if (s >= 60) {
                m++;
                s = 0;
            }
            if (m >= 60) {
                long prev = GoTime.date(y, mo, d, h, 0, 0, rules);
                h++;
                m = 0;
                long following = GoTime.date(y, mo, d, h, 0, 0, rules);
                // two hours between consecutive hours: we stepped over a repeated hour; do it again, shifted
                if (dstOffset == 0 && following - prev > HOUR) {
                    h--;
                    dstOffset = HOUR;
                } else {
                    dstOffset = 0;
                }
            }
            if (h >= 24) {
                d++;
                h = 0;
            }
            if (d > daysInMonth(mo, y)) {
                mo++;
                d = 1;
            }
            if (mo > 12) {
                y++;
                mo = 1;
            }
            if (y > CalendarParser.MAX_YEAR) {
                return -1;
            }
            if (!year(y)) {
                y++;
                mo = 1;
                d = 1;
                h = 0;
                m = 0;
                s = 0;
                dstOffset = 0;
                continue;
            }
            while (!months.get(mo)) {
                mo++;
                d = 1;
                h = 0;
                m = 0;
                s = 0;
                dstOffset = 0;
                if (mo > 12) {
                    continue outer;
                }
            }
            while (!daysOfMonth.get(d)
                    || !daysOfWeek.get(GoTime.weekday(GoTime.local(GoTime.date(y, mo, d, h, m, s, rules), rules)))) {
                d++;
                h = 0;
                m = 0;
                s = 0;
                dstOffset = 0;
                if (d > daysInMonth(mo, y)) {
                    continue outer;
                }
            }
            while (!hours.get(h)) {
                h++;
                m = 0;
                s = 0;
                dstOffset = 0;
                if (h >= 24) {
                    continue outer;
                }
            }
            while (!minutes.get(m)) {
                m++;
                s = 0;
                if (m >= 60) {
                    continue outer;
                }
            }
            while (!seconds.get(s)) {
                s++;
                if (s >= 60) {
                    continue outer;
                }
            }
            long next = GoTime.date(y, mo, d, h, m, s, rules);
            // a wall-clock time skipped by a DST jump resolves to another hour: move on to the next hour
            if (GoTime.local(next, rules).getHour() != h) {
                h++;
                m = 0;
                s = 0;
                continue;
            }
            return next + dstOffset;
        }
    }

    static int daysInMonth(int month, int year) {
        if (month == 2) {
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return 30 + ((0b1010110101010 >> month) & 1);
    }
}
