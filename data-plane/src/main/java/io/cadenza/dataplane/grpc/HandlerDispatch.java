package io.cadenza.dataplane.grpc;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads gRPC handler work over several Vert.x event loops.
 *
 * <p>Quarkus' gRPC server (the separate grpc-java server) runs every connection on one event loop: with
 * {@code quarkus.grpc.server.instances} above 1, Quarkus 3.33 fails to start the extra instances. Left there, the
 * whole engine (request handling, state transitions, SQL calls and their results) would use one core however many
 * the machine has. The I/O thread therefore only decodes a request; the handler runs on the next of
 * {@link DataPlaneConfig#handlerEventLoops()} event-loop contexts, round robin, and the store's replies come back on
 * that context. Runs stay consistent across threads because every change of a run is serialised by
 * {@code ExecutionManager} anyway. (Quarkus issue 54810; remove this once {@code instances} works.)
 */
@ApplicationScoped
public class HandlerDispatch implements Executor {

    private final Context[] contexts;
    private final AtomicInteger next = new AtomicInteger();

    @Inject
    public HandlerDispatch(Vertx vertx, DataPlaneConfig config) {
        this(vertx, config.handlerEventLoops().orElse(Runtime.getRuntime().availableProcessors()));
    }

    HandlerDispatch(Vertx vertx, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("cadenza.handler-event-loops must be at least 1, was " + size);
        }
        contexts = new Context[size];
        for (int i = 0; i < size; i++) {
            // Each new event-loop context takes the next of Vert.x' event loops.
            contexts[i] = ((VertxInternal) vertx).createEventLoopContext();
        }
    }

    /** How many event loops handlers run on. */
    public int size() {
        return contexts.length;
    }

    @Override
    public void execute(Runnable task) {
        contexts[Math.floorMod(next.getAndIncrement(), contexts.length)].runOnContext(v -> task.run());
    }
}
