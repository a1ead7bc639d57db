package io.cadenza.gateway.auth;

import java.util.concurrent.CompletionStage;

/**
 * Resolves a tenant's bearer token (API key or Keycloak JWT) to a {@link Principal}.
 *
 * <p>Completes exceptionally with a {@link io.grpc.StatusRuntimeException}: UNAUTHENTICATED when the token is
 * refused (the description says why), UNAVAILABLE when the authority cannot be reached.
 */
public interface Authenticator {

    CompletionStage<Principal> authenticate(String bearerToken);
}
