package io.cadenza.controlplane.namespace;

import java.time.Duration;

/** Exponential backoff between reconcile attempts: 1 s, 2 s, 4 s, ... capped. Pure. */
public final class Backoff {
    private Backoff() {
    }

    public static Duration after(int failedAttempts, Duration max) {
        if (failedAttempts <= 0) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(failedAttempts - 1, 30);
        Duration d = Duration.ofSeconds(seconds);
        return d.compareTo(max) > 0 ? max : d;
    }
}
