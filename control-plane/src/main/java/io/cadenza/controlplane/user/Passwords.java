package io.cadenza.controlplane.user;

import java.security.SecureRandom;

/** Generated initial passwords: 20 characters, satisfying realm cadenza's policy (length 12, not the email). */
public final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!";

    private Passwords() {
    }

    public static String generate() {
        StringBuilder p = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            p.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return p.toString();
    }
}
