package io.cadenza.dataplane.schedule.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Durations;
import io.cadenza.dataplane.schedule.spec.CalendarParser.Mode;
import io.temporal.api.schedule.v1.IntervalSpec;
import io.temporal.api.schedule.v1.Range;
import io.temporal.api.schedule.v1.StructuredCalendarSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Temporal's makeRange and parseCronString, with the cases of calendar_test.go. */
class CalendarParserTest {

    static Range r(int start) {
        return Range.newBuilder().setStart(start).build();
    }

    static Range r(int start, int end) {
        return Range.newBuilder().setStart(start).setEnd(end).build();
    }

    static Range r(int start, int end, int step) {
        return Range.newBuilder().setStart(start).setEnd(end).setStep(step).build();
    }

    static List<Range> range(String s, int min, int max, Mode mode) {
        return CalendarParser.makeRange(s, "Test", "", min, max, mode);
    }

    static void rangeError(String s, int min, int max, Mode mode, String message) {
        assertThatThrownBy(() -> range(s, min, max, mode)).hasMessageContaining(message);
    }

    @Test
    void makeRange() {
        assertThat(range("13", 0, 59, Mode.INT)).containsExactly(r(13));
        rangeError("133", 0, 59, Mode.INT, "Test is not in range [0-59]");
        assertThat(range("Sept", 1, 12, Mode.MONTH)).containsExactly(r(9));
        assertThat(range("13,18,44", 0, 59, Mode.INT)).containsExactly(r(13), r(18), r(44));
        rangeError("13,18,44,", 0, 59, Mode.INT, "Test is not in range");
        assertThat(range("13-18", 0, 59, Mode.INT)).containsExactly(r(13, 18));
        rangeError("18-13", 0, 59, Mode.INT, "End is before Start");
        rangeError("1,3,18-13", 0, 59, Mode.INT, "End is before Start");
        assertThat(range("2-5,7-9,11", 0, 59, Mode.INT)).containsExactly(r(2, 5), r(7, 9), r(11));
        assertThat(range("*", 5, 9, Mode.INT)).containsExactly(r(5, 9));
        assertThat(range("*/3", 5, 9, Mode.INT)).containsExactly(r(5, 9, 3));
        assertThat(range("2/3", 0, 10, Mode.INT)).containsExactly(r(2, 10, 3));
        rangeError("2/3/5", 0, 10, Mode.INT, "too many slashes");
        rangeError("5/", 0, 10, Mode.INT, "missing step value");
        rangeError("5/0", 0, 10, Mode.INT, "has invalid Step");
        assertThat(range("2-6/3", 0, 10, Mode.INT)).containsExactly(r(2, 6, 3));
        assertThat(range("2-6/4,7-8", 0, 10, Mode.INT)).containsExactly(r(2, 6, 4), r(7, 8));
        assertThat(range("mon-Friday", 0, 7, Mode.DOW)).containsExactly(r(1, 5));
        rangeError("Fri-Tues", 0, 7, Mode.DOW, "End is before Start");
        rangeError("1-5-7", 0, 7, Mode.DOW, "too many dashes");
        rangeError("monday-", 0, 7, Mode.DOW, "End is before Start");
        assertThat(range("*", 2000, 2100, Mode.YEAR)).isEmpty();
    }

    @Test
    void sundayAsSevenFoldsIntoZero() {
        assertThat(range("7", 0, 7, Mode.DOW)).containsExactly(r(0));
        assertThat(range("6,7", 0, 7, Mode.DOW)).containsExactly(r(6), r(0));
        assertThat(range("1-7", 0, 7, Mode.DOW)).containsExactly(r(1, 6));
        assertThat(range("3-7", 0, 7, Mode.DOW)).containsExactly(r(0), r(3, 6));
        assertThat(range("3-7/3", 0, 7, Mode.DOW)).containsExactly(r(3, 6, 3));
        assertThat(range("1-7/2", 0, 7, Mode.DOW)).containsExactly(r(0), r(1, 6, 2));
    }

    @Test
    void parseCronStringFillsDefaults() {
        CalendarParser.CronString parsed = CalendarParser.parseCronString("5,9 */2 * * *");
        assertThat(parsed.calendar()).isEqualTo(StructuredCalendarSpec.newBuilder()
                .addSecond(r(0)).addMinute(r(5)).addMinute(r(9)).addHour(r(0, 23, 2))
                .addDayOfMonth(r(1, 31)).addMonth(r(1, 12)).addDayOfWeek(r(0, 6)).build());
        assertThat(parsed.interval()).isNull();
        assertThat(parsed.timezone()).isEmpty();
    }

    @Test
    void parseCronStringWithSecondsYearZoneAndComment() {
        CalendarParser.CronString parsed =
                CalendarParser.parseCronString("CRON_TZ=US/Pacific 55 55,57 5 2/2 * wed-thurs *  # explanation");
        assertThat(parsed.calendar()).isEqualTo(StructuredCalendarSpec.newBuilder()
                .addSecond(r(55)).addMinute(r(55)).addMinute(r(57)).addHour(r(5))
                .addDayOfMonth(r(2, 31, 2)).addMonth(r(1, 12)).addDayOfWeek(r(3, 4))
                .setComment("explanation").build());
        assertThat(parsed.timezone()).isEqualTo("US/Pacific");
        assertThatThrownBy(() -> CalendarParser.parseCronString("0 1 2 3 4 1999"))
                .hasMessageContaining("Year is not in range");
        assertThatThrownBy(() -> CalendarParser.parseCronString("0 1 2 3"))
                .hasMessage("CronString does not have 5-7 fields");
        assertThatThrownBy(() -> CalendarParser.parseCronString("CRON_TZ=UTC"))
                .hasMessage("CronString has time zone but missing fields");
    }

    @Test
    void parseCronStringDescriptorsAndIntervals() {
        assertThat(CalendarParser.parseCronString("@monthly").calendar()).isEqualTo(StructuredCalendarSpec.newBuilder()
                .addSecond(r(0)).addMinute(r(0)).addHour(r(0)).addDayOfMonth(r(1)).addMonth(r(1, 12))
                .addDayOfWeek(r(0, 6)).build());
        assertThat(CalendarParser.parseCronString("@every 5d").interval())
                .isEqualTo(IntervalSpec.newBuilder().setInterval(Durations.fromHours(120)).build());
        assertThat(CalendarParser.parseCronString("@every 5h/45m").interval()).isEqualTo(IntervalSpec.newBuilder()
                .setInterval(Durations.fromHours(5)).setPhase(Durations.fromMinutes(45)).build());
        assertThatThrownBy(() -> CalendarParser.parseCronString("@every"))
                .hasMessage("CronString does not have interval after @every");
        assertThatThrownBy(() -> CalendarParser.parseCronString("@every 5 minutes"))
                .hasMessageContaining("unknown unit \" minutes\""); // Go's wording, leading space included
        assertThatThrownBy(() -> CalendarParser.parseCronString("@every 5"))
                .hasMessageContaining("missing unit");
    }
}
