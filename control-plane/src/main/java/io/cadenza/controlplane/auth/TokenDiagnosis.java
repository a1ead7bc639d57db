package io.cadenza.controlplane.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;

/**
 * Explains why a bearer token was refused. Tokens are validated by quarkus-oidc (JWT) or the API key verifier; this
 * class only reads a refused JWT's claims, unverified, to tell the caller what to fix.
 */
@ApplicationScoped
public class TokenDiagnosis {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;
    @Inject
    InstantSource clock;

    public String reasonFor(Throwable failure, String token) {
        if (token == null || token.isBlank()) {
            return "Authentication required: send 'Authorization: Bearer <Keycloak access token or Cadenza API key>'.";
        }
        if (Credentials.isApiKey(token)) {
            return failure != null && failure.getMessage() != null ? failure.getMessage() : "Unknown API key.";
        }
        return explainJwt(token, issuer, clock.instant());
    }

    /** Why a JWT that failed validation is not acceptable. Pure, for tests. */
    public static String explainJwt(String token, String expectedIssuer, Instant now) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return "Invalid token: the bearer token is neither a Cadenza API key (cdz_...) nor a JWT.";
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            return "Invalid token: the JWT payload cannot be read.";
        }
        String iss = claims.path("iss").asText(null);
        if (iss == null || !iss.equals(expectedIssuer)) {
            return "Token not issued by realm cadenza: issuer is " + iss + ", expected " + expectedIssuer + ".";
        }
        long exp = claims.path("exp").asLong(0);
        if (exp != 0 && !Instant.ofEpochSecond(exp).isAfter(now)) {
            return "Token expired at " + Instant.ofEpochSecond(exp) + "; get a new access token.";
        }
        JsonNode aud = claims.path("aud");
        boolean hasAudience = aud.isTextual() ? "cadenza-api".equals(aud.asText())
                : aud.isArray() && aud.toString().contains("\"cadenza-api\"");
        if (!hasAudience) {
            return "Invalid token: its audience does not include cadenza-api.";
        }
        return "Invalid token: signature or claims could not be verified by realm cadenza.";
    }
}
