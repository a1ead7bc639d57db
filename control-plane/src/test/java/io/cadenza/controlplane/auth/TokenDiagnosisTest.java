package io.cadenza.controlplane.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class TokenDiagnosisTest {
    private static final String ISSUER = "http://127.0.0.1:8180/realms/cadenza";
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void explainsForeignIssuer() {
        assertThat(TokenDiagnosis.explainJwt(jwt("{\"iss\":\"http://evil/realms/x\",\"exp\":1}"), ISSUER, NOW))
                .startsWith("Token not issued by realm cadenza");
    }

    @Test
    void explainsExpiry() {
        assertThat(TokenDiagnosis.explainJwt(jwt("{\"iss\":\"" + ISSUER + "\",\"exp\":1000}"), ISSUER, NOW))
                .startsWith("Token expired at 1970-01-01T00:16:40Z");
    }

    @Test
    void explainsMissingAudience() {
        long exp = NOW.getEpochSecond() + 60;
        assertThat(TokenDiagnosis.explainJwt(jwt("{\"iss\":\"" + ISSUER + "\",\"exp\":" + exp + ",\"aud\":\"x\"}"),
                ISSUER, NOW)).contains("audience");
    }

    @Test
    void explainsGarbage() {
        assertThat(TokenDiagnosis.explainJwt("not-a-jwt", ISSUER, NOW)).contains("neither a Cadenza API key");
    }
}
