package io.cadenza.controlplane.internal;

import io.cadenza.controlplane.auth.PrincipalType;
import io.cadenza.controlplane.api.ApiErrors;
import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.apikey.ApiKeyTokens;
import io.cadenza.controlplane.apikey.ApiKeyVerifier;
import io.cadenza.controlplane.auth.Caller;
import io.cadenza.controlplane.auth.CurrentCaller;
import io.cadenza.controlplane.auth.PrincipalDirectory;
import io.cadenza.controlplane.auth.TokenDiagnosis;
import io.cadenza.controlplane.cell.CellClient;
import io.cadenza.controlplane.namespace.NamespaceEntity;
import io.cadenza.controlplane.problem.ProblemException;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The API Cadenza's own services (tenant gateway, billing) call: who is this token, where is this namespace.
 * Callers need a client-credentials token with realm role cadenza-internal.
 */
@Path("/internal/v1")
@Tag(name = "Internal")
@RolesAllowed(CurrentCaller.INTERNAL_ROLE)
@Blocking
@ApiErrors
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalResource {

    @Inject
    ApiKeyVerifier apiKeys;
    @Inject
    TenantIdentityProvider oidc;
    @Inject
    PrincipalDirectory directory;
    @Inject
    TokenDiagnosis diagnosis;
    @Inject
    CellClient cells;
    @Inject
    Tx tx;

    @POST
    @Path("/authenticate")
    @Operation(summary = "Authenticate a tenant's bearer token",
            description = "API keys (cdz_...) are looked up by SHA-256; anything else is validated as a Keycloak JWT "
                    + "of realm cadenza. 401 problem JSON says why a token is refused. Cache for at most 5 s and "
                    + "never past validUntil.")
    public InternalDtos.Principal authenticate(InternalDtos.AuthenticateRequest request) {
        if (request == null || request.token() == null || request.token().isBlank()) {
            throw ProblemException.invalid("token", "is required");
        }
        String token = request.token().trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        if (ApiKeyTokens.looksLikeApiKey(token)) {
            ApiKeyVerifier.Result result = apiKeys.verify(token);
            if (result.caller() == null) {
                throw ProblemException.unauthorized(result.failure());
            }
            return principal(result.caller(), result.validUntil());
        }
        SecurityIdentity identity;
        try {
            identity = oidc.authenticate(new AccessTokenCredential(token)).await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            throw ProblemException.unauthorized(diagnosis.reasonFor(e, token));
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw ProblemException.unauthorized("Invalid token: not a JWT of realm cadenza.");
        }
        Instant validUntil = Instant.ofEpochSecond(jwt.getExpirationTime());
        Caller caller = directory.forJwt(jwt);
        if (caller == null) {
            if (identity.hasRole(CurrentCaller.INTERNAL_ROLE)) {
                String client = jwt.getClaim("azp");
                return new InternalDtos.Principal("internal", client, client, null, null, Map.of(), validUntil,
                        "internal:" + client, List.of());
            }
            throw ProblemException.unauthorized("No Cadenza account: the token's user or client is not a member of "
                    + "any Cadenza account.");
        }
        return principal(caller, validUntil);
    }

    @GET
    @Path("/namespaces/{namespaceId}")
    @Operation(summary = "Where a namespace lives and its limits")
    public InternalDtos.Namespace namespace(@PathParam("namespaceId") String namespaceId) {
        NamespaceEntity ns = tx.read(() -> NamespaceEntity.<NamespaceEntity>findById(namespaceId));
        if (ns == null) {
            throw ProblemException.notFound("Namespace " + namespaceId + " does not exist.");
        }
        return new InternalDtos.Namespace(ns.id, ns.accountId, ns.cellId, cells.endpoint(ns.cellId), ns.state,
                ns.actionsPerSecond, ns.requestsPerSecond, cells.httpEndpoint(ns.cellId));
    }

    private InternalDtos.Principal principal(Caller caller, Instant validUntil) {
        // A user's display name is their email, which is also their Keycloak username.
        String username = caller.type() == PrincipalType.USER ? caller.displayName()
                : caller.type().wire() + ":" + caller.displayName();
        return new InternalDtos.Principal(caller.type().wire(), caller.id(), caller.displayName(), caller.accountId(),
                caller.role(), directory.namespaces(caller), validUntil, username, caller.groups());
    }
}
