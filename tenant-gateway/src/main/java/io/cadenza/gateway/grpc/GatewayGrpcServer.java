package io.cadenza.gateway.grpc;

import io.cadenza.gateway.auth.Authenticator;
import io.cadenza.gateway.authz.RequestInspector;
import io.cadenza.gateway.authz.RpcPolicy;
import io.cadenza.gateway.authz.RpcTable;
import io.cadenza.gateway.ratelimit.NamespaceRateLimiter;
import io.cadenza.gateway.routing.CellChannels;
import io.cadenza.gateway.routing.NamespaceDirectory;
import io.cadenza.gateway.telemetry.GatewayTelemetry;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ServerCalls;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * The gateway's gRPC server: a generic proxy for every method of Temporal's WorkflowService and OperatorService,
 * plus {@code grpc.health.v1.Health}. Built from plain objects so tests can run it without Quarkus.
 */
public final class GatewayGrpcServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GatewayGrpcServer.class);

    /** The Temporal services the gateway serves; {@code RpcTableTest} checks the table covers all their methods. */
    public static final List<ServiceDescriptor> SERVICES = List.of(
            WorkflowServiceGrpc.getServiceDescriptor(), OperatorServiceGrpc.getServiceDescriptor());

    /** TLS for the gRPC port: PEM certificate chain and PKCS#8 private key files. */
    public record Tls(String certFile, String keyFile) {
    }

    private final Server server;
    private final ExecutorService executor;
    private final CellChannels channels;
    private final HealthStatusManager health = new HealthStatusManager();
    private volatile boolean serving;

    public GatewayGrpcServer(String host, int port, Optional<Tls> tls, int workerThreads, GatewaySettings settings,
            Authenticator authenticator, NamespaceDirectory directory, NamespaceRateLimiter limiter,
            GatewayTelemetry telemetry) {
        this.executor = Executors.newFixedThreadPool(workerThreads, daemonThreads());
        this.channels = new CellChannels(settings.maxMessageSize());
        RequestInspector inspector = new RequestInspector(SERVICES);
        CallAdmitter admitter = new CallAdmitter(authenticator, directory, limiter, inspector, telemetry, settings,
                executor);
        ListNamespacesHandler listNamespaces = new ListNamespacesHandler(directory, limiter, channels, settings,
                executor);

        // Calls run on the server's event loops (directExecutor): admitting and relaying a call never blocks
        // (lookups that miss the caches complete later, and continue on `executor`), and handing every callback to
        // a pool thread cost a wake-up per step of every call.
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .directExecutor()
                .maxInboundMessageSize(settings.maxMessageSize())
                // Temporal SDKs ping every 30 s, also between calls; grpc-java's default policy would GOAWAY them.
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .addService(health.getHealthService());
        for (ServiceDescriptor service : SERVICES) {
            ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(service.getName());
            for (MethodDescriptor<?, ?> typed : service.getMethods()) {
                MethodDescriptor<byte[], byte[]> raw = RawMarshaller.raw(typed);
                Optional<RpcPolicy> policy = RpcTable.policy(typed.getFullMethodName());
                ServerCallHandler<byte[], byte[]> handler = policy
                        .<ServerCallHandler<byte[], byte[]>>map(p -> new ProxyCallHandler(raw, p, admitter,
                                listNamespaces, channels, telemetry, settings))
                        .orElseGet(() -> unclassified(typed.getFullMethodName()));
                definition.addMethod(raw, handler);
            }
            builder.addService(definition.build());
            health.setStatus(service.getName(), ServingStatus.SERVING);
        }
        tls.ifPresent(t -> builder.sslContext(sslContext(t)));
        this.server = builder.build();
    }

    /** A method the RPC table does not know (a newer API than the table): refused, never forwarded blindly. */
    private static ServerCallHandler<byte[], byte[]> unclassified(String fullMethodName) {
        LOG.warnf("%s is not in the gateway's RPC table; it will answer UNIMPLEMENTED", fullMethodName);
        return ServerCalls.asyncUnaryCall((request, observer) -> observer.onError(Status.UNIMPLEMENTED
                .withDescription(fullMethodName + " is not supported by this gateway").asRuntimeException()));
    }

    private static io.netty.handler.ssl.SslContext sslContext(Tls tls) {
        try {
            return GrpcSslContexts.forServer(new File(tls.certFile()), new File(tls.keyFile())).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot load gRPC TLS certificate " + tls.certFile() + " / key "
                    + tls.keyFile() + ": " + e.getMessage(), e);
        }
    }

    public GatewayGrpcServer start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for gRPC: " + e.getMessage(), e);
        }
        health.setStatus("", ServingStatus.SERVING);
        serving = true;
        return this;
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return server.getPort();
    }

    public boolean isServing() {
        return serving && !server.isShutdown();
    }

    @Override
    public void close() {
        serving = false;
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        channels.close();
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "gateway-grpc-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
