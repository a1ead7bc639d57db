package io.cadenza.gateway.auth;

import io.cadenza.gateway.cache.ExpiringCache;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Authenticates through an authority (the control plane) and remembers its answers briefly.
 *
 * <p>Entries are keyed by the SHA-256 of the token, so no token is kept in memory as a key. An accepted token is
 * reused for at most {@code acceptedTtl} and never past the principal's {@code validUntil}; a refused token is
 * refused again from the cache for {@code refusedTtl}, so a flood of bad keys does not reach the authority.
 * Concurrent lookups of the same token share one call. Authority failures are not cached.
 */
public final class CachingAuthenticator implements Authenticator {

    private final ExpiringCache<String, AuthOutcome> cache;
    private final Function<String, CompletionStage<AuthOutcome>> authority;

    public CachingAuthenticator(Function<String, CompletionStage<AuthOutcome>> authority, Duration acceptedTtl,
            Duration refusedTtl, InstantSource clock, int maxEntries) {
        this.authority = authority;
        this.cache = new ExpiringCache<>(clock, maxEntries, (outcome, now) -> expiry(outcome, now, acceptedTtl,
                refusedTtl));
    }

    static Instant expiry(AuthOutcome outcome, Instant now, Duration acceptedTtl, Duration refusedTtl) {
        if (outcome instanceof AuthOutcome.Accepted accepted) {
            Instant ttlEnd = now.plus(acceptedTtl);
            Instant validUntil = accepted.principal().validUntil();
            return validUntil != null && validUntil.isBefore(ttlEnd) ? validUntil : ttlEnd;
        }
        return now.plus(refusedTtl);
    }

    @Override
    public CompletionStage<Principal> authenticate(String bearerToken) {
        String key = sha256(bearerToken);
        return cache.get(key, k -> authority.apply(bearerToken)).thenApply(outcome -> {
            if (outcome instanceof AuthOutcome.Accepted accepted) {
                return accepted.principal();
            }
            throw Status.UNAUTHENTICATED.withDescription(((AuthOutcome.Refused) outcome).reason())
                    .asRuntimeException();
        });
    }

    /** One digest per thread: looking the algorithm up per call showed in profiles. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static String sha256(String token) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
