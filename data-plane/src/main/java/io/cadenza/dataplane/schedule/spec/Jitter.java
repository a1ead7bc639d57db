package io.cadenza.dataplane.schedule.spec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Temporal's deterministic jitter ({@code CompiledSpec.addJitter} in {@code service/worker/scheduler/spec.go}):
 * the offset is {@code FarmHash.Fingerprint32(nominal.MarshalBinary() + seed)} scaled into
 * {@code [0, maxJitter)} at millisecond precision (capped at 2^32 - 1 ms, about 49 days). Temporal's seed is
 * {@code "<namespaceId>-<scheduleId>"}. Byte-for-byte the same input as Go's, so the same schedule gets the same
 * jittered times on Temporal and on Cadenza.
 */
final class Jitter {

    /** Seconds between Go's zero time (January 1, year 1, UTC) and the Unix epoch. */
    private static final long UNIX_TO_INTERNAL = 62_135_596_800L;
    private static final byte TIME_BINARY_VERSION_V1 = 1;
    private static final long MAX_UINT32 = 0xffff_ffffL;

    private Jitter() {
    }

    static Instant apply(Instant nominal, Duration maxJitter, String seed) {
        long ms = maxJitter.isNegative() ? 0 : Math.min(maxJitter.toMillis(), MAX_UINT32);
        long fingerprint = FarmHash.fingerprint32(hashInput(nominal, seed)) & MAX_UINT32;
        // 32 bits of hash times at most 32 bits of range fits in 64 unsigned bits; the top half is the offset
        long offset = (fingerprint * ms) >>> 32;
        return nominal.plusMillis(offset);
    }

    /** Go's {@code time.Time.MarshalBinary()} of a UTC time (version 1, zone offset -1), then the seed's bytes. */
    static byte[] hashInput(Instant t, String seed) {
        byte[] seedBytes = seed.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[15 + seedBytes.length];
        long sec = t.getEpochSecond() + UNIX_TO_INTERNAL;
        int nsec = t.getNano();
        b[0] = TIME_BINARY_VERSION_V1;
        for (int i = 0; i < 8; i++) {
            b[1 + i] = (byte) (sec >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            b[9 + i] = (byte) (nsec >>> (24 - 8 * i));
        }
        b[13] = (byte) 0xff; // offset in minutes: -1 means UTC
        b[14] = (byte) 0xff;
        System.arraycopy(seedBytes, 0, b, 15, seedBytes.length);
        return b;
    }
}
