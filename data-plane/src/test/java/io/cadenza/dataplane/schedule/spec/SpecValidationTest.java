package io.cadenza.dataplane.schedule.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.schedule.v1.CalendarSpec;
import io.temporal.api.schedule.v1.IntervalSpec;
import io.temporal.api.schedule.v1.Range;
import io.temporal.api.schedule.v1.ScheduleSpec;
import io.temporal.api.schedule.v1.StructuredCalendarSpec;
import org.junit.jupiter.api.Test;

/** validate and normalize, with the cases of Temporal's TestCanonicalize (spec_test.go). */
class SpecValidationTest {

    static Range r(int start, int end, int step) {
        return Range.newBuilder().setStart(start).setEnd(end).setStep(step).build();
    }

    static Range r(int start) {
        return Range.newBuilder().setStart(start).build();
    }

    /** {Hour: "5,7", Minute: "23"} as DescribeSchedule shows it: ranges spelled out. */
    static final StructuredCalendarSpec FIVE_AND_SEVEN_TWENTY_THREE = StructuredCalendarSpec.newBuilder()
            .addSecond(r(0, 0, 1)).addMinute(r(23, 23, 1)).addHour(r(5, 5, 1)).addHour(r(7, 7, 1))
            .addDayOfMonth(r(1, 31, 1)).addMonth(r(1, 12, 1)).addDayOfWeek(r(0, 6, 1)).build();

    static ScheduleSpec cron(String... crons) {
        ScheduleSpec.Builder b = ScheduleSpec.newBuilder();
        for (String c : crons) {
            b.addCronString(c);
        }
        return b.build();
    }

    @Test
    void anEmptySpecIsValidAndStaysEmpty() {
        assertThat(ScheduleSpecEvaluator.validate(ScheduleSpec.getDefaultInstance())).isEmpty();
        assertThat(ScheduleSpecEvaluator.normalize(ScheduleSpec.getDefaultInstance()))
                .isEqualTo(ScheduleSpec.getDefaultInstance());
    }

    @Test
    void everyBecomesAnInterval() {
        assertThat(ScheduleSpecEvaluator.normalize(cron("@every 43h"))).isEqualTo(ScheduleSpec.newBuilder()
                .addInterval(IntervalSpec.newBuilder().setInterval(Durations.fromHours(43))).build());
    }

    @Test
    void calendarsAndCronStringsBecomeStructuredCalendarsLeavingTheRestAlone() {
        assertThat(ScheduleSpecEvaluator.normalize(ScheduleSpec.newBuilder()
                .addCalendar(CalendarSpec.newBuilder().setHour("5,7").setMinute("23")).build()))
                .isEqualTo(ScheduleSpec.newBuilder().addStructuredCalendar(FIVE_AND_SEVEN_TWENTY_THREE).build());

        ScheduleSpec rest = ScheduleSpec.newBuilder().setJitter(Durations.fromMinutes(5))
                .setStartTime(Timestamps.fromSeconds(1_647_993_600)).setTimezoneName("Europe/London").build();
        assertThat(ScheduleSpecEvaluator.normalize(rest.toBuilder().addCronString("23 5,7 * * *").build()))
                .isEqualTo(rest.toBuilder().addStructuredCalendar(FIVE_AND_SEVEN_TWENTY_THREE).build());
    }

    @Test
    void cronTzMovesToTheTimezoneNameWhenTheyAgree() {
        assertThat(ScheduleSpecEvaluator.normalize(cron("CRON_TZ=Europe/London 23 5,7 * * *")))
                .isEqualTo(ScheduleSpec.newBuilder().addStructuredCalendar(FIVE_AND_SEVEN_TWENTY_THREE)
                        .setTimezoneName("Europe/London").build());
        ScheduleSpec agreeing = cron("CRON_TZ=Europe/London 23 5,7 * * *").toBuilder()
                .setTimezoneName("Europe/London").build();
        assertThat(ScheduleSpecEvaluator.validate(agreeing)).isEmpty();
    }

