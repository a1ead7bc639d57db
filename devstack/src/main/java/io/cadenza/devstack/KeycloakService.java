package io.cadenza.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Keycloak in the dev stack: realm {@code cadenza}, state in the stack's PostgreSQL database {@code keycloak}. */
final class KeycloakService implements DevService {

    static final String DATABASE = "keycloak";

    private final Path distributionZip;
    private final Path installDir;
    private final int port;
    private final PostgresService postgres;
    private final String adminPassword;
    private final Path logFile;
    private final String dashboardUrl;
    private volatile KeycloakServer server;
    private volatile ProcessHandle spawned;

    /** @param dashboardUrl where the dashboard runs: the only redirect target its Keycloak client accepts */
    KeycloakService(Path distributionZip, Path installDir, int port, PostgresService postgres, String adminPassword,
                    Path logFile, String dashboardUrl) {
        this.dashboardUrl = dashboardUrl;
        this.distributionZip = distributionZip;
        this.installDir = installDir;
        this.port = port;
        this.postgres = postgres;
        this.adminPassword = adminPassword;
        this.logFile = logFile;
    }

    @Override
    public String name() {
        return "keycloak";
    }

    @Override
    public void start(Consumer<ProcessHandle> recordSpawned) throws IOException {
        PostgresServer db = postgres.server();
        server = KeycloakServer.start(new KeycloakServer.Settings(distributionZip, installDir, port,
                db.jdbcUrl(DATABASE), db.username(), db.password(), adminPassword, logFile), handle -> {
                    spawned = handle;
                    recordSpawned.accept(handle);
                });
        // kc.sh either runs Keycloak's JVM as its child or, after a re-augmentation, exec()s into it: record the JVM
        // itself (pid and command line), so that a run killed with SIGKILL finds and stops it next time.
        ProcessHandle launched = server.process().toHandle();
        ProcessHandle jvm = launched.children()
                .filter(child -> Processes.commandLine(child).contains("io.quarkus.bootstrap.runner.QuarkusEntryPoint"))
                .findFirst().orElse(launched);
        recordSpawned.accept(jvm);
        server.pointDashboardClientAt(dashboardUrl, adminPassword);
    }

    @Override
    public void stop() {
        ProcessHandle early = spawned;
        KeycloakServer current = server;
        if (current != null) {
            current.close();
        } else if (early != null) {
            Processes.terminate(early, java.time.Duration.ofSeconds(20)); // Ctrl-C while it was starting
        }
    }

    @Override
    public CompletableFuture<String> onExit() {
        return server.process().onExit().thenApply(code -> "exit code " + code);
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public List<String> describe() {
        return List.of(String.format("Keycloak                %s  (realm %s; admin console: admin / %s)", url(),
                KeycloakServer.REALM, adminPassword));
    }
}
