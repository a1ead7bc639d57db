package io.cadenza.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, by the nearest-rank method (the value below which that share of samples lies;
 * no interpolation, so every figure is a latency that really happened).
 *
 * @param count  samples
 * @param p50Ms  median, milliseconds
 * @param p99Ms  99th percentile, milliseconds
 * @param maxMs  slowest, milliseconds
 */
record Latencies(int count, double p50Ms, double p99Ms, double maxMs) {

    static Latencies of(long[] nanos) {
        if (nanos.length == 0) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
                millis(sorted[sorted.length - 1]));
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