    @Test
    void conflictingZonesAreRejected() {
        ScheduleSpec mismatch = cron("CRON_TZ=America/New_York 23 5,7 * * *").toBuilder()
                .setTimezoneName("Europe/London").build();
        assertThat(ScheduleSpecEvaluator.validate(mismatch)).singleElement().asString()
                .contains("conflicting timezone names");
        assertThat(ScheduleSpecEvaluator.validate(
                cron("CRON_TZ=Europe/London 23 5,7 * * *", "CRON_TZ=America/New_York 23 5,7 * * *")))
                .singleElement().asString().contains("conflicting timezone names");
        assertThat(ScheduleSpecEvaluator.validate(cron("CRON_TZ=Europe/London 23 5,7 * * *", "23 5,7 * * *")))
                .isNotEmpty();
        assertThat(ScheduleSpecEvaluator.validate(cron("23 5,7 * * *", "CRON_TZ=Europe/London 23 5,7 * * *")))
                .isNotEmpty();
    }

    @Test
    void everyCarriesNoZoneSoItConflictsWithCronTz() {
        // Temporal's parseCronString returns no zone for @every, even after a CRON_TZ prefix
        assertThat(ScheduleSpecEvaluator.validate(cron("CRON_TZ=America/New_York 0 9 * * *", "@every 1h")))
                .singleElement().asString().contains("conflicting timezone names");
        assertThat(ScheduleSpecEvaluator.validate(cron("@every 1h", "@every 90m/15m"))).isEmpty();
    }

    @Test
    void badIntervalsAreRejected() {
        assertThat(ScheduleSpecEvaluator.validate(ScheduleSpec.newBuilder().addInterval(
                IntervalSpec.newBuilder().setInterval(Durations.fromHours(-43))).build()))
                .containsExactly("interval[0]: interval is too small (it must be at least 1s)");
        assertThat(ScheduleSpecEvaluator.validate(ScheduleSpec.newBuilder().addInterval(
                IntervalSpec.getDefaultInstance()).build()))
                .containsExactly("interval[0]: interval is too small (it must be at least 1s)");
        assertThat(ScheduleSpecEvaluator.validate(ScheduleSpec.newBuilder().addInterval(IntervalSpec.newBuilder()
                .setInterval(Durations.fromHours(3)).setPhase(Durations.fromHours(4))).build()))
                .singleElement().asString().contains("phase cannot be greater than Interval");
        assertThat(ScheduleSpecEvaluator.validate(ScheduleSpec.newBuilder().addInterval(IntervalSpec.newBuilder()
                .setInterval(Durations.fromHours(3)).setPhase(Durations.fromHours(3))).build())).hasSize(1);
        assertThat(ScheduleSpecEvaluator.validate(ScheduleSpec.newBuilder().addInterval(IntervalSpec.newBuilder()
                .setInterval(Durations.fromHours(3)).setPhase(Durations.fromSeconds(-1))).build()))
                .containsExactly("interval[0]: phase is negative");
        assertThat(ScheduleSpecEvaluator.validate(ScheduleSpec.newBuilder().addInterval(IntervalSpec.newBuilder()
                .setInterval(com.google.protobuf.Duration.newBuilder().setSeconds(5).setNanos(-3))).build()))
                .containsExactly("interval[0]: interval is not a valid duration");
    }

