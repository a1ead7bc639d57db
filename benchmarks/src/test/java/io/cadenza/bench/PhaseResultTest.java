package io.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PhaseResultTest {

    private static PhaseResult completedPerSecond(int... perSecond) {
        int completed = java.util.Arrays.stream(perSecond).sum();
        return new PhaseResult(completed, completed, 0, Duration.ofSeconds(perSecond.length), false,
                Latencies.of(new long[0]), Optional.empty(), perSecond);
    }

    @Test
    void throughputPerWindowAveragesEachWindowAndAShorterLastOne() {
        PhaseResult result = completedPerSecond(10, 20, 30, 40, 50);

        assertThat(result.throughputPerWindow(2)).containsExactly(15.0, 35.0, 50.0);
        assertThat(result.throughputPerWindow(10)).containsExactly(30.0);
    }

    @Test
    void noSecondsGiveNoWindows() {
        assertThat(completedPerSecond().throughputPerWindow(10)).isEmpty();
    }
}
