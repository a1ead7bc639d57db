package io.cadenza.dataplane.grpc;

import com.google.protobuf.Message;
import io.cadenza.dataplane.cell.CallRoute;
import io.cadenza.dataplane.cell.CellChannels;
import io.cadenza.dataplane.cell.CellMember;
import io.cadenza.dataplane.cell.ShardController;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Any instance of a cell answers any call: a call that belongs to a shard (or task queue) another instance holds is
 * forwarded to it over the cell's internal gRPC, with the internal token, the caller's metadata (trace context
 * included) and deadline, and its answer relayed unchanged. A call for a shard nobody holds yet, or that is moving,
 * answers UNAVAILABLE, which the SDKs retry (never NOT_FOUND). A forwarded call is never forwarded again. With
 * one instance holding every shard, calls pass straight through.
 */
@GlobalInterceptor
@ApplicationScoped
@Priority(-100)
public class CellForwardingInterceptor implements ServerInterceptor {

    private static final Logger LOG = Logger.getLogger(CellForwardingInterceptor.class);
    private static final String SERVICE = "temporal.api.workflowservice.v1.WorkflowService";
    /** Set on a forwarded call: the instance it came from. */
    public static final Metadata.Key<String> FORWARDED_BY =
            Metadata.Key.of("cadenza-forwarded-by", Metadata.ASCII_STRING_MARSHALLER);
    private static final Set<String> TRANSPORT = Set.of("content-type", "te", "user-agent", "host",
            "grpc-timeout", "grpc-encoding", "grpc-accept-encoding");

    private final ShardController cell;
    private final ShardLeases shards;
    private final CallRoute routes;
    private final CellChannels channels;
    private final Optional<String> internalToken;
    private final QueueCalls queueCalls;

