package io.cadenza.controlplane.api;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** Ids and timestamps are made in Java (no database sequences or defaults: CockroachDB-friendly). */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ACCOUNT_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {
    }

    /** 32 hex chars (128 random bits). */
    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** An account id: 5 random lowercase letters and digits, the first a letter. */
    public static String accountId() {
        StringBuilder id = new StringBuilder(5);
        id.append(ACCOUNT_ALPHABET.charAt(RANDOM.nextInt(26)));
        for (int i = 1; i < 5; i++) {
            id.append(ACCOUNT_ALPHABET.charAt(RANDOM.nextInt(ACCOUNT_ALPHABET.length())));
        }
        return id.toString();
    }

    /** Now at the database's precision (microseconds), so keyset paging compares equal values. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
