package io.cadenza.gateway;

import io.cadenza.gateway.auth.CachingAuthenticator;
import io.cadenza.gateway.config.DevModeGuard;
import io.cadenza.gateway.config.GatewayConfig;
import io.cadenza.gateway.controlplane.ControlPlaneClient;
import io.cadenza.gateway.controlplane.ServiceTokenProvider;
import io.cadenza.gateway.grpc.GatewayGrpcServer;
import io.cadenza.gateway.grpc.GatewaySettings;
import io.cadenza.gateway.ratelimit.NamespaceRateLimiter;
import io.cadenza.gateway.routing.CachingNamespaceDirectory;
import io.cadenza.gateway.telemetry.GatewayTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Builds the gateway from configuration and runs its gRPC server for the life of the application. */
@ApplicationScoped
public class GatewayLifecycle {

    private static final Logger LOG = Logger.getLogger(GatewayLifecycle.class);

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @Inject
    OpenTelemetry openTelemetry;

    private volatile GatewayGrpcServer server;
    private volatile Core core;
    private HttpClient http;

    /** What the gRPC server and the REST inbox route share: one cache of identities, routes and limits. */
    public record Core(GatewaySettings settings, io.cadenza.gateway.auth.Authenticator authenticator,
            io.cadenza.gateway.routing.NamespaceDirectory directory, NamespaceRateLimiter limiter) {
    }

    void start(@Observes StartupEvent event) {
        GatewayConfig.Gateway gw = config.gateway();
        DevModeGuard.check(gw.devMode(), gw.host());
        InstantSource clock = InstantSource.system();
        http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true));
        String tokenEndpoint = strip(config.keycloak().url()) + "/realms/" + config.keycloak().realm()
                + "/protocol/openid-connect/token";
        ServiceTokenProvider tokens = new ServiceTokenProvider(http, tokenEndpoint, gw.clientId(), gw.clientSecret(),
                gw.controlPlaneTimeout(), clock);
        ControlPlaneClient controlPlane = new ControlPlaneClient(http, gw.controlPlaneUrl(), tokens,
                gw.controlPlaneTimeout());
        CachingAuthenticator authenticator = new CachingAuthenticator(controlPlane::authenticate, gw.authCacheTtl(),
                gw.authRefusalCacheTtl(), clock, 200_000);
        CachingNamespaceDirectory directory = new CachingNamespaceDirectory(controlPlane, gw.namespaceCacheTtl(),
                clock);
        NamespaceRateLimiter limiter = new NamespaceRateLimiter(gw.defaultActionsPerSecond(),
                gw.defaultRequestsPerSecond(), System::nanoTime);
        GatewaySettings settings = new GatewaySettings(gw.devMode(), config.internalToken(),
                gw.fallbackCellEndpoint(), gw.maxCallTimeout(), gw.maxMessageSize());
        Optional<GatewayGrpcServer.Tls> tls = gw.tls().certFile().isPresent() || gw.tls().keyFile().isPresent()
                ? Optional.of(new GatewayGrpcServer.Tls(
                        gw.tls().certFile().orElseThrow(() -> new IllegalStateException(
                                "cadenza.gateway.tls.key-file is set but cadenza.gateway.tls.cert-file is not")),
                        gw.tls().keyFile().orElseThrow(() -> new IllegalStateException(
                                "cadenza.gateway.tls.cert-file is set but cadenza.gateway.tls.key-file is not"))))
                : Optional.empty();
        core = new Core(settings, authenticator, directory, limiter);
        server = new GatewayGrpcServer(gw.host(), gw.grpcPort(), tls, gw.workerThreads(), settings, authenticator,
                directory, limiter, new GatewayTelemetry(openTelemetry)).start();
        LOG.infof("tenant gateway: Temporal gRPC on %s:%d (%s), control plane %s%s", gw.host(), server.port(),
                tls.isPresent() ? "TLS" : "plaintext", gw.controlPlaneUrl(),
                gw.devMode() ? ", DEV MODE: unauthenticated calls may use namespace 'default'" : "");
    }

    void stop(@Observes ShutdownEvent event) {
        GatewayGrpcServer s = server;
        if (s != null) {
            s.close();
        }
        if (http != null) {
            http.close();
        }
    }

    /** The shared authentication, routing and limits, or null before start. */
    public Core core() {
        return core;
    }

    /** The running gRPC server, or null before start. */
    public GatewayGrpcServer server() {
        return server;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
