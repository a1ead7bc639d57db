package io.cadenza.controlplane.account;

import io.cadenza.controlplane.problem.Problem;
import io.cadenza.controlplane.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Sign-up input rules. Pure. Keycloak's password policy (length 12, not the username/email) is checked here too. */
public final class AccountRules {
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{1,62}[A-Za-z0-9.]");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");

    private AccountRules() {
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

    /** Checks all sign-up fields and reports every problem at once. */
    public static void checkSignup(String accountName, String email, String password) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (accountName == null || accountName.isBlank()) {
            errors.add(new Problem.FieldError("accountName", "is required"));
        } else if (!ACCOUNT_NAME.matcher(accountName).matches()) {
            errors.add(new Problem.FieldError("accountName", "must be 3-64 letters, digits, spaces, '.', '_' or '-', "
                    + "starting and ending with a letter or digit"));
        }
        try {
            checkEmail("adminEmail", email);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        String passwordProblem = passwordProblem(password, normalizeEmail(email));
        if (passwordProblem != null) {
            errors.add(new Problem.FieldError("adminPassword", passwordProblem));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
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

    public static String nameKey(String accountName) {
        return accountName.trim().toLowerCase(Locale.ROOT);
    }
}
