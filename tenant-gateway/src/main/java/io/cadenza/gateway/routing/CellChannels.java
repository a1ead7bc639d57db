package io.cadenza.gateway.routing;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived gRPC channel per cell endpoint ({@code host:port}), created on first use. No keepalive pings:
 * cells run grpc-java's default ping policy, which would answer frequent pings with GOAWAY.
 */
public final class CellChannels implements AutoCloseable {

    private final ConcurrentHashMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final int maxMessageSize;

    public CellChannels(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    static {
        io.grpc.NameResolverRegistry.getDefaultRegistry().register(new CellInstances());
    }

    /**
     * The channel of a cell endpoint: {@code host:port}, or {@code host:port,host:port,...} for a cell of several
     * instances (calls spread round robin over those that answer; see {@link CellInstances}).
     */
    public ManagedChannel forEndpoint(String endpoint) {
        // Responses are relayed from the channel's event loop (directExecutor): relaying never blocks, and a hop to
        // another thread per response would cost a wake-up each.
        return channels.computeIfAbsent(endpoint, e -> NettyChannelBuilder.forTarget(CellInstances.target(e))
                .directExecutor()
                .usePlaintext()
                .defaultLoadBalancingPolicy(e.contains(",") ? "round_robin" : "pick_first")
                .maxInboundMessageSize(maxMessageSize)
                .build());
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels.values()) {
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.shutdownNow();
            }
        }
        channels.clear();
    }
}
