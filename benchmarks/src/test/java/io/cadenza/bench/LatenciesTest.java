package io.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void takesTheNearestRankOfEachPercentile() {
        // 1..100 ms, shuffled order must not matter
        long[] nanos = LongStream.rangeClosed(1, 100).map(ms -> (101 - ms) * 1_000_000).toArray();

        Latencies latencies = Latencies.of(nanos);

        assertThat(latencies).isEqualTo(new Latencies(100, 50.0, 99.0, 100.0));
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        assertThat(Latencies.of(new long[] {2_500_000})).isEqualTo(new Latencies(1, 2.5, 2.5, 2.5));
    }

    @Test
    void noSamplesGiveNoFigures() {
        assertThat(Latencies.of(new long[0]).count()).isZero();
        assertThat(Latencies.of(new long[0]).p50Ms()).isNaN();
    }
}
