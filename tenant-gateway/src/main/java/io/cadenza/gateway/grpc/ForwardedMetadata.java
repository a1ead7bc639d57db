package io.cadenza.gateway.grpc;

import io.cadenza.gateway.auth.Principal;
import io.cadenza.gateway.telemetry.GatewayTelemetry;
import io.grpc.Metadata;
import io.opentelemetry.context.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The metadata the gateway sends to a cell: everything the SDK sent (temporal-namespace, client-name,
 * client-version, supported-server-versions, custom headers), minus the caller's credentials and anything that
 * claims to come from Cadenza itself, plus the gateway's own identity headers and trace context.
 */
public final class ForwardedMetadata {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> TEMPORAL_NAMESPACE =
            Metadata.Key.of("temporal-namespace", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> INTERNAL_TOKEN =
            Metadata.Key.of("cadenza-internal-token", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> PRINCIPAL =
            Metadata.Key.of("cadenza-principal", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> ACCOUNT =
            Metadata.Key.of("cadenza-account", Metadata.ASCII_STRING_MARSHALLER);

    /** Transport headers grpc-java sets itself; the deadline travels as CallOptions, not as grpc-timeout. */
    private static final Set<String> TRANSPORT = Set.of("content-type", "te", "user-agent", "host");

    private ForwardedMetadata() {
    }

    public static Metadata build(Metadata incoming, Principal principal, Optional<String> internalToken,
            Context trace) {
        Metadata out = new Metadata();
        for (String key : incoming.keys()) {
            if (!forwardable(key)) {
                continue;
            }
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                Metadata.Key<byte[]> k = Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER);
                for (byte[] value : incoming.getAll(k)) {
                    out.put(k, value);
                }
            } else {
                Metadata.Key<String> k = Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER);
                for (String value : incoming.getAll(k)) {
                    out.put(k, value);
                }
            }
        }
        internalToken.filter(t -> !t.isEmpty()).ifPresent(t -> out.put(INTERNAL_TOKEN, t));
        out.put(PRINCIPAL, principal.headerValue());
        if (principal.accountId() != null) {
            out.put(ACCOUNT, principal.accountId());
        }
        GatewayTelemetry.inject(trace, out);
        return out;
    }

    static boolean forwardable(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return !k.equals("authorization")
                && !k.startsWith("cadenza-")
                && !k.startsWith("grpc-")
                && !k.startsWith(":")
                && !TRANSPORT.contains(k)
                && !GatewayTelemetry.PROPAGATED_HEADERS.contains(k);
    }
}
