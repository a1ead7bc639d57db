package io.cadenza.controlplane.apikey;

import io.cadenza.controlplane.auth.PrincipalType;
import io.cadenza.controlplane.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;

/** Temporal Cloud's API key limits: 10 keys per user, 20 per service account, expiry at most 2 years ahead. */
public final class ApiKeyRules {
    public static final int MAX_PER_USER = 10;
    public static final int MAX_PER_SERVICE_ACCOUNT = 20;
    public static final Duration MAX_LIFETIME = Duration.ofDays(2 * 365 + 1);

    private ApiKeyRules() {
    }

    public static int maxKeys(PrincipalType owner) {
        return owner == PrincipalType.SERVICE_ACCOUNT ? MAX_PER_SERVICE_ACCOUNT : MAX_PER_USER;
    }

    public static void checkExpiry(Instant expiry, Instant now) {
        if (expiry == null) {
            throw ProblemException.invalid("expiryTime",
                    "is required: an RFC 3339 instant in the future, at most 2 years ahead");
        }
        if (!expiry.isAfter(now)) {
            throw ProblemException.invalid("expiryTime", "must be in the future");
        }
        if (expiry.isAfter(now.plus(MAX_LIFETIME))) {
            throw ProblemException.invalid("expiryTime", "must be at most 2 years ahead");
        }
    }

    public static void checkDisplayName(String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("displayName", "is required");
        }
        if (name.length() > 200) {
            throw ProblemException.invalid("displayName", "must be at most 200 characters");
        }
    }

    public static void checkCount(PrincipalType owner, long existing) {
        int max = maxKeys(owner);
        if (existing >= max) {
            throw ProblemException.conflict("A " + owner.wire() + " can have at most " + max
                    + " API keys; delete an unused key first.");
        }
    }
}
