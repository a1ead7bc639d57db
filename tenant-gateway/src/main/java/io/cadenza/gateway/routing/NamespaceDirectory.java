package io.cadenza.gateway.routing;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Looks up a namespace's cell, state and limits. Completes with empty if the namespace does not exist, or
 * exceptionally with UNAVAILABLE ({@link io.grpc.StatusRuntimeException}) if the directory cannot be reached.
 */
public interface NamespaceDirectory {

    CompletionStage<Optional<NamespaceRoute>> lookup(String namespaceId);
}
