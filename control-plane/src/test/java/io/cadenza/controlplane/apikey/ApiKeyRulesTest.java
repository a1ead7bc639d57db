package io.cadenza.controlplane.apikey;

import io.cadenza.controlplane.auth.PrincipalType;
import io.cadenza.controlplane.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyRulesTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void expiryMustBeInTheFutureAndAtMostTwoYearsAhead() {
        assertThatThrownBy(() -> ApiKeyRules.checkExpiry(null, NOW)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("expiryTime: is required");
        assertThatThrownBy(() -> ApiKeyRules.checkExpiry(NOW.minusSeconds(1), NOW))
                .hasMessageContaining("must be in the future");
        assertThatThrownBy(() -> ApiKeyRules.checkExpiry(NOW.plus(Duration.ofDays(2 * 365 + 2)), NOW))
                .hasMessageContaining("at most 2 years");
        assertThatCode(() -> ApiKeyRules.checkExpiry(NOW.plus(Duration.ofDays(2 * 365)), NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> ApiKeyRules.checkExpiry(NOW.plus(Duration.ofDays(1)), NOW)).doesNotThrowAnyException();
    }

    @Test
    void limitsAreTenPerUserAndTwentyPerServiceAccount() {
        assertThatCode(() -> ApiKeyRules.checkCount(PrincipalType.USER, 9)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ApiKeyRules.checkCount(PrincipalType.USER, 10))
                .isInstanceOf(ProblemException.class).hasMessageContaining("at most 10");
        assertThatCode(() -> ApiKeyRules.checkCount(PrincipalType.SERVICE_ACCOUNT, 19)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ApiKeyRules.checkCount(PrincipalType.SERVICE_ACCOUNT, 20))
                .hasMessageContaining("at most 20");
    }

    @Test
    void displayNameIsRequired() {
        assertThatThrownBy(() -> ApiKeyRules.checkDisplayName(" ")).hasMessageContaining("displayName");
        assertThatThrownBy(() -> ApiKeyRules.checkDisplayName("x".repeat(201))).hasMessageContaining("200");
    }
}
