package io.cadenza.dataplane.schedule.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import io.temporal.api.schedule.v1.CalendarSpec;
import io.temporal.api.schedule.v1.IntervalSpec;
import io.temporal.api.schedule.v1.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Schedule spec evaluation. The sequences and exact jittered times are Temporal's own expectations from
 * {@code service/worker/scheduler/spec_test.go}, so passing them means Cadenza picks the same times.
 */
class ScheduleSpecEvaluatorTest {

    static Instant t(String iso) {
        return Instant.parse(iso);
    }

    static com.google.protobuf.Duration d(Duration d) {
        return Durations.fromNanos(d.toNanos());
    }

    static Timestamp ts(String iso) {
        Instant i = t(iso);
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    static IntervalSpec interval(Duration every, Duration phase) {
        return IntervalSpec.newBuilder().setInterval(d(every)).setPhase(d(phase)).build();
    }

    /** Temporal's checkSequenceRaw: repeated nominal next times. */
    static List<Instant> nominalSequence(ScheduleSpec spec, String from, int n) {
        CompiledScheduleSpec compiled = ScheduleSpecEvaluator.compile(spec);
        List<Instant> out = new ArrayList<>();
        Instant after = t(from);
        for (int i = 0; i < n; i++) {
            after = compiled.next(after).orElseThrow();
            out.add(after);
        }
        return out;
    }

    /** Temporal's checkSequenceFull: repeated jittered next times, each search starting from the last one. */
    static List<Instant> actionSequence(ScheduleSpec spec, String seed, String from, int n) {
        CompiledScheduleSpec compiled = ScheduleSpecEvaluator.compile(spec);
        List<Instant> out = new ArrayList<>();
        Instant after = t(from);
        for (int i = 0; i < n; i++) {
            Optional<ScheduledTime> next = compiled.nextAction(after, seed);
            if (next.isEmpty()) {
                break;
            }
            after = next.get().actual();
            out.add(after);
        }
        return out;
    }

    @Test
    void intervalsAreAlignedToTheEpoch() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addInterval(interval(Duration.ofMinutes(90), Duration.ZERO)).build();
        assertThat(nominalSequence(spec, "2022-03-23T12:53:02.000000009Z", 4)).containsExactly(
                t("2022-03-23T13:30:00Z"), t("2022-03-23T15:00:00Z"), t("2022-03-23T16:30:00Z"),
                t("2022-03-23T18:00:00Z"));
    }

