package io.cadenza.controlplane.testing;

import io.cadenza.devstack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real parts of the control plane's component tests, started once per test run and shared by every test class: an
 * embedded PostgreSQL (devstack's {@link PostgresServer}) with database cadenza_control, migrated by Flyway at start.
 * Keycloak's admin API is replaced by {@link InMemoryKeycloakAdmin}; callers authenticate with real API keys, so no
 * Keycloak is started (the OIDC tenant is off). The namespace reconciler is not scheduled: cells are not running here
 * (system-tests cover the cells end to end), so namespaces stay as the API left them.
 */
public class ControlPlaneTestResources implements QuarkusTestResourceLifecycleManager {
    private Path tempRoot;
    private PostgresServer postgres;

    @Override
    public Map<String, String> start() {
        try {
            tempRoot = Files.createTempDirectory("cadenza-control-plane-test-");
            postgres = PostgresServer.start(tempRoot.resolve("pg"), 0);
            postgres.createDatabaseIfMissing("cadenza_control");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("could not start PostgreSQL for the control plane tests", e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl("cadenza_control"));
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl("cadenza_control"));
        config.put("quarkus.http.test-port", "0");
        config.put("quarkus.oidc.tenant-enabled", "false");
        config.put("quarkus.scheduler.enabled", "false");
        config.put("cadenza.keycloak.url", "http://keycloak.invalid");
        return config;
    }

    @Override
    public void stop() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop PostgreSQL", e);
        } finally {
            deleteQuietly(tempRoot);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
