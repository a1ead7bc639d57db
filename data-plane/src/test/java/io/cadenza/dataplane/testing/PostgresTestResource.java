package io.cadenza.dataplane.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Points the data plane's datasources at the one embedded PostgreSQL of the test JVM ({@link SharedPostgres}).
 *
 * <p>Registered globally (see {@link SdkTestSupport}), so Quarkus and PostgreSQL start once per build, not once per
 * test class. The server stops when the JVM exits, so the store contract suites can share it.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "cadenza_test";

    @Override
    public Map<String, String> start() {
        SharedPostgres.Endpoint postgres = SharedPostgres.endpoint();
        postgres.createDatabaseIfMissing(DATABASE);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(DATABASE),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        // The shared server outlives one Quarkus application: SharedPostgres stops it at JVM exit.
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