    @Test
    void intervalPhaseShiftsTheGrid() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addInterval(interval(Duration.ofMinutes(90), Duration.ofMinutes(5).plusSeconds(44))).build();
        assertThat(nominalSequence(spec, "2022-03-23T12:53:02Z", 4)).containsExactly(
                t("2022-03-23T13:35:44Z"), t("2022-03-23T15:05:44Z"), t("2022-03-23T16:35:44Z"),
                t("2022-03-23T18:05:44Z"));
    }

    @Test
    void severalIntervalsAreUnited() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addInterval(interval(Duration.ofMinutes(90), Duration.ofMinutes(5).plusSeconds(44)))
                .addInterval(interval(Duration.ofMinutes(157), Duration.ofMinutes(22).plusSeconds(11))).build();
        assertThat(nominalSequence(spec, "2022-03-23T12:53:02Z", 7)).containsExactly(
                t("2022-03-23T13:35:44Z"), t("2022-03-23T15:05:44Z"), t("2022-03-23T15:26:11Z"),
                t("2022-03-23T16:35:44Z"), t("2022-03-23T18:03:11Z"), t("2022-03-23T18:05:44Z"),
                t("2022-03-23T19:35:44Z"));
    }

    @Test
    void everyNinetySecondsWithPhaseFromACronString() {
        // given "@every 90s/30s": times at epoch + 30s + k * 90s
        ScheduleSpec spec = ScheduleSpec.newBuilder().addCronString("@every 90s/30s").build();
        // then
        assertThat(nominalSequence(spec, "2022-03-23T00:00:00Z", 3)).containsExactly(
                t("2022-03-23T00:00:30Z"), t("2022-03-23T00:02:00Z"), t("2022-03-23T00:03:30Z"));
        assertThat(ScheduleSpecEvaluator.normalize(spec).getInterval(0))
                .isEqualTo(interval(Duration.ofSeconds(90), Duration.ofSeconds(30)));
    }

    @Test
    void calendarsCronStringsAndIntervalsAreUnited() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addCalendar(CalendarSpec.newBuilder().setHour("5,7").setMinute("23"))
                .addCronString("55 11,13 * * *").build();
        assertThat(nominalSequence(spec, "2022-03-23T03:00:00Z", 8)).containsExactly(
                t("2022-03-23T05:23:00Z"), t("2022-03-23T07:23:00Z"), t("2022-03-23T11:55:00Z"),
                t("2022-03-23T13:55:00Z"), t("2022-03-24T05:23:00Z"), t("2022-03-24T07:23:00Z"),
                t("2022-03-24T11:55:00Z"), t("2022-03-24T13:55:00Z"));

        ScheduleSpec mixed = ScheduleSpec.newBuilder()
                .addCalendar(CalendarSpec.newBuilder().setHour("11,13").setMinute("55"))
                .addInterval(interval(Duration.ofMinutes(90), Duration.ofMinutes(7))).build();
        assertThat(nominalSequence(mixed, "2022-03-23T10:00:00Z", 6)).containsExactly(
                t("2022-03-23T10:37:00Z"), t("2022-03-23T11:55:00Z"), t("2022-03-23T12:07:00Z"),
                t("2022-03-23T13:37:00Z"), t("2022-03-23T13:55:00Z"), t("2022-03-23T15:07:00Z"));
    }

    @Test
    void everyFifteenMinutesAndWeekdaysAtNine() {
        ScheduleSpec quarter = ScheduleSpec.newBuilder().addCronString("*/15 * * * *").build();
        assertThat(nominalSequence(quarter, "2024-05-10T23:50:00Z", 3)).containsExactly(
                t("2024-05-11T00:00:00Z"), t("2024-05-11T00:15:00Z"), t("2024-05-11T00:30:00Z"));

        // Friday 2024-05-10 09:00 has passed: next are Monday, Tuesday
        ScheduleSpec weekdays = ScheduleSpec.newBuilder().addCalendar(
                CalendarSpec.newBuilder().setHour("9").setDayOfWeek("MON-FRI")).build();
        assertThat(nominalSequence(weekdays, "2024-05-10T09:00:00Z", 2)).containsExactly(
                t("2024-05-13T09:00:00Z"), t("2024-05-14T09:00:00Z"));
    }

    @Test
    void exclusionsRemoveTimesAndJitterIsTemporals() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addInterval(interval(Duration.ofMinutes(90), Duration.ZERO))
                .addExcludeCalendar(CalendarSpec.newBuilder().setHour("12-14").setMinute("*").setSecond("*"))
                .setJitter(d(Duration.ofSeconds(1))).build();
        assertThat(actionSequence(spec, "", "2022-03-23T08:00:00Z", 4)).containsExactly(
                t("2022-03-23T09:00:00.235Z"), t("2022-03-23T10:30:00.139Z"), t("2022-03-23T15:00:00.089Z"),
                t("2022-03-23T16:30:00.687Z"));
    }

    @Test
    void excludingEverythingLeavesNoTime() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addInterval(interval(Duration.ofDays(7), Duration.ZERO))
                .addExcludeCalendar(CalendarSpec.newBuilder().setSecond("*").setMinute("*").setHour("*")).build();
        assertThat(ScheduleSpecEvaluator.next(spec, t("2022-03-23T12:53:02Z"))).isEmpty();
    }

    @Test
    void aSearchThatExclusionsKeepDefeatingGivesUp() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addCalendar(CalendarSpec.newBuilder().setSecond("*").setMinute("*").setHour("*"))
                .addExcludeCalendar(CalendarSpec.newBuilder().setSecond("*").setMinute("*").setHour("*")).build();
        assertThatThrownBy(() -> ScheduleSpecEvaluator.next(spec, t("2022-03-23T12:00:00Z")))
                .isInstanceOf(ScheduleComputeLimitException.class).hasMessageContaining("too many exclusions");
    }

    @Test
    void startTimeBoundsTheFirstTime() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addInterval(interval(Duration.ofMinutes(90), Duration.ZERO))
                .setStartTime(ts("2022-03-23T12:00:00Z")).setJitter(d(Duration.ofSeconds(1))).build();
        assertThat(actionSequence(spec, "", "2022-03-23T08:00:00Z", 3)).containsExactly(
                t("2022-03-23T12:00:00.162Z"), t("2022-03-23T13:30:00.587Z"), t("2022-03-23T15:00:00.089Z"));

        // Temporal's FixStartTimeBug case: the search starts one second before start_time
        ScheduleSpec hourly = ScheduleSpec.newBuilder().addInterval(interval(Duration.ofHours(1), Duration.ZERO))
                .setStartTime(ts("2022-03-23T12:00:00.456Z")).build();
        assertThat(actionSequence(hourly, "", "2022-03-23T12:00:00.123Z", 1))
                .containsExactly(t("2022-03-23T13:00:00Z"));
    }

    @Test
    void endTimeEndsTheSequence() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addInterval(interval(Duration.ofMinutes(90), Duration.ZERO))
                .setEndTime(ts("2022-03-23T14:00:00Z")).setJitter(d(Duration.ofSeconds(1))).build();
        assertThat(actionSequence(spec, "", "2022-03-23T11:00:00Z", 5)).containsExactly(
                t("2022-03-23T12:00:00.162Z"), t("2022-03-23T13:30:00.587Z"));
    }

    @Test
    void jitterIsBoundedByTheNextNominalTime() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addInterval(interval(Duration.ofMinutes(90), Duration.ZERO))
                .setJitter(d(Duration.ofHours(24))).build();
        assertThat(actionSequence(spec, "", "2022-03-23T11:00:00Z", 3)).containsExactly(
                t("2022-03-23T12:14:36.524Z"), t("2022-03-23T14:22:54.562Z"), t("2022-03-23T15:08:03.724Z"));
    }

    @Test
    void aSingleRunIsJitteredByTheFullJitter() {
        CalendarSpec once = CalendarSpec.newBuilder().setHour("13").setMinute("55").setDayOfMonth("7")
                .setMonth("4").setYear("2022").build();
        ScheduleSpec plain = ScheduleSpec.newBuilder().addCalendar(once).build();
        assertThat(actionSequence(plain, "", "2022-03-23T11:00:00Z", 2)).containsExactly(t("2022-04-07T13:55:00Z"));
        ScheduleSpec jittered = plain.toBuilder().setJitter(d(Duration.ofHours(1))).build();
        assertThat(actionSequence(jittered, "", "2022-03-23T11:00:00Z", 2))
                .containsExactly(t("2022-04-07T13:57:26.927Z"));
    }

    @Test
    void jitterDependsDeterministicallyOnTheSeed() {
        ScheduleSpec spec = ScheduleSpec.newBuilder().addInterval(interval(Duration.ofHours(24), Duration.ZERO))
                .setJitter(d(Duration.ofHours(1))).build();
        assertThat(actionSequence(spec, "", "2022-03-23T11:00:00Z", 1)).containsExactly(t("2022-03-24T00:35:24.276Z"));
        assertThat(actionSequence(spec, "seed-1", "2022-03-23T11:00:00Z", 1))
                .containsExactly(t("2022-03-24T00:06:12.519Z"));
        assertThat(actionSequence(spec, "seed-2", "2022-03-23T11:00:00Z", 1))
                .containsExactly(t("2022-03-24T00:39:16.922Z"));
        // and the static entry point agrees, call after call
        Instant nominal = t("2022-03-24T00:00:00Z");
        assertThat(ScheduleSpecEvaluator.withJitter(spec, nominal, "seed-1"))
                .isEqualTo(ScheduleSpecEvaluator.withJitter(spec, nominal, "seed-1"))
                .isEqualTo(t("2022-03-24T00:06:12.519Z"));
    }

    @Test
    void jitterStaysWithinItsBoundsAndNeverReachesTheNextTime() {
        ScheduleSpec spec = ScheduleSpec.newBuilder().addInterval(interval(Duration.ofMinutes(1), Duration.ZERO))
                .setJitter(d(Duration.ofSeconds(45))).build();
        CompiledScheduleSpec compiled = ScheduleSpecEvaluator.compile(spec);
        Instant nominal = t("2024-01-01T00:00:00Z");
        for (int i = 0; i < 500; i++, nominal = nominal.plusSeconds(60)) {
            Instant actual = compiled.withJitter(nominal, "ns-id-schedule-" + (i % 7));
            assertThat(actual).isAfterOrEqualTo(nominal).isBefore(nominal.plusSeconds(45));
        }
        ScheduleSpec huge = spec.toBuilder().setJitter(d(Duration.ofDays(30))).build();
        Instant actual = ScheduleSpecEvaluator.withJitter(huge, t("2024-01-01T00:00:00Z"), "x");
        assertThat(actual).isBefore(t("2024-01-01T00:01:00Z"));
        ScheduleSpec negative = spec.toBuilder().setJitter(d(Duration.ofSeconds(-5))).build();
        assertThat(ScheduleSpecEvaluator.withJitter(negative, t("2024-01-01T00:00:00Z"), "x"))
                .isEqualTo(t("2024-01-01T00:00:00Z"));
    }

    @Test
    void matchingTimesAreExclusiveOfFromAndInclusiveOfTo() {
        ScheduleSpec spec = ScheduleSpec.newBuilder().addCronString("*/15 * * * *").build();
        assertThat(ScheduleSpecEvaluator.matchingTimes(spec, t("2024-01-01T00:00:00Z"), t("2024-01-01T01:00:00Z"), 10))
                .containsExactly(t("2024-01-01T00:15:00Z"), t("2024-01-01T00:30:00Z"), t("2024-01-01T00:45:00Z"),
                        t("2024-01-01T01:00:00Z"));
        assertThat(ScheduleSpecEvaluator.matchingTimes(spec, t("2024-01-01T00:00:00Z"), t("2024-01-02T00:00:00Z"), 2))
                .hasSize(2);
    }

    @Test
    void actionTimesListJitteredTimesUpToTheBound() {
        ScheduleSpec spec = ScheduleSpec.newBuilder().addInterval(interval(Duration.ofMinutes(90), Duration.ZERO))
                .setJitter(d(Duration.ofSeconds(1))).build();
        List<ScheduledTime> times = ScheduleSpecEvaluator.compile(spec)
                .actionTimes(t("2022-03-23T11:00:00Z"), t("2022-03-23T13:30:00.500Z"), 1000, "");
        assertThat(times).extracting(ScheduledTime::nominal)
                .containsExactly(t("2022-03-23T12:00:00Z"));
        assertThat(times).extracting(ScheduledTime::actual)
                .containsExactly(t("2022-03-23T12:00:00.162Z")); // 13:30:00.587 is past the bound
    }

    @Test
    void calendarsAreReadInTheSpecsTimeZone() {
        // given 09:00 in New York, across the March 2024 spring-forward (March 10)
        ScheduleSpec spec = ScheduleSpec.newBuilder().setTimezoneName("America/New_York")
                .addCalendar(CalendarSpec.newBuilder().setHour("9")).build();
        // then 14:00Z in winter, 13:00Z in summer
        assertThat(nominalSequence(spec, "2024-03-09T00:00:00Z", 3)).containsExactly(
                t("2024-03-09T14:00:00Z"), t("2024-03-10T13:00:00Z"), t("2024-03-11T13:00:00Z"));
        // and a CRON_TZ prefix does the same
        ScheduleSpec cron = ScheduleSpec.newBuilder().addCronString("CRON_TZ=America/New_York 0 9 * * *").build();
        assertThat(nominalSequence(cron, "2024-03-09T00:00:00Z", 3)).containsExactly(
                t("2024-03-09T14:00:00Z"), t("2024-03-10T13:00:00Z"), t("2024-03-11T13:00:00Z"));
    }

    @Test
    void anEmptyStructuredCalendarMatchesNothing() {
        ScheduleSpec spec = ScheduleSpec.newBuilder()
                .addStructuredCalendar(io.temporal.api.schedule.v1.StructuredCalendarSpec.getDefaultInstance())
                .build();
        assertThat(ScheduleSpecEvaluator.validate(spec)).isEmpty();
        assertThat(ScheduleSpecEvaluator.next(spec, t("2024-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void nothingAfterTheYear2100() {
        ScheduleSpec spec = ScheduleSpec.newBuilder().addCronString("0 0 1 1 *").build();
        assertThat(ScheduleSpecEvaluator.next(spec, t("2100-06-01T00:00:00Z"))).isEmpty();
        ScheduleSpec interval = ScheduleSpec.newBuilder().addInterval(interval(Duration.ofDays(1), Duration.ZERO))
                .build();
        assertThat(ScheduleSpecEvaluator.next(interval, t("2100-12-31T00:00:00Z"))).isEmpty();
    }
}
