package io.cadenza.gateway.ratelimit;

import java.util.function.LongSupplier;

/**
 * A token bucket refilled continuously at {@code ratePerSecond}, holding at most one second's worth (the burst).
 * Synchronized on itself: each namespace has its own buckets, so namespaces never contend with each other.
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private long ratePerSecond;
    /** Tokens scaled by NANOS_PER_SECOND so refill needs no floating point. */
    private long scaledTokens;
    private long lastRefill;

    public TokenBucket(long ratePerSecond, LongSupplier nanoClock) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.nanoClock = nanoClock;
        this.ratePerSecond = ratePerSecond;
        this.scaledTokens = capacity();
        this.lastRefill = nanoClock.getAsLong();
    }

    /**
     * Takes one token.
     *
     * @return 0 if a token was taken, otherwise how many nanoseconds until one is available
     */
    public synchronized long tryAcquire() {
        refill();
        if (scaledTokens >= NANOS_PER_SECOND) {
            scaledTokens -= NANOS_PER_SECOND;
            return 0;
        }
        long missing = NANOS_PER_SECOND - scaledTokens;
        return Math.max(1, ceilDiv(missing, ratePerSecond));
    }

    /** Changes the rate (the control plane's limit changed); keeps the tokens already earned, up to the new burst. */
    public synchronized void setRate(long newRatePerSecond) {
        if (newRatePerSecond <= 0 || newRatePerSecond == ratePerSecond) {
            return;
        }
        refill();
        ratePerSecond = newRatePerSecond;
        scaledTokens = Math.min(scaledTokens, capacity());
    }

    public synchronized long rate() {
        return ratePerSecond;
    }

    private long capacity() {
        return Math.multiplyExact(ratePerSecond, NANOS_PER_SECOND);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastRefill;
        if (elapsed <= 0) {
            return;
        }
        lastRefill = now;
        long capacity = capacity();
        // elapsed * rate can overflow for long idle periods: a full bucket is the most it can earn anyway
        long earned = elapsed >= NANOS_PER_SECOND ? capacity : elapsed * ratePerSecond;
        scaledTokens = Math.min(capacity, scaledTokens + earned);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
