package io.cadenza.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The gateway's configuration ({@code cadenza.*}); see tenant-gateway/README.md. */
@ConfigMapping(prefix = "cadenza")
public interface GatewayConfig {

    Gateway gateway();

    Keycloak keycloak();

    /** Shared secret sent to cells as {@code cadenza-internal-token}; unset in single-cell dev. */
    Optional<String> internalToken();

    interface Gateway {
        /** Address of both the gRPC and the HTTP listener. Dev mode requires a loopback address. */
        @WithDefault("127.0.0.1")
        String host();

        /** Temporal gRPC port. 0 picks a free port. */
        @WithDefault("7233")
        int grpcPort();

        /** HTTP port (REST proxy, health); applied through {@code quarkus.http.port}. */
        @WithDefault("7243")
        int httpPort();

        /** Unauthenticated calls may use namespace {@code default}. Refused unless the host is loopback. */
        @WithDefault("false")
        boolean devMode();

        Tls tls();

        /** Base URL of the control plane (internal API and the public REST API proxied under /api/v1). */
        @WithDefault("http://127.0.0.1:7250")
        String controlPlaneUrl();

        /** Base URL of the billing service: /api/v1/usage, /api/v1/invoices... and /api/v1/billing/... go there. */
        @WithDefault("http://127.0.0.1:7270")
        String billingUrl();

        /** How long to wait for the control plane. */
        @WithDefault("5s")
        Duration controlPlaneTimeout();

        /** Keycloak client the gateway authenticates to the control plane with (client credentials). */
        @WithDefault("cadenza-gateway")
        String clientId();

        @WithDefault("cadenza-gateway-dev-secret")
        String clientSecret();

        /** How long a validated token is reused (never past its validUntil). */
        @WithDefault("5s")
        Duration authCacheTtl();

        /** How long a refused token is refused from the cache. */
        @WithDefault("1s")
        Duration authRefusalCacheTtl();

        /** How long a namespace lookup (cell, state, limits) is reused. */
        @WithDefault("5s")
        Duration namespaceCacheTtl();

        /** Limits for namespaces whose record has none. */
        @WithDefault("500")
        long defaultActionsPerSecond();

        @WithDefault("2000")
        long defaultRequestsPerSecond();

        /** Longest a forwarded call may run, also when the caller sets no or a longer deadline. */
        @WithDefault("120s")
        Duration maxCallTimeout();

        /** Largest gRPC message in bytes (requests and responses). */
        @WithDefault("134217728")
        int maxMessageSize();

        /**
         * Threads that continue calls whose authentication or route lookup missed the caches (calls themselves run
         * on the gRPC server's event loops; none of it blocks).
         */
        @WithDefault("4")
        int workerThreads();

        /** Cell ({@code host:port}) that answers GetSystemInfo for callers without any namespace. */
        Optional<String> fallbackCellEndpoint();
    }

    interface Tls {
        /** PEM certificate chain; TLS is on when both files are set. */
        Optional<String> certFile();

        /** PEM PKCS#8 private key. */
        Optional<String> keyFile();
    }

    interface Keycloak {
        @WithDefault("http://127.0.0.1:8180")
        String url();

        @WithDefault("cadenza")
        String realm();
    }
}
