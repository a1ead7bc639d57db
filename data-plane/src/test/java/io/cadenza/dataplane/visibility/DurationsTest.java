package io.cadenza.dataplane.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ExecutionDuration strings, as Temporal parses them (Go durations, days, hh:mm:ss, integer nanoseconds). */
class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "1500, 1500",
            "-7, -7",
            "1ns, 1",
            "1us, 1000",
            "1µs, 1000",
            "250ms, 250000000",
            "1.5s, 1500000000",
            ".5s, 500000000",
            "1h30m, 5400000000000",
            "2h45m10s, 9910000000000",
            "-1.5h, -5400000000000",
            "+3m, 180000000000",
            "1d, 86400000000000",
            "01:02:03, 3723000000000",
            "100:00:00, 360000000000000"})
    void parses(String text, long nanos) {
        assertThat(Durations.parseNanos(text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "h", "1x", "1h 30m", "1..5s", "ms", "01:60:00", "9999999999h", "1h-3m"})
    void refuses(String text) {
        assertThatThrownBy(() -> Durations.parseNanos(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
