package io.cadenza.terraform.plugin;

import io.cadenza.terraform.protocol.health.HealthGrpc;
import io.cadenza.terraform.protocol.health.HealthProto;
import io.cadenza.terraform.protocol.plugin.GRPCControllerGrpc;
import io.cadenza.terraform.protocol.plugin.GrpcController;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.StreamObserver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server Terraform connects to: mutual TLS with our certificate, accepting only the client certificate
 * Terraform handed us, on 127.0.0.1 in the port range it allows; serving the provider, gRPC health (service
 * "plugin" is SERVING) and go-plugin's GRPCController, whose Shutdown stops the server so the process exits.
 */
public final class PluginServer {
    private static final int MAX_MESSAGE_BYTES = 256 << 20; // as large as Terraform's own limit

    private final Server server;

    private PluginServer(Server server) {
        this.server = server;
    }

    public static PluginServer start(Handshake handshake, SelfSignedCertificate certificate,
                                     BindableService provider)
            throws IOException {
        // The JDK's TLS, not the BoringSSL that grpc-netty-shaded bundles: BoringSSL does not offer
        // ecdsa_secp521r1_sha512, so Go's client (whose AutoMTLS certificate is P-521) would send no certificate.
        SslContext tls = GrpcSslContexts.configure(SslContextBuilder.forServer(
                        stream(certificate.certificatePem()), stream(certificate.privateKeyPem()))
                        .trustManager(stream(handshake.clientCertPem()))
                        .clientAuth(ClientAuth.REQUIRE), SslProvider.JDK)
                .build();
        int from = handshake.minPort();
        int to = handshake.maxPort() < from ? from : handshake.maxPort();
        IOException last = null;
        for (int port = from; port <= to; port++) {
            PluginServer[] self = new PluginServer[1];
            Runnable shutdown = () -> self[0].server.shutdown();
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                    .sslContext(tls)
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .addService(provider)
                    .addService(new Health())
                    .addService(new Controller(shutdown))
                    .build();
            try {
                server.start();
                self[0] = new PluginServer(server);
                return self[0];
            } catch (IOException e) {
                last = e; // port taken: try the next one in the range
            }
        }
        throw new IOException("No free port in " + from + ".." + to + " (PLUGIN_MIN_PORT..PLUGIN_MAX_PORT)", last);
    }

    public int port() {
        return server.getPort();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    public void stopNow() throws InterruptedException {
        server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    }

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }

    static final class Health extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthProto.HealthCheckRequest request,
                          StreamObserver<HealthProto.HealthCheckResponse> out) {
            out.onNext(HealthProto.HealthCheckResponse.newBuilder()
                    .setStatus(request.getService().isEmpty() || request.getService().equals("plugin")
                            ? HealthProto.HealthCheckResponse.ServingStatus.SERVING
                            : HealthProto.HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN)
                    .build());
            out.onCompleted();
        }
    }

    static final class Controller extends GRPCControllerGrpc.GRPCControllerImplBase {
        private final Runnable shutdown;

        Controller(Runnable shutdown) {
            this.shutdown = shutdown;
        }

        @Override
        public void shutdown(GrpcController.Empty request, StreamObserver<GrpcController.Empty> out) {
            out.onNext(GrpcController.Empty.getDefaultInstance());
            out.onCompleted();
            shutdown.run(); // graceful: the reply above still goes out, then the process ends
        }
    }
}