    @Test
    void outOfRangeStructuredCalendarsAreRejected() {
        StructuredCalendarSpec[] bad = {
            StructuredCalendarSpec.newBuilder().addSecond(r(100)).build(),
            StructuredCalendarSpec.newBuilder().addSecond(r(-3)).build(),
            StructuredCalendarSpec.newBuilder().addSecond(r(30, 60, 0)).build(),
            StructuredCalendarSpec.newBuilder().addSecond(r(30, 40, -3)).build(),
            StructuredCalendarSpec.newBuilder().addMinute(r(60)).build(),
            StructuredCalendarSpec.newBuilder().addHour(r(0, 24, 0)).build(),
            StructuredCalendarSpec.newBuilder().addHour(r(24, 26, 0)).build(),
            StructuredCalendarSpec.newBuilder().addHour(r(16, 12, 0)).build(),
            StructuredCalendarSpec.newBuilder().addDayOfMonth(r(0)).build(),
            StructuredCalendarSpec.newBuilder().addDayOfMonth(r(0, 33, 0)).build(),
            StructuredCalendarSpec.newBuilder().addMonth(r(0)).build(),
            StructuredCalendarSpec.newBuilder().addMonth(r(0, 13, 0)).build(),
            StructuredCalendarSpec.newBuilder().addDayOfWeek(r(7)).build(),
            StructuredCalendarSpec.newBuilder().addDayOfWeek(r(6, 7, 0)).build(),
            StructuredCalendarSpec.newBuilder().addYear(r(1999)).build(),
            StructuredCalendarSpec.newBuilder().addYear(r(2112)).build(),
        };
        for (StructuredCalendarSpec cal : bad) {
            assertThat(ScheduleSpecEvaluator.validate(ScheduleSpec.newBuilder().addStructuredCalendar(cal).build()))
                    .as(cal.toString()).singleElement().asString()
                    .startsWith("structured_calendar[0]: invalid calendar spec: ");
        }
        assertThat(ScheduleSpecEvaluator.validate(ScheduleSpec.newBuilder()
                .addExcludeStructuredCalendar(StructuredCalendarSpec.newBuilder().addHour(r(25))).build()))
                .containsExactly("exclude_structured_calendar[0]: invalid calendar spec: "
                        + "Hour Start is not in range [0-23]");
        assertThat(ScheduleSpecEvaluator.validate(ScheduleSpec.newBuilder()
                .addCalendar(CalendarSpec.newBuilder().setComment("x".repeat(201))).build()))
                .containsExactly("calendar[0]: invalid calendar spec: comment is too long");
    }

    @Test
    void everyProblemIsReportedWithWhereItIs() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addCronString("61 * * * *")
                .addCronString("@every 1 hour")
                .addCalendar(CalendarSpec.newBuilder().setHour("25").setDayOfWeek("Funday"))
                .addExcludeCalendar(CalendarSpec.newBuilder().setMonth("13"))
                .setTimezoneName("Mars/Olympus").build();
        assertThat(ScheduleSpecEvaluator.validate(spec)).containsExactly(
                "calendar[0]: Hour is not in range [0-23], DayOfWeek is not in range [0-7]",
                "exclude_calendar[0]: Month is not in range [1-12]",
                "cron_string[0] \"61 * * * *\": Minute is not in range [0-59]",
                "cron_string[1] \"@every 1 hour\": time: unknown unit \" hour\" in duration \"1 hour\"",
                "timezone_name: unknown time zone \"Mars/Olympus\" (use an IANA name such as America/New_York or "
                        + "Europe/Berlin)");
        assertThatThrownBy(() -> ScheduleSpecEvaluator.normalize(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid schedule spec: calendar[0]: Hour is not in range [0-23]");
    }

    @Test
    void scheduleCronStringsAreNotWorkflowCron() {
        // no "?" (workflow cron accepts it), but seconds and years are allowed
        assertThat(ScheduleSpecEvaluator.validate(cron("0 0 ? * *"))).singleElement().asString()
                .contains("DayOfMonth is not in range [1-31]");
        assertThat(ScheduleSpecEvaluator.validate(cron("30 0 12 * * * 2030-2035"))).isEmpty();
    }

    @Test
    void normalizeIsIdempotentAndKeepsTheTimes() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addCronString("CRON_TZ=America/New_York */20 9-17 * * MON-FRI")
                .addCalendar(CalendarSpec.newBuilder().setHour("12").setDayOfWeek("sat,7"))
                .addExcludeCalendar(CalendarSpec.newBuilder().setMonth("dec").setDayOfMonth("24-26").setHour("*")
                        .setMinute("*"))
                .addInterval(IntervalSpec.newBuilder().setInterval(Durations.fromMinutes(90))
                        .setPhase(Durations.fromMinutes(15))).build();
        ScheduleSpec normalized = ScheduleSpecEvaluator.normalize(spec);
        assertThat(normalized.getCronStringCount()).isZero();
        assertThat(normalized.getCalendarCount()).isZero();
        assertThat(ScheduleSpecEvaluator.normalize(normalized)).isEqualTo(normalized);
        java.time.Instant from = java.time.Instant.parse("2024-12-20T00:00:00Z");
        java.time.Instant to = java.time.Instant.parse("2025-01-05T00:00:00Z");
        assertThat(ScheduleSpecEvaluator.matchingTimes(normalized, from, to, 5000))
                .isEqualTo(ScheduleSpecEvaluator.matchingTimes(spec, from, to, 5000))
                .hasSizeGreaterThan(100);
    }
}
