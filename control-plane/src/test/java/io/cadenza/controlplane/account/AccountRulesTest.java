package io.cadenza.controlplane.account;

import io.cadenza.controlplane.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AccountRulesTest {

    @Test
    void validSignup() {
        assertThatCode(() -> AccountRules.checkSignup("Acme Payments", "owner@acme.example", "correct-horse-battery"))
                .doesNotThrowAnyException();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> AccountRules.checkSignup("x", "not-an-email", "short"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(f -> f.field()).containsExactly("accountName", "adminEmail",
                "adminPassword");
    }

    @Test
    void weakPasswords() {
        assertThat(AccountRules.passwordProblem("elevenchars", "a@b.c")).contains("at least 12");
        assertThat(AccountRules.passwordProblem("owner@acme.example", "owner@acme.example")).contains("email");
        assertThat(AccountRules.passwordProblem("aaaaaaaaaaaaaaaa", "a@b.c")).contains("varied");
        assertThat(AccountRules.passwordProblem("correct-horse-battery", "a@b.c")).isNull();
    }

    @Test
    void emailsAreNormalised() {
        assertThat(AccountRules.normalizeEmail("  Owner@Acme.Example ")).isEqualTo("owner@acme.example");
        assertThat(AccountRules.nameKey(" Acme ")).isEqualTo("acme");
    }
}
