package io.cadenza.controlplane.cell;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A cell of several data-plane instances is known as a list of their addresses ({@code host:port,host:port}). Its
 * channel resolves to all of them and balances round robin: gRPC's {@code round_robin} policy spreads calls over the
 * instances that are connected and skips one whose connection failed until it connects again. Any instance answers
 * any call (it forwards to the instance owning the run or queue).
 */
public final class CellInstances extends NameResolverProvider {

    public static final String SCHEME = "cadenza-cell";

    /** The channel target for an endpoint: a plain {@code host:port}, or the list scheme for several instances. */
    public static String target(String endpoint) {
        return endpoint.contains(",") ? SCHEME + ":///" + endpoint.replace(" ", "") : endpoint;
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
        if (!SCHEME.equals(targetUri.getScheme())) {
            return null;
        }
        List<EquivalentAddressGroup> groups = new ArrayList<>();
        for (String address : addresses(targetUri.getPath())) {
            int colon = address.lastIndexOf(':');
            SocketAddress socket = new InetSocketAddress(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1)));
            groups.add(new EquivalentAddressGroup(socket));
        }
        return new NameResolver() {
            @Override
            public String getServiceAuthority() {
                return "cadenza-cell";
            }

            @Override
            public void start(Listener2 listener) {
                listener.onResult(ResolutionResult.newBuilder().setAddresses(groups)
                        .setAttributes(Attributes.EMPTY).build());
            }

            @Override
            public void shutdown() {
            }
        };
    }

    /** The instance addresses of an endpoint list. */
    public static List<String> addresses(String endpoints) {
        List<String> out = new ArrayList<>();
        for (String a : endpoints.replaceFirst("^/", "").split(",")) {
            if (!a.isBlank()) {
                out.add(a.trim());
            }
        }
        return out;
    }
}
