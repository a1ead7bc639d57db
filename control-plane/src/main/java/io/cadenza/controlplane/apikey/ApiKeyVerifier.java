package io.cadenza.controlplane.apikey;

import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.auth.Caller;
import io.cadenza.controlplane.auth.PrincipalDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.InstantSource;

/** Checks an API key token: one indexed lookup by SHA-256, then the key's state and owner. */
@ApplicationScoped
public class ApiKeyVerifier {

    /** Either a caller (with the key's expiry) or the reason the key was refused. */
    public record Result(Caller caller, Instant validUntil, String failure) {
        static Result refused(String why) {
            return new Result(null, null, why);
        }
    }

    @Inject
    Tx tx;
    @Inject
    PrincipalDirectory directory;
    @Inject
    InstantSource clock;

    public Result verify(String token) {
        if (!ApiKeyTokens.wellFormed(token)) {
            return Result.refused("Unknown API key: the token is not a Cadenza API key (cdz_ followed by 43 characters).");
        }
        String hash = ApiKeyTokens.hash(token);
        ApiKeyEntity key = tx.read(() -> ApiKeyEntity.<ApiKeyEntity>find("tokenHash", hash).firstResult());
        if (key == null) {
            return Result.refused("Unknown API key.");
        }
        if (key.deletedAt != null) {
            return Result.refused("API key deleted: key " + key.id + " was deleted at " + key.deletedAt + ".");
        }
        if (key.disabled) {
            return Result.refused("API key disabled: key " + key.id + " is disabled; an account admin or its owner "
                    + "can enable it.");
        }
        if (!key.expiresAt.isAfter(clock.instant())) {
            return Result.refused("API key expired: key " + key.id + " expired at " + key.expiresAt + ".");
        }
        Caller caller = directory.forOwner(key.ownerType, key.ownerId, key.id);
        if (caller == null) {
            return Result.refused("Unknown API key: its owner no longer exists.");
        }
        return new Result(caller, key.expiresAt, null);
    }
}
