package io.cadenza.dataplane.common;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random identifiers for runs and task dispatches. They must be unique, not secret (authorization never rests on
 * them), so they come from ThreadLocalRandom instead of UUID.randomUUID's SecureRandom, which showed up in
 * profiles on the task hot path.
 */
public final class Ids {

    private Ids() {
    }

    /** A random (version 4, IETF variant) UUID string. */
    public static String uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(msb, lsb).toString();
    }
}
