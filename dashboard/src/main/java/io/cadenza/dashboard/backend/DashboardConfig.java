package io.cadenza.dashboard.backend;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;

/** Where the dashboard finds its backends and keeps its own state. */
@ConfigMapping(prefix = "cadenza.dashboard")
public interface DashboardConfig {

    /** HTTP port of the dashboard (127.0.0.1 in the dev default). */
    @WithDefault("8233")
    int port();

    /** Temporal gRPC of the tenant gateway, {@code host:port}; every call carries the user's access token. */
    @WithDefault("127.0.0.1:7233")
    String gatewayGrpcTarget();

    /** Base URL of the tenant gateway's REST API ({@code /api/v1/...}); every call carries the user's token. */
    @WithDefault("http://127.0.0.1:7243")
    URI gatewayUrl();

    /** The dashboard's own small state: saved views, one JSON file per user. */
    Path dataDir();

    /**
     * Where the namespace switcher gets the user's namespaces: {@code rest} ({@code GET /api/v1/namespaces} on the
     * gateway, the production path) or {@code grpc} (ListNamespaces on the gRPC target, for developing against a
     * bare cell without a gateway).
     */
    @WithDefault("rest")
    String namespacesFrom();
}
