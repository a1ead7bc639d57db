package io.cadenza.dataplane.testing;

import io.cadenza.devstack.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one embedded PostgreSQL of a test JVM, shared by the Quarkus tests ({@link PostgresTestResource}) and the
 * plain JUnit store contract suites. Quarkus loads test resources in its own class loader, so the running server
 * is published in system properties (JVM-wide) rather than in a static field; it stops when the JVM exits. (Not
 * under {@code cadenza.}: the application's config mapping refuses unknown keys there.)
 */
public final class SharedPostgres {

    private static final String PORT = "test.embedded-postgres.port";
    private static final String USER = "test.embedded-postgres.user";
    private static final String PASSWORD = "test.embedded-postgres.password";

    /** Where to reach the server. */
    public record Endpoint(int port, String username, String password) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        public String reactiveUrl(String database) {
            return "postgresql://127.0.0.1:" + port + "/" + database;
        }

        /** Creates a database (a plain lower-case identifier) unless it exists. */
        public void createDatabaseIfMissing(String name) {
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain lower-case identifier: " + name);
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), username, password)) {
                try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet rows = exists.executeQuery()) {
                        if (rows.next()) {
                            return;
                        }
                    }
                }
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE \"" + name + "\"");
                }
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) {
                    throw new IllegalStateException("could not create database " + name, e);
                }
            }
        }
    }

    private SharedPostgres() {
    }

    /** The running server, started on first use. */
    public static Endpoint endpoint() {
        synchronized (System.getProperties()) {
            String port = System.getProperty(PORT);
            if (port != null) {
                return new Endpoint(Integer.parseInt(port), System.getProperty(USER), System.getProperty(PASSWORD));
            }
            try {
                // The server logs next to its data directory, so both live under one temp root deleted at exit.
                Path root = Files.createTempDirectory("cadenza-pg-test-");
                PostgresServer postgres = PostgresServer.start(root.resolve("data"), 0);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } finally {
                        PostgresTestResource.deleteQuietly(root);
                    }
                }, "embedded-postgres-stop"));
                System.setProperty(PORT, Integer.toString(postgres.port()));
                System.setProperty(USER, postgres.username());
                System.setProperty(PASSWORD, postgres.password());
                return new Endpoint(postgres.port(), postgres.username(), postgres.password());
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the embedded PostgreSQL for the data-plane tests", e);
            }
        }
    }
}
