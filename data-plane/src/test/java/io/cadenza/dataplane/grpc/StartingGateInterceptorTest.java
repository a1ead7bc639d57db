package io.cadenza.dataplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.CellGate;
import io.cadenza.dataplane.CellGateAccess;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Until start-up has loaded the namespaces and taken the shards, calls are refused as UNAVAILABLE (SDKs retry it)
 * rather than reaching handlers that would answer NOT_FOUND for an unknown namespace.
 */
class StartingGateInterceptorTest {

    private final CellGate gate = new CellGate();
    private final StartingGateInterceptor interceptor = new StartingGateInterceptor(gate);

    @Test
    void aCallWhileStartingIsRefusedAsUnavailableWithoutReachingItsHandler() {
        RecordingCall call = new RecordingCall();
        AtomicBoolean handled = new AtomicBoolean();

        interceptor.interceptCall(call, new Metadata(), (c, h) -> {
            handled.set(true);
            return new ServerCall.Listener<>() {
            };
        });

        assertThat(handled).isFalse();
        assertThat(call.closedWith.get().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(call.closedWith.get().getDescription()).contains("starting");
    }

    @Test
    void onceOpenCallsReachTheirHandlers() {
        CellGateAccess.open(gate);
        RecordingCall call = new RecordingCall();
        AtomicBoolean handled = new AtomicBoolean();

        interceptor.interceptCall(call, new Metadata(), (c, h) -> {
            handled.set(true);
            return new ServerCall.Listener<>() {
            };
        });

        assertThat(handled).isTrue();
        assertThat(call.closedWith.get()).isNull();
    }

    /** A server call that records how it was closed. */
    private static final class RecordingCall extends ServerCall<Object, Object> {
        final AtomicReference<Status> closedWith = new AtomicReference<>();

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(Object message) {
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closedWith.set(status);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Attributes getAttributes() {
            return Attributes.EMPTY;
        }

        @Override
        public MethodDescriptor<Object, Object> getMethodDescriptor() {
            return null;
        }
    }
}
