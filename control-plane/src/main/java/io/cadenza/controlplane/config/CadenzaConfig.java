package io.cadenza.controlplane.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The control plane's settings ({@code cadenza.*}); see README "Configuration". */
@ConfigMapping(prefix = "cadenza")
public interface CadenzaConfig {

    /** The data-plane cells namespaces can be placed on, by cell id. */
    Map<String, Cell> cells();

    /** The Temporal gRPC endpoint tenants connect to (the tenant gateway), shown on every namespace. */
    @WithName("public-grpc-endpoint")
    @WithDefault("127.0.0.1:7233")
    String publicGrpcEndpoint();

    /** Shared secret sent to cells as gRPC metadata {@code cadenza-internal-token}; unset in single-cell dev. */
    @WithName("internal-token")
    Optional<String> internalToken();

    Http http();

    Keycloak keycloak();

    Reconciler reconciler();

    Dev dev();

    interface Cell {
        /** host:port of the cell's Temporal gRPC API; host:port,host:port,... for a cell of several instances. */
        @WithName("grpc-endpoint")
        String grpcEndpoint();

        /**
         * host:port of the cell's HTTP API (the approval inbox); by the cells' convention the port after the gRPC
         * port when unset.
         */
        java.util.Optional<String> httpEndpoint();
    }

    interface Http {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("7250")
        int port();
    }

    interface Keycloak {
        /** Base URL of Keycloak (realm cadenza lives below it). */
        @WithDefault("http://127.0.0.1:8180")
        String url();

        /** Secret of the cadenza-control-plane client. */
        @WithName("client-secret")
        @WithDefault("cadenza-control-plane-dev-secret")
        String clientSecret();
    }

    interface Reconciler {
        /** Deadline of one call to a cell. */
        @WithName("call-timeout")
        @WithDefault("10s")
        Duration callTimeout();

        /** Longest wait between two attempts on a failing namespace. */
        @WithName("max-backoff")
        @WithDefault("60s")
        Duration maxBackoff();
    }

    interface Dev {
        /** Creates the dev account, owner, namespace default, service account and API key at start-up. */
        @WithDefault("false")
        boolean bootstrap();

        /** Where the dev API key's token is written once (mode 0600) if the file does not exist yet. */
        @WithName("api-key-file")
        Optional<String> apiKeyFile();
    }
}
