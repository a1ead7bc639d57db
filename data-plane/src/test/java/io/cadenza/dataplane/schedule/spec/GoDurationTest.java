package io.cadenza.dataplane.schedule.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's time.ParseDuration grammar (cases from Go's time package tests) and Temporal's "d" extension. */
class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0", "5s, 5000000000", "30s, 30000000000", "1478s, 1478000000000", "-5s, -5000000000",
        "+5s, 5000000000", "-0, 0", "+0, 0", "5.0s, 5000000000", "5.6s, 5600000000", "5.s, 5000000000",
        ".5s, 500000000", "1.0s, 1000000000", "1.00s, 1000000000", "1.004s, 1004000000", "1.0040s, 1004000000",
        "100.00100s, 100001000000", "10ns, 10", "11us, 11000", "12\u00b5s, 12000", "12\u03bcs, 12000",
        "13ms, 13000000", "14s, 14000000000", "15m, 900000000000", "16h, 57600000000000",
        "3h30m, 12600000000000", "10.5s4m, 250500000000", "-2m3.4s, -123400000000",
        "1h2m3s4ms5us6ns, 3723004005006", "39h9m14.425s, 140954425000000", "52763797000ns, 52763797000",
        "0.3333333333333333333h, 1200000000000", "9007199254740993ns, 9007199254740993",
        "9223372036854775807ns, 9223372036854775807", "9223372036854775.807us, 9223372036854775807",
        "0.100000000000000000000h, 360000000000",
    })
    void parsesWhatGoParses(String input, long nanos) {
        assertThat(GoDuration.parse(input)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''       | time: invalid duration \"\"",
        "3        | time: missing unit in duration \"3\"",
        "-        | time: invalid duration \"-\"",
        "s        | time: invalid duration \"s\"",
        ".        | time: invalid duration \".\"",
        "-.       | time: invalid duration \"-.\"",
        ".s       | time: invalid duration \".s\"",
        "+.s      | time: invalid duration \"+.s\"",
        "1d       | time: unknown unit \"d\" in duration \"1d\"",
        "9223372036854775810ns | time: invalid duration",
        "9223372036854775808ns | time: invalid duration",
    })
    void rejectsWhatGoRejects(String input, String message) {
        assertThatThrownBy(() -> GoDuration.parse(input)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void temporalAddsDaysOfTwentyFourHours() {
        assertThat(GoDuration.parseWithDays("5d")).isEqualTo(Duration.ofDays(5));
        assertThat(GoDuration.parseWithDays("1.5d")).isEqualTo(Duration.ofHours(36));
        assertThat(GoDuration.parseWithDays("2d3h")).isEqualTo(Duration.ofHours(51));
        assertThat(GoDuration.parseWithDays("90s")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void protoDurationsAreClampedToGosRange() {
        com.google.protobuf.Duration thousandYears = com.google.protobuf.Duration.newBuilder()
                .setSeconds(31_557_600_000L).build();
        assertThat(GoDuration.fromProto(thousandYears)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(GoDuration.fromProto(com.google.protobuf.util.Durations.fromMillis(1500)))
                .isEqualTo(Duration.ofMillis(1500));
    }
}
