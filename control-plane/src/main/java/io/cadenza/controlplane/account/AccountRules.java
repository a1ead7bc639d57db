package io.cadenza.controlplane.account;

import io.cadenza.controlplane.problem.Problem;
import io.cadenza.controlplane.problem.ProblemException;
import io.cadenza.controlplane.user.UserRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Sign-up input rules. Pure. Keycloak's password policy (length 12, not the username/email) is checked here too. */
public final class AccountRules {
    public static final int MIN_PASSWORD_LENGTH = UserRules.MIN_PASSWORD_LENGTH;
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{1,62}[A-Za-z0-9.]");

    private AccountRules() {
    }

    public static String normalizeEmail(String email) {
        return UserRules.normalizeEmail(email);
    }

    public static void checkEmail(String field, String email) {
        UserRules.checkEmail(field, email);
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
        return UserRules.passwordProblem(password, email);
    }

    public static String nameKey(String accountName) {
        return accountName.trim().toLowerCase(Locale.ROOT);
    }
}
