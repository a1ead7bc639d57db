package io.cadenza.dataplane.testing;

import io.cadenza.devstack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts one embedded PostgreSQL for the whole test run and points the data plane's datasources at it.
 *
 * <p>Registered globally (see {@link SdkTestSupport}), so Quarkus and PostgreSQL start once per build, not once per
 * test class.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "cadenza_test";

    private Path tempRoot;
    private PostgresServer postgres;

    @Override
    public Map<String, String> start() {
        try {
            // The server logs next to its data directory, so both live under one temp root that stop() deletes.
            tempRoot = Files.createTempDirectory("cadenza-pg-test-");
            postgres = PostgresServer.start(tempRoot.resolve("data"), 0);
            postgres.createDatabaseIfMissing(DATABASE);
            return Map.of(
                    "quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE),
                    "quarkus.datasource.reactive.url", postgres.reactiveUrl(DATABASE),
                    "quarkus.datasource.username", postgres.username(),
                    "quarkus.datasource.password", postgres.password());
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL for the data-plane tests", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded PostgreSQL", e);
        } finally {
            deleteQuietly(tempRoot);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp directory is harmless; the OS cleans /tmp.
        }
    }
}
