package io.cadenza.dataplane.grpc;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.error.CadenzaException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** Completes a unary gRPC call from an asynchronous handler; any failure becomes a gRPC status. */
final class GrpcReplies {

    private static final Logger LOG = Logger.getLogger(GrpcReplies.class);

    private GrpcReplies() {
    }

    /**
     * Runs {@code call} on {@code executor} and completes the call with its result. The caller's gRPC context
     * (deadline, cancellation) goes along; anything that must happen during the service method itself, such as
     * registering a cancel handler, has to be done before this.
     */
    static <T> void async(Executor executor, StreamObserver<T> out, Supplier<? extends CompletionStage<T>> call) {
        Runnable task = io.grpc.Context.current().wrap(() -> async(out, call));
        try {
            executor.execute(task);
        } catch (RuntimeException e) {
            // A closing Vert.x refuses tasks.
            out.onError(toStatus(e));
        }
    }

    static <T> void async(StreamObserver<T> out, Supplier<? extends CompletionStage<T>> call) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            out.onError(toStatus(e));
            return;
        }
        stage.whenComplete((response, error) -> {
            if (error != null) {
                out.onError(toStatus(error));
            } else {
                out.onNext(response);
                out.onCompleted();
            }
        });
    }

    /**
     * The engine's errors become statuses through {@link StatusMapping}; a gRPC status (the call's own context was
     * cancelled) passes as it is; anything else is a bug, logged and reported as INTERNAL.
     */
    static Throwable toStatus(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof CadenzaException c) {
            return StatusMapping.toStatus(c);
        }
        if (e instanceof StatusRuntimeException) {
            return e;
        }
        LOG.error("unexpected error", e);
        return StatusMapping.toStatus(Errors.internal("Internal error: " + e));
    }
}
