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
 */
record PhaseResult(int requested, int completed, int failed, Duration elapsed, boolean timedOut,
                   Latencies startLatency, Optional<Throwable> firstFailure) {

    /** Completed workflows per second of wall-clock time. */
    double throughput() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? completed / seconds : 0;
    }

    boolean clean() {
        return failed == 0 && !timedOut && completed == requested;
    }
}
