package io.cadenza.gateway.grpc;

import io.cadenza.gateway.auth.Principal;
import io.grpc.Metadata;
import io.opentelemetry.api.trace.Span;

/**
 * A call the gateway decided to forward.
 *
 * @param principal    the authenticated caller
 * @param namespace    the namespace the call is charged to (empty for GetSystemInfo without namespaces)
 * @param cellId       the cell that answers it (for logs and spans)
 * @param cellEndpoint {@code host:port} of the cell
 * @param outgoing     the metadata to send to the cell
 * @param routeSpan    the {@code gateway.route} span, ended when the cell answers
 */
record Admission(Principal principal, String namespace, String cellId, String cellEndpoint, Metadata outgoing,
        Span routeSpan) {
}
