package io.cadenza.dataplane.schedule.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.schedule.v1.CalendarSpec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Temporal's compiled calendar, with the cases of service/worker/scheduler/calendar_test.go. */
class CompiledCalendarTest {

    private static final ZoneId PACIFIC = ZoneId.of("US/Pacific");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static CompiledCalendar calendar(CalendarSpec spec, ZoneId zone) {
        return new CompiledCalendar(CalendarParser.toStructured(spec), zone);
    }

    static CompiledCalendar cron(String cron) {
        CalendarParser.CronString parsed = CalendarParser.parseCronString(cron);
        return new CompiledCalendar(parsed.calendar(), TimeZones.resolve(parsed.timezone()));
    }

    static long local(ZoneId zone, int y, int mo, int d, int h, int m, int s) {
        return LocalDateTime.of(y, mo, d, h, m, s).atZone(zone).toEpochSecond();
    }

    static long at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toEpochSecond();
    }

    @Test
    void theDefaultIsMidnightOnceADay() {
        CompiledCalendar cc = calendar(CalendarSpec.getDefaultInstance(), ZoneOffset.UTC);
        assertThat(cc.matches(at("2022-03-17T00:00:00Z"))).isTrue();
        assertThat(cc.matches(at("2022-03-18T00:00:00Z"))).isTrue();
        assertThat(cc.matches(at("2022-03-18T05:15:00Z"))).isFalse();
        assertThat(cc.matches(local(PACIFIC, 2022, 3, 17, 0, 0, 0))).isFalse();
        assertThat(cc.matches(local(PACIFIC, 2022, 3, 17, 17, 0, 0))).isTrue();
    }

    @Test
    void fieldsMatchInTheCalendarsZone() {
        CompiledCalendar cc = calendar(CalendarSpec.newBuilder().setMinute("5,9").setHour("*/2").build(),
                ZoneOffset.UTC);
        assertThat(cc.matches(at("2022-03-17T14:05:00Z"))).isTrue();
        assertThat(cc.matches(at("2022-03-17T14:05:33Z"))).isFalse();
        assertThat(cc.matches(at("2022-03-17T14:15:00Z"))).isFalse();
        assertThat(cc.matches(local(PACIFIC, 2022, 3, 18, 3, 9, 0))).isTrue();
        assertThat(cc.matches(at("2022-03-18T03:09:00Z"))).isFalse();

        CompiledCalendar both = calendar(CalendarSpec.newBuilder().setSecond("55").setMinute("55").setHour("5")
                .setDayOfWeek("wed-thurs").setDayOfMonth("2/2").build(), PACIFIC);
        // both day fields must match: Wednesday or Thursday, and an even day
        assertThat(both.matches(local(PACIFIC, 2022, 3, 9, 5, 55, 55))).isFalse();
        assertThat(both.matches(local(PACIFIC, 2022, 3, 10, 5, 55, 55))).isTrue();
        assertThat(both.matches(local(PACIFIC, 2022, 3, 14, 5, 55, 55))).isFalse();
        assertThat(both.matches(local(PACIFIC, 2022, 3, 16, 5, 55, 55))).isTrue();
        assertThat(both.matches(at("2022-03-10T13:55:55Z"))).isTrue();
        assertThat(both.matches(at("2022-03-16T13:55:55Z"))).isFalse(); // the offset changed on March 13
        assertThat(both.matches(at("2022-03-16T12:55:55Z"))).isTrue();
    }

    @Test
    void sundayHasManySpellings() {
        long sunday = at("2022-03-06T00:00:00Z");
        long saturday = at("2022-03-05T00:00:00Z");
        long monday = at("2022-03-07T00:00:00Z");
        for (String dow : new String[] {"0", "7", "sun", "*", "0-3", "5-7", "5-7/2", "6-7", "2-7/5", "0-7/7", "0/7"}) {
            assertThat(calendar(CalendarSpec.newBuilder().setDayOfWeek(dow).build(), ZoneOffset.UTC).matches(sunday))
                    .as(dow).isTrue();
        }
        for (String dow : new String[] {"*", "5-7", "6-7", "2/4", "2-7/4"}) {
            assertThat(calendar(CalendarSpec.newBuilder().setDayOfWeek(dow).build(), ZoneOffset.UTC).matches(saturday))
                    .as(dow).isTrue();
        }
        for (String dow : new String[] {"0", "7", "sun", "5-7", "5-7/2", "6-7", "2-7/5", "0-7/7", "0/7"}) {
            assertThat(calendar(CalendarSpec.newBuilder().setDayOfWeek(dow).build(), ZoneOffset.UTC).matches(monday))
                    .as(dow).isFalse();
        }
    }

    @Test
    void nextIncrementsTheRightFields() {
        CompiledCalendar cc = calendar(CalendarSpec.newBuilder().setSecond("55").setMinute("55").setHour("5")
                .setDayOfWeek("wed-thurs").setDayOfMonth("2/2").build(), PACIFIC);
        long target = local(PACIFIC, 2022, 3, 2, 5, 55, 55);
        assertThat(cc.next(local(PACIFIC, 2022, 3, 2, 5, 55, 33))).isEqualTo(target);
        assertThat(cc.next(local(PACIFIC, 2022, 3, 2, 5, 33, 33))).isEqualTo(target);
        assertThat(cc.next(local(PACIFIC, 2022, 3, 2, 3, 33, 33))).isEqualTo(target);
        assertThat(cc.next(local(PACIFIC, 2022, 3, 1, 1, 11, 11))).isEqualTo(target);
        assertThat(cc.next(target)).isEqualTo(local(PACIFIC, 2022, 3, 10, 5, 55, 55));
        assertThat(cc.next(local(PACIFIC, 2022, 3, 10, 5, 55, 55))).isEqualTo(local(PACIFIC, 2022, 3, 16, 5, 55, 55));
    }

    /** Temporal's checkSequence: each next, and next from every second in between, lands on the expected time. */
    static void checkSequence(CompiledCalendar cc, long start, long... expected) {
        for (long exp : expected) {
            long next = cc.next(start);
            assertThat(Instant.ofEpochSecond(next)).isEqualTo(Instant.ofEpochSecond(exp));
            for (long s = start; s < next; s += 7) {
                assertThat(cc.next(s)).as("from %s", Instant.ofEpochSecond(s)).isEqualTo(exp);
            }
            start = next;
        }
    }

    @Test
    void springForwardSkipsTheMissingTimeInPacific() {
        checkSequence(cron("CRON_TZ=US/Pacific 33 33 2 * * * *"),
                local(PACIFIC, 2022, 3, 11, 20, 0, 0),
                local(PACIFIC, 2022, 3, 12, 2, 33, 33),
                // March 13 has no 2:33:33
                local(PACIFIC, 2022, 3, 14, 2, 33, 33));
    }

    @Test
    void fallBackRunsInBothCopiesInPacific() {
        long first = at("2021-11-07T01:33:33-07:00");
        long second = at("2021-11-07T01:44:33-07:00");
        checkSequence(cron("CRON_TZ=US/Pacific 33 33,44 1 * * * *"),
                local(PACIFIC, 2021, 11, 7, 0, 15, 15),
                first, second, first + 3600, second + 3600,
                local(PACIFIC, 2021, 11, 8, 1, 33, 33));
    }

    @Test
    void newYorkDstTransitions() {
        // 02:30 does not exist on 2024-03-10; 01:30 happens twice on 2024-11-03
        checkSequence(cron("CRON_TZ=America/New_York 0 30 2 * * * *"),
                at("2024-03-09T00:00:00-05:00"),
                at("2024-03-09T02:30:00-05:00"), at("2024-03-11T02:30:00-04:00"), at("2024-03-12T02:30:00-04:00"));
        checkSequence(cron("CRON_TZ=America/New_York 0 30 1 * * * *"),
                at("2024-11-03T00:00:00-04:00"),
                at("2024-11-03T01:30:00-04:00"), at("2024-11-03T01:30:00-05:00"), at("2024-11-04T01:30:00-05:00"));
        // hourly keeps every real hour
        checkSequence(cron("CRON_TZ=America/New_York 0 0 * * * * *"),
                at("2024-11-03T00:30:00-04:00"),
                at("2024-11-03T01:00:00-04:00"), at("2024-11-03T01:00:00-05:00"), at("2024-11-03T02:00:00-05:00"));
        checkSequence(cron("CRON_TZ=America/New_York 0 0 * * * * *"),
                at("2024-03-10T00:30:00-05:00"),
                at("2024-03-10T01:00:00-05:00"), at("2024-03-10T03:00:00-04:00"));
        assertThat(calendar(CalendarSpec.newBuilder().setHour("2").setMinute("30").build(), NEW_YORK)
                .matches(at("2024-03-10T03:30:00-04:00"))).isFalse();
    }

    @Test
    void startingInARepeatedHourButNotEndingThere() {
        ZoneId london = ZoneId.of("Europe/London");
        CompiledCalendar cc = calendar(CalendarSpec.newBuilder().setSecond("0").setMinute("1").setHour("0")
                .setDayOfMonth("2").setMonth("Jan").setDayOfWeek("Sun").build(), london);
        assertThat(cc.next(local(london, 2004, 1, 1, 0, 0, 5))).isEqualTo(local(london, 2005, 1, 2, 0, 1, 0));
        assertThat(cc.next(local(london, 2004, 10, 31, 1, 7, 3))).isEqualTo(local(london, 2005, 1, 2, 0, 1, 0));
    }

    @Test
    void lastDayIshRangesAndLeapDays() {
        CompiledCalendar lastDays = calendar(CalendarSpec.newBuilder().setDayOfMonth("29-31").build(),
                ZoneOffset.UTC);
        // February has none of them in 2023: straight to March 29
        assertThat(Instant.ofEpochSecond(lastDays.next(at("2023-01-31T00:00:00Z"))))
                .isEqualTo(Instant.parse("2023-03-29T00:00:00Z"));
        CompiledCalendar leap = calendar(CalendarSpec.newBuilder().setDayOfMonth("29").setMonth("feb").build(),
                ZoneOffset.UTC);
        assertThat(Instant.ofEpochSecond(leap.next(at("2024-03-01T00:00:00Z"))))
                .isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
        CompiledCalendar inYears = calendar(CalendarSpec.newBuilder().setYear("2030,2032").build(), ZoneOffset.UTC);
        assertThat(Instant.ofEpochSecond(inYears.next(at("2030-12-31T00:00:00Z"))))
                .isEqualTo(Instant.parse("2032-01-01T00:00:00Z"));
        assertThat(inYears.next(at("2032-12-31T00:00:00Z"))).isEqualTo(-1);
    }

    @Test
    void daysInMonth() {
        assertThat(CompiledCalendar.daysInMonth(1, 2022)).isEqualTo(31);
        assertThat(CompiledCalendar.daysInMonth(2, 2022)).isEqualTo(28);
        assertThat(CompiledCalendar.daysInMonth(2, 2024)).isEqualTo(29);
        assertThat(CompiledCalendar.daysInMonth(2, 2000)).isEqualTo(29);
        assertThat(CompiledCalendar.daysInMonth(2, 2100)).isEqualTo(28);
        assertThat(CompiledCalendar.daysInMonth(4, 2022)).isEqualTo(30);
        assertThat(CompiledCalendar.daysInMonth(7, 2022)).isEqualTo(31);
        assertThat(CompiledCalendar.daysInMonth(8, 2022)).isEqualTo(31);
        assertThat(CompiledCalendar.daysInMonth(11, 2022)).isEqualTo(30);
        assertThat(CompiledCalendar.daysInMonth(12, 2022)).isEqualTo(31);
    }
}
