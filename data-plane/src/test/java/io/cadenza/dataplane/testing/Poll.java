package io.cadenza.dataplane.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline instead of sleeping "long enough".
 *
 * <p>An exception thrown by the condition counts as "not yet" (a server that is restarting answers UNAVAILABLE), and
 * the last one is attached to the failure so a test that times out says why. An {@link AssertionError} thrown by the
 * condition is not caught: it fails the test at once.
 */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(50);

    private Poll() {}

    /** Polls until {@code condition} is true; fails with {@code what} once {@code timeout} has passed. */
    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        until(timeout, condition, () -> what);
    }

    /** As {@link #until(Duration, BooleanSupplier, String)}, with a description computed when the deadline passes. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        untilValue(timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null, what);
    }

    /** Polls until {@code value} returns non-null and returns it; fails with {@code what} after the deadline. */
    public static <T> T untilValue(Duration timeout, Supplier<T> value, String what) {
        return untilValue(timeout, value, () -> what);
    }

    /** As {@link #untilValue(Duration, Supplier, String)}, with a description computed when the deadline passes. */
    public static <T> T untilValue(Duration timeout, Supplier<T> value, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (true) {
            try {
                T result = value.get();
                if (result != null) {
                    return result;
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                AssertionError failure =
                        new AssertionError("Timed out after " + timeout + " waiting for: " + what.get());
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while polling", e);
        }
    }
}
