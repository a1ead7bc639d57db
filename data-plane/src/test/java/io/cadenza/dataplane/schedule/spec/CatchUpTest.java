package io.cadenza.dataplane.schedule.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.schedule.v1.IntervalSpec;
import io.temporal.api.schedule.v1.SchedulePolicies;
import io.temporal.api.schedule.v1.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which missed times still run after the scheduler was away: CHASM's ProcessTimeRange for automatic actions. */
class CatchUpTest {

    static final CompiledScheduleSpec EVERY_MINUTE = ScheduleSpecEvaluator.compile(ScheduleSpec.newBuilder()
            .addInterval(IntervalSpec.newBuilder().setInterval(Durations.fromSeconds(60))).build());

    static Instant t(String hhmmss) {
        return Instant.parse("2024-01-01T" + hhmmss + "Z");
    }

    @Test
    void everyTimeInsideTheWindowRuns() {
        // given the scheduler last looked at 10:00 and wakes at 10:05:30
        CatchUp.Result r = CatchUp.process(EVERY_MINUTE, "", t("10:00:00"), t("10:05:30"), Duration.ofMinutes(10),
                100);
        // then
        assertThat(r.start()).extracting(ScheduledTime::nominal).containsExactly(
                t("10:01:00"), t("10:02:00"), t("10:03:00"), t("10:04:00"), t("10:05:00"));
        assertThat(r.missed()).isZero();
        assertThat(r.dropped()).isZero();
        assertThat(r.highWaterMark()).isEqualTo(t("10:05:00"));
        assertThat(r.nextWakeup()).contains(t("10:06:00"));
    }

    @Test
    void timesOlderThanTheWindowAreMissed() {
        CatchUp.Result r = CatchUp.process(EVERY_MINUTE, "", t("10:00:00"), t("10:05:00"), Duration.ofMinutes(2),
                100);
        // 10:03 is exactly two minutes old: still inside the window
        assertThat(r.start()).extracting(ScheduledTime::nominal)
                .containsExactly(t("10:03:00"), t("10:04:00"), t("10:05:00"));
        assertThat(r.missed()).isEqualTo(2);
        assertThat(r.highWaterMark()).isEqualTo(t("10:05:00"));
    }

    @Test
    void timesBeyondTheBuffersRoomAreDropped() {
        CatchUp.Result r = CatchUp.process(EVERY_MINUTE, "", t("10:00:00"), t("10:05:00"), Duration.ofHours(1), 2);
        assertThat(r.start()).extracting(ScheduledTime::nominal).containsExactly(t("10:01:00"), t("10:02:00"));
        assertThat(r.dropped()).isEqualTo(3);
        assertThat(r.highWaterMark()).isEqualTo(t("10:05:00"));
    }

    @Test
    void nothingDueLeavesTheHighWaterMarkAtNow() {
        CatchUp.Result r = CatchUp.process(EVERY_MINUTE, "", t("10:00:00"), t("10:00:40"), Duration.ofHours(1), 10);
        assertThat(r.start()).isEmpty();
        assertThat(r.highWaterMark()).isEqualTo(t("10:00:40"));
        assertThat(r.nextWakeup()).contains(t("10:01:00"));
    }

    @Test
    void timeGoingBackwardsProcessesNothing() {
        CatchUp.Result r = CatchUp.process(EVERY_MINUTE, "", t("10:00:00"), t("09:00:00"), Duration.ofHours(1), 10);
        assertThat(r.start()).isEmpty();
        assertThat(r.highWaterMark()).isEqualTo(t("10:00:00"));
    }

    @Test
    void jitteredTimesAreTheOnesCompared() {
        CompiledScheduleSpec jittered = ScheduleSpecEvaluator.compile(ScheduleSpec.newBuilder()
                .addInterval(IntervalSpec.newBuilder().setInterval(Durations.fromMinutes(90)))
                .setJitter(Durations.fromSeconds(1)).build());
        // 12:00 runs at 12:00:00.162 for seed "" (Temporal's TestSpecStartTime)
        Instant nominal = Instant.parse("2022-03-23T12:00:00Z");
        CatchUp.Result before = CatchUp.process(jittered, "", nominal.minusSeconds(60), nominal.plusMillis(100),
                Duration.ofHours(1), 10);
        assertThat(before.start()).isEmpty();
        assertThat(before.nextWakeup()).contains(nominal.plusMillis(162));
        CatchUp.Result at = CatchUp.process(jittered, "", nominal.minusSeconds(60), nominal.plusMillis(162),
                Duration.ofHours(1), 10);
        assertThat(at.start()).containsExactly(new ScheduledTime(nominal, nominal.plusMillis(162)));
        assertThat(at.highWaterMark()).isEqualTo(nominal.plusMillis(162));
    }

    @Test
    void aFinishedScheduleHasNoWakeup() {
        CompiledScheduleSpec ending = ScheduleSpecEvaluator.compile(ScheduleSpec.newBuilder()
                .addInterval(IntervalSpec.newBuilder().setInterval(Durations.fromSeconds(60)))
                .setEndTime(Timestamps.parseUnchecked("2024-01-01T10:02:00Z")).build());
        CatchUp.Result r = CatchUp.process(ending, "", t("10:00:00"), t("10:05:00"), Duration.ofHours(1), 10);
        assertThat(r.start()).extracting(ScheduledTime::nominal).containsExactly(t("10:01:00"), t("10:02:00"));
        assertThat(r.nextWakeup()).isEmpty();
    }

    @Test
    void theWindowDefaultsToAYearAndIsAtLeastTenSeconds() {
        assertThat(CatchUp.window(SchedulePolicies.getDefaultInstance())).isEqualTo(Duration.ofDays(365));
        assertThat(CatchUp.window(SchedulePolicies.newBuilder().setCatchupWindow(Durations.ZERO).build()))
                .isEqualTo(Duration.ofDays(365));
        assertThat(CatchUp.window(SchedulePolicies.newBuilder().setCatchupWindow(Durations.fromSeconds(-5)).build()))
                .isEqualTo(Duration.ofDays(365));
        assertThat(CatchUp.window(SchedulePolicies.newBuilder().setCatchupWindow(Durations.fromSeconds(3)).build()))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(CatchUp.window(SchedulePolicies.newBuilder().setCatchupWindow(Durations.fromHours(1)).build()))
                .isEqualTo(Duration.ofHours(1));
    }
}
