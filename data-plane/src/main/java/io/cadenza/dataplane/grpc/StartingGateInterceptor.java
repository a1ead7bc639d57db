package io.cadenza.dataplane.grpc;

import io.cadenza.dataplane.CellGate;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Refuses calls as UNAVAILABLE (which clients retry) while the instance is still starting (see {@link CellGate}). */
@GlobalInterceptor
@ApplicationScoped
public class StartingGateInterceptor implements ServerInterceptor {

    static final String STARTING = "The cell is starting (loading namespaces, taking over its shards); retry.";

    private final CellGate gate;

    public StartingGateInterceptor(CellGate gate) {
        this.gate = gate;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (gate.isOpen()) {
            return next.startCall(call, headers);
        }
        call.close(Status.UNAVAILABLE.withDescription(STARTING), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
