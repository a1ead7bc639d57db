package io.cadenza.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * What one batch of workflows against one target measured.
 *
 * @param requested    workflows the batch tried to run
 * @param completed    workflows that returned the expected result
 * @param failed       workflows whose start or result failed (or returned something else)
 * @param elapsed      from the first start to the last completion (or the timeout)
 * @param timedOut     whether the batch gave up before every workflow finished
 * @param startLatency StartWorkflowExecution latency as the client saw it, over successful starts
 * @param firstFailure the first failure, to show what went wrong
 * @param completedPerSecond workflows completed in each second since the batch began
 */
record PhaseResult(int requested, int completed, int failed, Duration elapsed, boolean timedOut,
                   Latencies startLatency, Optional<Throwable> firstFailure, int[] completedPerSecond) {

    /** Workflows per second in consecutive windows of {@code seconds} (the last one may be shorter). */
    double[] throughputPerWindow(int seconds) {
        int windows = (completedPerSecond.length + seconds - 1) / seconds;
        double[] rates = new double[windows];
        for (int w = 0; w < windows; w++) {
            int sum = 0;
            int end = Math.min(completedPerSecond.length, (w + 1) * seconds);
            for (int s = w * seconds; s < end; s++) {
                sum += completedPerSecond[s];
            }
            rates[w] = (double) sum / (end - w * seconds);
        }
        return rates;
    }

    /** Completed workflows per second of wall-clock time. */
    double throughput() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? completed / seconds : 0;
    }

    boolean clean() {
        return failed == 0 && !timedOut && completed == requested;
    }
}
