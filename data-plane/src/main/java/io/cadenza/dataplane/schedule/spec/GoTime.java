package io.cadenza.dataplane.schedule.spec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.zone.ZoneRules;

/**
 * Go's {@code time.Date} for a time zone, in epoch seconds. Both cron engines Temporal uses (robfig/cron and the
 * scheduler's calendar) walk wall-clock fields and call {@code time.Date}; their behaviour around daylight-saving
 * transitions depends on how Go resolves a local time that does not exist (spring forward) or exists twice (fall
 * back), which differs from {@link java.time.ZonedDateTime#of}. Go looks up the offset in force at the local
 * time read as UTC, then, if the resulting instant falls outside that offset's period, takes the offset in force
 * at that instant instead. Out-of-range fields (hour 24, day 32, month 13) are normalised as Go does.
 */
final class GoTime {

    private GoTime() {
    }

    /** Epoch seconds of Go's {@code time.Date(year, month, day, hour, minute, second, 0, zone)}. */
    static long date(int year, int month, int day, int hour, int minute, int second, ZoneRules rules) {
        int y = year + Math.floorDiv(month - 1, 12);
        int m = Math.floorMod(month - 1, 12) + 1;
        long local = (LocalDate.of(y, m, 1).toEpochDay() + day - 1) * 86_400L
                + hour * 3_600L + minute * 60L + second;
        int offset = offsetAt(rules, local);
        // Equivalent to Go's "if utc is outside [start, end) of the period found, look it up again": when the
        // instant stays inside the period the second lookup returns the same offset.
        offset = offsetAt(rules, local - offset);
        return local - offset;
    }

    /** The wall-clock fields of an instant in a zone (Go's {@code t.In(loc).Date()} and {@code Clock()}). */
    static LocalDateTime local(long epochSecond, ZoneRules rules) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, rules.getOffset(Instant.ofEpochSecond(epochSecond)));
    }

    /** Go's weekday numbering: Sunday is 0. */
    static int weekday(LocalDateTime t) {
        return t.getDayOfWeek().getValue() % 7;
    }

    private static int offsetAt(ZoneRules rules, long epochSecond) {
        return rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }
}
