package io.cadenza.dataplane.schedule.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Workflow cron_schedule, pinned to Temporal's own expectations (common/backoff/cron_test.go) and robfig's rules. */
class CronScheduleTest {

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    static List<Instant> sequence(String cron, String from, int n) {
        CronSchedule schedule = CronSchedule.parse(cron);
        List<Instant> out = new ArrayList<>();
        Instant t = at(from);
        for (int i = 0; i < n; i++) {
            t = schedule.next(t).orElseThrow();
            out.add(t);
        }
        return out;
    }

    /** Temporal's crontests table: (cron, scheduled time, now or blank for "same as scheduled", backoff). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 10 * * *     | 2018-12-17T08:00:00-08:00 |                           | PT18H",
        "0 10 * * *     | 2018-12-18T02:00:00-08:00 |                           | PT24H",
        "0 * * * *      | 2018-12-17T08:08:00+00:00 |                           | PT52M",
        "0 * * * *      | 2018-12-17T09:00:00+00:00 |                           | PT1H",
        "* * * * *      | 2018-12-17T08:08:18+00:00 |                           | PT42S",
        "0 10 * * *     | 2018-12-17T08:00:00+00:00 | 2018-12-20T00:00:00+00:00 | PT10H",
        "0 10 * * *     | 2018-12-17T08:00:00+00:00 | 2018-12-17T09:00:00+00:00 | PT1H",
        "*/10 * * * *   | 2018-12-17T00:04:00+00:00 | 2018-12-17T01:02:00+00:00 | PT8M",
        "@every 5h      | 2018-12-17T08:00:00+00:00 | 2018-12-17T09:00:00+00:00 | PT4H",
        "@every 5h      | 2018-12-17T08:00:00+00:00 | 2018-12-18T00:00:00+00:00 | PT4H",
        "0 3 * * 0-6    | 2018-12-17T08:00:00-08:00 |                           | PT11H",
        "@every 30s     | 2020-07-17T09:00:02-01:00 | 2020-07-17T09:00:02-01:00 | PT30S",
        "@every 30s     | 2020-07-17T09:00:02-01:00 | 2020-09-17T03:00:53-01:00 | PT9S",
        "@every 30m     | 2020-07-17T09:00:00-01:00 | 2020-07-17T08:45:00-01:00 | PT15M",
        "CRON_TZ=America/New_York 5 16 * * * | 2021-03-14T00:00:00-04:00 | 2021-03-14T15:05:00-04:00 | PT1H",
        "CRON_TZ=America/New_York 5 4 * * *  | 2021-11-25T00:00:00-05:00 | 2021-11-25T03:05:00-05:00 | PT1H",
    })
    void backoffMatchesTemporal(String cron, String scheduled, String now, String expected) {
        Instant start = at(scheduled);
        Instant current = now == null ? start : at(now);
        assertThat(CronSchedule.parse(cron).backoff(current, start)).contains(Duration.parse(expected));
    }

    @Test
    void backoffIsRoundedUpToWholeSeconds() {
        CronSchedule hourly = CronSchedule.parse("0 * * * *");
        Instant now = at("2024-01-01T10:15:30.200Z");
        assertThat(hourly.firstRunBackoff(now)).isEqualTo(Duration.ofMinutes(44).plusSeconds(30));
        // a schedule time exactly at "now" counts: Temporal steps only while next < now
        assertThat(hourly.backoff(at("2024-01-01T11:00:00Z"), at("2024-01-01T10:00:00Z"))).contains(Duration.ZERO);
    }

    @Test
    void everyDelaysFromTheScheduledTimeAndStaysOnItsGrid() {
        // given a run scheduled at 10:00:00.7 that ran long
        CronSchedule every = CronSchedule.parse("@every 90s");
        Instant scheduled = at("2024-01-01T10:00:00.700Z");
        // then the next run is on the 10:00:00 + k * 90s grid at or after now
        assertThat(every.backoff(at("2024-01-01T10:04:00Z"), scheduled)).contains(Duration.ofSeconds(30));
        assertThat(every.next(scheduled)).contains(at("2024-01-01T10:01:30Z"));
        assertThat(every.every()).contains(Duration.ofSeconds(90));
        // and a first run waits one full period
        assertThat(every.firstRunBackoff(at("2024-01-01T10:00:00Z"))).isEqualTo(Duration.ofSeconds(90));
        // and a long idle gap is jumped, not iterated
        assertThat(every.backoff(at("2034-01-01T10:00:00Z"), scheduled)).isPresent();
    }

    @Test
    void everyBelowOneSecondIsOneSecondAndFractionsAreDropped() {
        assertThat(CronSchedule.parse("@every 500ms").every()).contains(Duration.ofSeconds(1));
        assertThat(CronSchedule.parse("@every 1.5s").every()).contains(Duration.ofSeconds(1));
        assertThat(CronSchedule.parse("@every 1h30m").every()).contains(Duration.ofMinutes(90));
    }

    @Test
    void everyFifteenMinutesAndWeekdaysAtNine() {
        assertThat(sequence("*/15 * * * *", "2024-05-10T23:50:00Z", 3)).containsExactly(
                at("2024-05-11T00:00:00Z"), at("2024-05-11T00:15:00Z"), at("2024-05-11T00:30:00Z"));
        assertThat(sequence("0 9 * * MON-FRI", "2024-05-10T09:00:00Z", 2)).containsExactly(
                at("2024-05-13T09:00:00Z"), at("2024-05-14T09:00:00Z"));
        assertThat(sequence("0 9 * * mon-fri", "2024-05-10T09:00:00Z", 1)).containsExactly(at("2024-05-13T09:00:00Z"));
    }

    @Test
    void descriptorsAreTheirFiveFieldEquivalents() {
        String from = "2024-05-15T10:30:00Z";
        assertThat(sequence("@yearly", from, 1)).containsExactly(at("2025-01-01T00:00:00Z"));
        assertThat(sequence("@annually", from, 1)).containsExactly(at("2025-01-01T00:00:00Z"));
        assertThat(sequence("@monthly", from, 1)).containsExactly(at("2024-06-01T00:00:00Z"));
        assertThat(sequence("@weekly", from, 1)).containsExactly(at("2024-05-19T00:00:00Z")); // Sunday
        assertThat(sequence("@daily", from, 1)).containsExactly(at("2024-05-16T00:00:00Z"));
        assertThat(sequence("@midnight", from, 1)).containsExactly(at("2024-05-16T00:00:00Z"));
        assertThat(sequence("@hourly", from, 1)).containsExactly(at("2024-05-15T11:00:00Z"));
    }

    @Test
    void dayOfMonthAndDayOfWeekMatchEitherWhenNeitherIsAStar() {
        // every Friday and every 13th, as classic cron (and robfig) read it
        assertThat(sequence("0 0 13 * 5", "2021-08-01T00:00:00Z", 6)).containsExactly(
                at("2021-08-06T00:00:00Z"), at("2021-08-13T00:00:00Z"), at("2021-08-20T00:00:00Z"),
                at("2021-08-27T00:00:00Z"), at("2021-09-03T00:00:00Z"), at("2021-09-10T00:00:00Z"));
        // a stepped star is not a star: odd days or Mondays
        assertThat(sequence("0 0 */2 * 1", "2021-03-13T00:00:00Z", 3)).containsExactly(
                at("2021-03-15T00:00:00Z"), at("2021-03-17T00:00:00Z"), at("2021-03-19T00:00:00Z"));
        // with a star (or ?) on one side, both must match
        assertThat(sequence("0 0 ? * MON", "2021-03-13T00:00:00Z", 2)).containsExactly(
                at("2021-03-15T00:00:00Z"), at("2021-03-22T00:00:00Z"));
        assertThat(sequence("0 0 1 * ?", "2021-03-13T00:00:00Z", 1)).containsExactly(at("2021-04-01T00:00:00Z"));
    }

    @Test
    void lastDaysOfTheMonthAndLeapDays() {
        assertThat(sequence("0 12 28-31 * *", "2023-02-27T00:00:00Z", 3)).containsExactly(
                at("2023-02-28T12:00:00Z"), at("2023-03-28T12:00:00Z"), at("2023-03-29T12:00:00Z"));
        assertThat(sequence("0 0 31 * *", "2024-04-01T00:00:00Z", 2)).containsExactly(
                at("2024-05-31T00:00:00Z"), at("2024-07-31T00:00:00Z"));
        assertThat(sequence("0 0 29 2 *", "2024-03-01T00:00:00Z", 1)).containsExactly(at("2028-02-29T00:00:00Z"));
    }

    @Test
    void cronTzReadsTheFieldsInThatZone() {
        CronSchedule ny = CronSchedule.parse("CRON_TZ=America/New_York 0 9 * * *");
        assertThat(ny.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(CronSchedule.parse("0 9 * * *").zone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(sequence("TZ=Asia/Tokyo 0 9 * * *", "2024-01-01T00:00:00Z", 1))
                .containsExactly(at("2024-01-02T00:00:00Z"));
    }

    @Test
    void springForwardSkipsTheMissingTimeThatDay() {
        assertThat(sequence("CRON_TZ=America/New_York 30 2 * * *", "2021-03-13T03:00:00-05:00", 1))
                .containsExactly(at("2021-03-15T02:30:00-04:00"));
        assertThat(sequence("CRON_TZ=America/New_York 0 * * * *", "2021-03-14T00:30:00-05:00", 2))
                .containsExactly(at("2021-03-14T01:00:00-05:00"), at("2021-03-14T03:00:00-04:00"));
    }

    @Test
    void fallBackRunsInBothCopiesOfTheRepeatedHour() {
        assertThat(sequence("CRON_TZ=America/New_York 30 1 * * *", "2021-11-07T00:00:00-04:00", 3)).containsExactly(
                at("2021-11-07T01:30:00-04:00"), at("2021-11-07T01:30:00-05:00"), at("2021-11-08T01:30:00-05:00"));
        assertThat(sequence("CRON_TZ=America/New_York 0 * * * *", "2021-11-07T00:30:00-04:00", 3)).containsExactly(
                at("2021-11-07T01:00:00-04:00"), at("2021-11-07T01:00:00-05:00"), at("2021-11-07T02:00:00-05:00"));
    }

    @Test
    void robfigOnlySyntaxMeansWhatItMeansThere() {
        // a step past the field's maximum leaves only the start; empty list items are ignored
        assertThat(sequence("0 */24 * * *", "2024-01-01T10:00:00Z", 2)).containsExactly(
                at("2024-01-02T00:00:00Z"), at("2024-01-03T00:00:00Z"));
        assertThat(sequence("*/60 * * * *", "2024-01-01T10:00:00Z", 1)).containsExactly(at("2024-01-01T11:00:00Z"));
        assertThat(sequence("5/60 * * * *", "2024-01-01T10:00:00Z", 1)).containsExactly(at("2024-01-01T10:05:00Z"));
        assertThat(sequence("1,,2 0 * * *", "2024-01-01T00:01:00Z", 2)).containsExactly(
                at("2024-01-01T00:02:00Z"), at("2024-01-02T00:01:00Z"));
        assertThat(CronSchedule.robfigToCommon("10-20/99", 0, 59)).isEqualTo("10-10");
        assertThat(CronSchedule.robfigToCommon("20-10/99", 0, 59)).isEqualTo("20-10/99"); // left for cron-utils to reject
    }

    @Test
    void fallBackEastOfUtcAlsoRunsInBothCopies() {
        // Berlin leaves summer time at 03:00 CEST on 2021-10-31: 02:00-02:59 happens twice
        assertThat(sequence("CRON_TZ=Europe/Berlin 30 2 * * *", "2021-10-31T00:00:00+02:00", 3)).containsExactly(
                at("2021-10-31T02:30:00+02:00"), at("2021-10-31T02:30:00+01:00"), at("2021-11-01T02:30:00+01:00"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                            | empty spec string",
        "'   '                         | empty spec string",
        "* * * *                       | expected exactly 5 fields (minute hour day-of-month month day-of-week), found 4",
        "0 0 * * * 2024                | found 6",
        "60 * * * *                    | Value 60 not in range [0, 59]",
        "* 24 * * *                    | Value 24 not in range [0, 23]",
        "0 0 * * 7                     | day of week runs 0-6 with Sunday = 0",
        "0 0 L * *                     | Invalid chars",
        "5-3 * * * *                   | Invalid range",
        "0 0 * FOO *                   | FOO",
        "@fortnightly                  | unrecognized descriptor @fortnightly",
        "@every 1x                     | failed to parse duration @every 1x: time: unknown unit \"x\"",
        "@every                        | unrecognized descriptor @every",
        "CRON_TZ=Mars/Olympus 0 * * * * | unknown time zone \"Mars/Olympus\"",
        "CRON_TZ=UTC                   | missing schedule fields after the time zone",
        "0 0 31 2 *                    | no time can be found to satisfy the schedule",
        "0 0 30 2 *                    | no time can be found to satisfy the schedule",
        "20-10/99 * * * *              | Invalid range",
    })
    void invalidSchedulesSayWhy(String cron, String why) {
        assertThatThrownBy(() -> CronSchedule.parse(cron))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid cron schedule \"" + cron + "\": ")
                .hasMessageContaining(why);
    }

    @Test
    void acceptsWhatRobfigAccepts() {
        for (String ok : new String[] {"* * * * ?", "0 0 1,15 * MON", "5/15 * * * *", "0 0 * JAN,dec *",
            "0 0 * * SUN-SAT", "0-59/30 0-23/6 1-31/10 1-12/3 0-6/2", "  0  9\t* * 1-5  ", "0 0 * * 0",
            "CRON_TZ=Europe/London @daily", "CRON_TZ=EST 0 * * * *"}) {
            assertThat(CronSchedule.parse(ok).expression()).isEqualTo(ok);
        }
    }
}
