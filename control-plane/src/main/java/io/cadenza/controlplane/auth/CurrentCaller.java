package io.cadenza.controlplane.auth;

import io.cadenza.controlplane.problem.ProblemException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The tenant principal of the current request, resolved once and remembered (the audit log reads it). */
@RequestScoped
public class CurrentCaller {
    public static final String INTERNAL_ROLE = "cadenza-internal";

    @Inject
    SecurityIdentity identity;
    @Inject
    PrincipalDirectory directory;

    private Caller caller;

    /** The caller; 401 when unauthenticated, 403 when the identity belongs to no Cadenza account. */
    public Caller get() {
        if (caller != null) {
            return caller;
        }
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        Caller resolved = identity.getAttribute(Credentials.CALLER_ATTRIBUTE);
        if (resolved == null && identity.getPrincipal() instanceof JsonWebToken jwt) {
            resolved = directory.forJwt(jwt);
        }
        if (resolved == null) {
            if (identity.hasRole(INTERNAL_ROLE)) {
                throw ProblemException.forbidden("Cadenza's internal services have no tenant account; "
                        + "use /internal/v1.");
            }
            throw ProblemException.forbidden("You are authenticated but not a member of any Cadenza account: "
                    + "sign up with POST /api/v1/signup or ask an admin of your account to invite you.");
        }
        caller = resolved;
        return resolved;
    }

    /** The caller if this request has resolved it already, else null (never blocks: usable on the event loop). */
    public Caller resolved() {
        return caller;
    }

    /** The caller if it can be resolved without failing, else null (used by the audit log on failed requests). */
    public Caller tryGet() {
        if (caller != null) {
            return caller;
        }
        try {
            return identity.isAnonymous() ? null : get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
