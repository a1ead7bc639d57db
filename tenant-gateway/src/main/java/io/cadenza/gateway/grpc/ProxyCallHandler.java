package io.cadenza.gateway.grpc;

import io.cadenza.gateway.authz.RpcPolicy;
import io.cadenza.gateway.routing.CellChannels;
import io.cadenza.gateway.telemetry.GatewayTelemetry;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The gRPC side of one Temporal method: receives the raw request, has it admitted, forwards the bytes to the
 * cell with the caller's deadline, and relays the cell's headers, response, status and trailers unchanged (so
 * Temporal's error details reach the SDK). Nothing blocks: every step continues from a callback.
 */
final class ProxyCallHandler implements ServerCallHandler<byte[], byte[]> {

    private static final Logger LOG = Logger.getLogger(ProxyCallHandler.class);

    private final MethodDescriptor<byte[], byte[]> method;
    private final RpcPolicy policy;
    private final CallAdmitter admitter;
    private final ListNamespacesHandler listNamespaces;
    private final CellChannels channels;
    private final GatewayTelemetry telemetry;
    private final GatewaySettings settings;

    ProxyCallHandler(MethodDescriptor<byte[], byte[]> method, RpcPolicy policy, CallAdmitter admitter,
            ListNamespacesHandler listNamespaces, CellChannels channels, GatewayTelemetry telemetry,
            GatewaySettings settings) {
        this.method = method;
        this.policy = policy;
        this.admitter = admitter;
        this.listNamespaces = listNamespaces;
        this.channels = channels;
        this.telemetry = telemetry;
        this.settings = settings;
    }

    @Override
    public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
        Deadline cap = Deadline.after(settings.maxCallTimeout().toNanos(), TimeUnit.NANOSECONDS);
        Deadline callerDeadline = io.grpc.Context.current().getDeadline();
        Deadline deadline = callerDeadline == null ? cap : callerDeadline.minimum(cap);
        call.request(2); // one request; a second one is a protocol violation we report
        return new ProxiedCall(call, headers, deadline);
    }

    private final class ProxiedCall extends ServerCall.Listener<byte[]> {
        private final ServerCall<byte[], byte[]> call;
        private final Metadata headers;
        private final Deadline deadline;
        private final AtomicBoolean closed = new AtomicBoolean();
        private byte[] request;
        private volatile boolean cancelled;
        private volatile ClientCall<byte[], byte[]> outgoing;
        private Context trace = Context.root();

        ProxiedCall(ServerCall<byte[], byte[]> call, Metadata headers, Deadline deadline) {
            this.call = call;
            this.headers = headers;
            this.deadline = deadline;
        }

        @Override
        public void onMessage(byte[] message) {
            if (request != null) {
                close(Status.INTERNAL.withDescription("too many requests for unary method " + method
                        .getFullMethodName()), new Metadata());
                return;
            }
            request = message;
        }

        @Override
        public void onHalfClose() {
            if (closed.get()) {
                return;
            }
            if (request == null) {
                close(Status.INTERNAL.withDescription("no request for unary method " + method.getFullMethodName()),
                        new Metadata());
                return;
            }
            trace = telemetry.startCall(headers, method.getFullMethodName());
            String name = method.getFullMethodName();
            switch (policy.kind()) {
                case NAMESPACED -> forwardWhenAdmitted(admitter.admitNamespaced(name, policy, headers, request, trace));
                case CLUSTER_INFO -> forwardWhenAdmitted(admitter.admitClusterInfo(name, policy, headers, trace));
                case LIST_NAMESPACES -> admitter.authenticateOnly(name, headers, trace)
                        .thenCompose(principal -> listNamespaces.list(principal, request, headers, trace, deadline))
                        .whenComplete((response, error) -> {
                            if (error != null) {
                                fail(error);
                            } else {
                                call.sendHeaders(new Metadata());
                                call.sendMessage(response);
                                close(Status.OK, new Metadata());
                            }
                        });
                case MANAGED_BY_CONTROL_PLANE, CLUSTER_ADMIN -> admitter.authenticateOnly(name, headers, trace)
                        .whenComplete((principal, error) -> fail(error != null ? error
                                : CallAdmitter.refusal(name, policy)));
            }
        }

        @Override
        public void onCancel() {
            cancelled = true;
            ClientCall<byte[], byte[]> c = outgoing;
            if (c != null) {
                c.cancel("caller cancelled the call", null);
            }
        }

        private void forwardWhenAdmitted(CompletionStage<Admission> admission) {
            admission.whenComplete((admitted, error) -> {
                if (error != null) {
                    fail(error);
                } else {
                    forward(admitted);
                }
            });
        }

        private void forward(Admission admission) {
            Span routeSpan = admission.routeSpan();
            if (cancelled) {
                GatewayTelemetry.end(routeSpan, null);
                close(Status.CANCELLED.withDescription("caller cancelled the call"), new Metadata());
                return;
            }
            ClientCall<byte[], byte[]> c = channels.forEndpoint(admission.cellEndpoint())
                    .newCall(method, CallOptions.DEFAULT.withDeadline(deadline));
            outgoing = c;
            c.start(new ClientCall.Listener<>() {
                private boolean headersSent;

                @Override
                public void onHeaders(Metadata responseHeaders) {
                    headersSent = true;
                    call.sendHeaders(responseHeaders);
                }

                @Override
                public void onMessage(byte[] message) {
                    if (!headersSent) {
                        headersSent = true;
                        call.sendHeaders(new Metadata());
                    }
                    call.sendMessage(message);
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    Status relayed = status;
                    if (status.getCause() != null) {
                        // Raised by our own transport (cell unreachable, deadline, caller gone): its text may name
                        // internal addresses; say which cell instead and keep the details in our log.
                        if (cancelled || status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
                            LOG.debugf("call %s to cell %s ended: %s", method.getFullMethodName(),
                                    admission.cellId(), status);
                        } else {
                            LOG.warnf("call %s to cell %s failed: %s", method.getFullMethodName(),
                                    admission.cellId(), status);
                        }
                        relayed = Status.fromCode(status.getCode()).withDescription(
                                "cell " + admission.cellId() + " did not answer: " + status.getCode());
                    }
                    routeSpan.setAttribute("rpc.grpc.status_code", status.getCode().value());
                    GatewayTelemetry.end(routeSpan, status.isOk() ? null : status.asRuntimeException());
                    close(relayed, trailers);
                }
            }, admission.outgoing());
            c.request(1);
            c.sendMessage(request);
            c.halfClose();
            if (cancelled) {
                c.cancel("caller cancelled the call", null);
            }
        }

        private void fail(Throwable error) {
            Throwable cause = CallAdmitter.unwrap(error);
            if (cause instanceof StatusRuntimeException sre) {
                LOG.debugf("denied %s: %s %s", method.getFullMethodName(), sre.getStatus().getCode(),
                        sre.getStatus().getDescription());
                Metadata trailers = sre.getTrailers() != null ? sre.getTrailers() : new Metadata();
                close(sre.getStatus(), trailers);
            } else {
                LOG.warnf(cause, "gateway error on %s", method.getFullMethodName());
                close(Status.INTERNAL.withDescription("gateway error"), new Metadata());
            }
        }

        private void close(Status status, Metadata trailers) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            Span server = Span.fromContext(trace);
            server.setAttribute("rpc.grpc.status_code", status.getCode().value());
            GatewayTelemetry.end(server, status.isOk() ? null : status.asRuntimeException());
            try {
                call.close(status, trailers);
            } catch (IllegalStateException e) {
                LOG.debugf("call %s already closed: %s", method.getFullMethodName(), e.getMessage());
            }
        }
    }
}
