package io.cadenza.dataplane.grpc;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Lets only Cadenza's own services call a hosted cell. Tenants never reach a cell directly: the tenant gateway
 * authenticates them and forwards their calls with the cell's shared secret in {@code cadenza-internal-token}
 * (see docs/tenancy.md). Without a configured secret (single-cell dev, benchmarks) every caller is accepted.
 */
@GlobalInterceptor
@ApplicationScoped
public class InternalCallerInterceptor implements ServerInterceptor {

    public static final Metadata.Key<String> INTERNAL_TOKEN =
            Metadata.Key.of("cadenza-internal-token", Metadata.ASCII_STRING_MARSHALLER);

    private final Optional<byte[]> expected;

    public InternalCallerInterceptor(DataPlaneConfig config) {
        this.expected = config.internalToken().filter(t -> !t.isBlank())
                .map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (expected.isEmpty()) {
            return next.startCall(call, headers);
        }
        String presented = headers.get(INTERNAL_TOKEN);
        // Constant-time comparison: the secret must not leak through response timing.
        if (presented == null
                || !MessageDigest.isEqual(expected.get(), presented.getBytes(StandardCharsets.UTF_8))) {
            call.close(Status.UNAUTHENTICATED.withDescription(presented == null
                    ? "This is an internal Cadenza cell endpoint: connect through the tenant gateway."
                    : "Invalid cadenza-internal-token."), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
