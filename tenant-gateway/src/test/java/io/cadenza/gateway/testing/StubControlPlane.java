package io.cadenza.gateway.testing;

import io.cadenza.gateway.auth.Authenticator;
import io.cadenza.gateway.auth.Principal;
import io.cadenza.gateway.routing.NamespaceDirectory;
import io.cadenza.gateway.routing.NamespaceRoute;
import io.grpc.Status;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory stand-in for the control plane: tokens to principals, namespaces to routes. */
public final class StubControlPlane implements Authenticator, NamespaceDirectory {

    public final Map<String, Principal> principals = new ConcurrentHashMap<>();
    public final Map<String, NamespaceRoute> namespaces = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Principal> authenticate(String bearerToken) {
        Principal p = principals.get(bearerToken);
        return p != null ? CompletableFuture.completedFuture(p)
                : CompletableFuture.failedFuture(Status.UNAUTHENTICATED.withDescription("unknown API key")
                        .asRuntimeException());
    }

    @Override
    public CompletionStage<Optional<NamespaceRoute>> lookup(String namespaceId) {
        return CompletableFuture.completedFuture(Optional.ofNullable(namespaces.get(namespaceId)));
    }
}
