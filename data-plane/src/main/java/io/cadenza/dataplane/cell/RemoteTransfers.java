package io.cadenza.dataplane.cell;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.transfer.TransferTargets;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Transfers whose target run another instance holds (a child created on another shard, a parent told of its child's
 * close, a signal or cancellation to another workflow): their target step runs on the target's holder
 * ({@link CellRpc#TRANSFER}), as Temporal's history shards call each other. A target with no live holder fails
 * UNAVAILABLE, and the transfer is retried.
 */
@ApplicationScoped
public class RemoteTransfers implements TransferTargets.Remote {

    private final ShardController cell;
    private final CellChannels channels;
    private final TransferTargets targets;
    private final Optional<String> internalToken;

    public RemoteTransfers(ShardController cell, CellChannels channels, TransferTargets targets,
                           DataPlaneConfig config) {
        this.cell = cell;
        this.channels = channels;
        this.targets = targets;
        this.internalToken = config.internalToken().filter(t -> !t.isBlank());
    }

    void onStart(@Observes StartupEvent event) {
        targets.remote(this);
    }

    @Override
    public CompletableFuture<byte[]> call(int shard, String op, byte[] payload) {
        Optional<CellMember> holder = cell.view().holder(shard);
        if (holder.isEmpty() || holder.get().id().equals(cell.view().selfId())) {
            return CompletableFuture.failedFuture(Status.UNAVAILABLE.withDescription("Shard " + shard
                    + " of the cell is moving between instances; retry.").asRuntimeException());
        }
        byte[] name = op.getBytes(StandardCharsets.UTF_8);
        byte[] request = Arrays.copyOf(name, name.length + 1 + payload.length);
        System.arraycopy(payload, 0, request, name.length + 1, payload.length);
        Metadata headers = new Metadata();
        internalToken.ifPresent(t -> headers.put(Metadata.Key.of("cadenza-internal-token",
                Metadata.ASCII_STRING_MARSHALLER), t));
        var channel = io.grpc.ClientInterceptors.intercept(channels.to(holder.get().address()),
                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
        CompletableFuture<byte[]> out = new CompletableFuture<>();
        // Detached from the current gRPC context, whose call may end (and cancel ours) before this one does.
        io.grpc.Context detached = io.grpc.Context.current().fork();
        io.grpc.Context previous = detached.attach();
        com.google.common.util.concurrent.ListenableFuture<byte[]> future;
        try {
            future = ClientCalls.futureUnaryCall(channel.newCall(CellRpc.TRANSFER,
                    CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS)), request);
        } finally {
            detached.detach(previous);
        }
        future.addListener(() -> {
            try {
                out.complete(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                out.completeExceptionally(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.completeExceptionally(e);
            }
        }, Runnable::run);
        return out;
    }

    /** The holder's side of {@link CellRpc#TRANSFER}. */
    public CompletableFuture<byte[]> serve(byte[] request) {
        int nul = 0;
        while (nul < request.length && request[nul] != 0) {
            nul++;
        }
        String op = new String(request, 0, nul, StandardCharsets.UTF_8);
        return targets.serve(op, Arrays.copyOfRange(request, Math.min(nul + 1, request.length), request.length));
    }
}
