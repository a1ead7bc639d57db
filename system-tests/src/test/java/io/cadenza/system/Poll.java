package io.cadenza.system;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition with a deadline instead of sleeping "long enough". */
public final class Poll {

    private Poll() {
    }

    /** Returns the first value {@code check} gives that is non-null; fails with {@code what} after {@code timeout}. */
    public static <T> T until(String what, Duration timeout, Supplier<T> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                T value = check.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what, last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