    public CellForwardingInterceptor(ShardController cell, ShardLeases shards, NamespaceRegistry namespaces,
                                     CellChannels channels, DataPlaneConfig config, QueueCalls queueCalls) {
        this.cell = cell;
        this.shards = shards;
        this.routes = new CallRoute(namespaces, shards);
        this.channels = channels;
        this.internalToken = config.internalToken().filter(t -> !t.isBlank());
        this.queueCalls = queueCalls;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (!SERVICE.equals(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        boolean pinned = headers.containsKey(QueueCalls.PINNED_TASK) && headers.containsKey(FORWARDED_BY);
        if (!pinned && cell.servesAll()) {
            return next.startCall(call, headers);
        }
        call.request(1);
        return new Routed<>(call, headers, next);
    }

    /** Holds the call until its request says where it belongs, then serves it here or forwards it. */
    private final class Routed<Q, R> extends ForwardingServerCallListener<Q> {
        private final ServerCall<Q, R> call;
        private final Metadata headers;
        private final ServerCallHandler<Q, R> next;
        private ServerCall.Listener<Q> delegate;
        private volatile ClientCall<Q, R> outgoing;
        private volatile boolean cancelled;
        private final AtomicBoolean closed = new AtomicBoolean();
        private Q request;

        Routed(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            this.call = call;
            this.headers = headers;
            this.next = next;
        }

        @Override
        protected ServerCall.Listener<Q> delegate() {
            return delegate;
        }

        @Override
        public void onMessage(Q message) {
            if (delegate != null) {
                delegate.onMessage(message);
                return;
            }
            request = message;
            CallRoute.Target target = routes.of(call.getMethodDescriptor().getBareMethodName(), (Message) message);
            boolean forwarded = headers.containsKey(FORWARDED_BY);
            if (forwarded && headers.containsKey(QueueCalls.PINNED_TASK)) {
                delegate = queueCalls.servePinned(call, headers, next, message);
            } else if (target.local()) {
                serveHere(message);
            } else if (target.byQueue()) {
                Optional<CellMember> owner = cell.view().queueOwner(target.namespaceId(), target.queue(),
                        target.activityQueue());
                if (owner.isEmpty() || owner.get().id().equals(shards.instanceId()) || forwarded) {
                    delegate = queueCalls.serve(call, headers, next, message, target);
                } else {
                    forward(owner.get(), headers);
                }
            } else if (shards.owns(target.shard())) {
                serveHere(message);
            } else {
                Optional<CellMember> holder = cell.view().holder(target.shard());
                if (forwarded || holder.isEmpty() || holder.get().id().equals(shards.instanceId())) {
                    close(Status.UNAVAILABLE.withDescription("Shard " + target.shard()
                            + " of the cell is moving between instances; retry."), new Metadata());
                } else {
                    forward(holder.get(), headers);
                }
            }
        }

        private void serveHere(Q message) {
            delegate = next.startCall(call, headers);
            delegate.onReady();
            delegate.onMessage(message);
        }

        @Override
        public void onHalfClose() {
            if (delegate != null) {
                delegate.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            cancelled = true;
            if (delegate != null) {
                delegate.onCancel();
            }
            ClientCall<Q, R> c = outgoing;
            if (c != null) {
                c.cancel("caller cancelled the call", null);
            }
        }

        @Override
        public void onComplete() {
            if (delegate != null) {
                delegate.onComplete();
            }
        }

        @Override
        public void onReady() {
            if (delegate != null) {
                delegate.onReady();
            }
        }

        private void forward(CellMember to, Metadata incoming) {
            LOG.debugf("forwarding %s to %s", call.getMethodDescriptor().getBareMethodName(), to.address());
            Deadline deadline = Context.current().getDeadline();
            CallOptions options = deadline == null ? CallOptions.DEFAULT : CallOptions.DEFAULT.withDeadline(deadline);
            ClientCall<Q, R> c = channels.to(to.address()).newCall(call.getMethodDescriptor(), options);
            outgoing = c;
            c.start(new ClientCall.Listener<>() {
                private boolean headersSent;

                @Override
                public void onHeaders(Metadata responseHeaders) {
                    headersSent = true;
                    call.sendHeaders(responseHeaders);
                }

                @Override
                public void onMessage(R message) {
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
                        // Our own transport failed (the instance died, the deadline passed): the caller retries,
                        // and the shard's next holder answers.
                        LOG.debugf("call %s forwarded to %s ended: %s", call.getMethodDescriptor()
                                .getFullMethodName(), to.address(), status);
                        relayed = status.getCode() == Status.Code.DEADLINE_EXCEEDED || cancelled ? status
                                : Status.UNAVAILABLE.withDescription("Instance " + to.id()
                                        + " of the cell did not answer; retry.");
                    }
                    close(relayed, trailers);
                }
            }, forwardedHeaders(incoming));
            c.request(1);
            c.sendMessage(request);
            c.halfClose();
            if (cancelled) {
                c.cancel("caller cancelled the call", null);
            }
        }

        private void close(Status status, Metadata trailers) {
            if (closed.compareAndSet(false, true)) {
                try {
                    call.close(status, trailers);
                } catch (IllegalStateException e) {
                    LOG.debugf("call already closed: %s", e.getMessage());
                }
            }
        }
    }

    /** The caller's metadata (trace context and all) minus transport headers, plus the internal token. */
    Metadata forwardedHeaders(Metadata incoming) {
        Metadata out = new Metadata();
        for (String key : incoming.keys()) {
            String k = key.toLowerCase(Locale.ROOT);
            if (TRANSPORT.contains(k) || k.startsWith(":") || k.equals("cadenza-internal-token")
                    || k.equals(FORWARDED_BY.name())) {
                continue;
            }
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                Metadata.Key<byte[]> bk = Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER);
                for (byte[] v : incoming.getAll(bk)) {
                    out.put(bk, v);
                }
            } else {
                Metadata.Key<String> sk = Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER);
                for (String v : incoming.getAll(sk)) {
                    out.put(sk, v);
                }
            }
        }
        internalToken.ifPresent(t -> out.put(InternalCallerInterceptor.INTERNAL_TOKEN, t));
        out.put(FORWARDED_BY, shards.instanceId());
        return out;
    }
}
