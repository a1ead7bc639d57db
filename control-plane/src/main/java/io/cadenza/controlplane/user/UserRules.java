package io.cadenza.controlplane.user;

import io.cadenza.controlplane.problem.ProblemException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Login rules of a user: the email is the Keycloak username (lower-cased), and the password meets Keycloak's policy
 * (length 12, not the email), checked here first to answer with a field error. Pure.
 */
public final class UserRules {
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");

    private UserRules() {
    }

    public static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public static void checkEmail(String field, String email) {
        if (email == null || email.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw ProblemException.invalid(field, "must be an email address like name@example.com");
        }
    }

    /** Why a password is too weak, or null. */
    public static String passwordProblem(String password, String email) {
        if (password == null || password.isEmpty()) {
            return "is required";
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            return "is too weak: use at least " + MIN_PASSWORD_LENGTH + " characters";
        }
        if (password.length() > 128) {
            return "must be at most 128 characters";
        }
        if (email != null && password.toLowerCase(Locale.ROOT).equals(email)) {
            return "is too weak: it must not be your email address";
        }
        if (password.chars().distinct().count() < 4) {
            return "is too weak: use more varied characters";
        }
        return null;
    }
}
