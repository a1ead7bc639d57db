package io.cadenza.billing.rest;

import io.cadenza.billing.config.BillingClock;
import io.cadenza.billing.config.BillingConfig;
import io.cadenza.billing.controlplane.ControlPlaneClient;
import io.cadenza.billing.controlplane.Principal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is calling: the bearer token (Keycloak JWT or API key) is resolved by the control plane's
 * {@code /internal/v1/authenticate}, as the gateway does, and reused for a few seconds (never past its validUntil).
 */
@ApplicationScoped
public class Callers {
    private static final int MAX_CACHED = 10_000;

    private record Cached(Principal principal, Instant until) {
    }

    @Inject
    ControlPlaneClient controlPlane;
    @Inject
    BillingConfig config;
    @Inject
    BillingClock clock;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** The caller, who must hold owner, admin or finance-admin in their account (else 403). */
    public Uni<Principal> billingReader(String authorization) {
        return authenticate(authorization).invoke(p -> {
            if (!p.canSeeBilling()) {
                throw ProblemException.forbidden("Usage, invoices and the plan are for the account's owners, admins "
                        + "and finance admins; your account role is " + p.accountRole() + ".");
            }
        });
    }

    /** The caller, who must be an owner or admin of their account (else 403). */
    public Uni<Principal> planChanger(String authorization) {
        return authenticate(authorization).invoke(p -> {
            if (!p.canChangePlan()) {
                throw ProblemException.forbidden("Only the account's owners and admins can change the plan; your "
                        + "account role is " + p.accountRole() + ".");
            }
        });
    }

    Uni<Principal> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            return Uni.createFrom().failure(ProblemException.unauthorized("Authentication required: send "
                    + "'Authorization: Bearer <Keycloak access token or Cadenza API key>'."));
        }
        String token = authorization.substring(7).trim();
        Instant now = clock.instant();
        Cached cached = cache.get(token);
        if (cached != null && now.isBefore(cached.until())) {
            return Uni.createFrom().item(cached.principal());
        }
        if (!controlPlane.configured()) {
            return Uni.createFrom().failure(ProblemException.unavailable("Authentication is not configured "
                    + "(cadenza.billing.control-plane.url)."));
        }
        return Uni.createFrom().completionStage(() -> controlPlane.authenticate(token))
                .onFailure().transform(Callers::asProblem)
                .invoke(p -> {
                    if (p.accountId() == null) {
                        throw ProblemException.forbidden("This token belongs to no Cadenza account.");
                    }
                    Instant until = now.plus(config.controlPlane().authCacheTtl());
                    if (p.validUntil() != null && p.validUntil().isBefore(until)) {
                        until = p.validUntil();
                    }
                    if (cache.size() >= MAX_CACHED) {
                        cache.clear();
                    }
                    cache.put(token, new Cached(p, until));
                });
    }

    private static Throwable asProblem(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ProblemException) {
            return cause;
        }
        if (cause instanceof ControlPlaneClient.Refused r) {
            return ProblemException.unauthorized(r.getMessage());
        }
        return ProblemException.unavailable("Authentication is unavailable right now (the control plane cannot be "
                + "reached); retry shortly.");
    }
}
