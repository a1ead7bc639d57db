package io.cadenza.dataplane.cell;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One long-lived gRPC channel to each other instance of the cell, by its internal address. */
@ApplicationScoped
public class CellChannels {

    private final ConcurrentHashMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    public ManagedChannel to(String address) {
        return channels.computeIfAbsent(address, a -> ManagedChannelBuilder.forTarget(a).usePlaintext()
                .maxInboundMessageSize(128 * 1024 * 1024).build());
    }

    @PreDestroy
    void close() {
        channels.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel c : channels.values()) {
            try {
                if (!c.awaitTermination(2, TimeUnit.SECONDS)) {
                    c.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.shutdownNow();
            }
        }
    }
}
