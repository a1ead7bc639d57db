package io.cadenza.dataplane.schedule.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import org.junit.jupiter.api.Test;

/** Go's time.Date resolution of local times around DST changes, which both ported cron searches rely on. */
class GoTimeTest {

    static long at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toEpochSecond();
    }

    @Test
    void aMissingTimeWestOfUtcResolvesAnHourEarlier() {
        // Temporal's TestGoDSTBehavior: 2022-03-13 02:33:33 does not exist in US/Pacific; Go gives 01:33:33 PST
        ZoneRules pacific = ZoneId.of("US/Pacific").getRules();
        assertThat(GoTime.date(2022, 3, 13, 2, 33, 33, pacific)).isEqualTo(at("2022-03-13T01:33:33-08:00"));
    }

    @Test
    void aMissingTimeEastOfUtcResolvesAnHourLater() {
        ZoneRules london = ZoneId.of("Europe/London").getRules();
        assertThat(GoTime.date(2024, 3, 31, 1, 30, 0, london)).isEqualTo(at("2024-03-31T02:30:00+01:00"));
    }

    @Test
    void aRepeatedTimeResolvesToTheCopyGoPicks() {
        // west of UTC: the first (summer) copy; east of UTC: the second (winter) copy
        assertThat(GoTime.date(2021, 11, 7, 1, 30, 0, ZoneId.of("America/New_York").getRules()))
                .isEqualTo(at("2021-11-07T01:30:00-04:00"));
        assertThat(GoTime.date(2021, 10, 31, 2, 30, 0, ZoneId.of("Europe/Berlin").getRules()))
                .isEqualTo(at("2021-10-31T02:30:00+01:00"));
    }

    @Test
    void outOfRangeFieldsAreNormalisedLikeGo() {
        ZoneRules utc = ZoneId.of("UTC").getRules();
        assertThat(GoTime.date(2021, 2, 31, 0, 0, 0, utc)).isEqualTo(at("2021-03-03T00:00:00Z"));
        assertThat(GoTime.date(2021, 13, 1, 24, 0, 0, utc)).isEqualTo(at("2022-01-02T00:00:00Z"));
    }
}
