package io.cadenza.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The dev stack's PostgreSQL: one server, with a database per component that needs one. */
final class PostgresService implements DevService {

    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private final List<String> databases;
    private volatile PostgresServer server;

    /**
     * @param databases created on start unless they exist
     */
    PostgresService(Path dataDir, int port, Path logFile, List<String> databases) {
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = logFile;
        this.databases = List.copyOf(databases);
    }

    @Override
    public String name() {
        return "postgres";
    }

    /** Does not record the postmaster: {@link PostgresServer#start} finds and stops an orphan itself. */
    @Override
    public void start(Consumer<ProcessHandle> recordSpawned) throws IOException {
        PostgresServer started = PostgresServer.start(dataDir, port, logFile);
        server = started;
        databases.forEach(started::createDatabaseIfMissing);
    }

    /** The running server; only valid after {@link #start}, which is why later services may call it. */
    PostgresServer server() {
        PostgresServer current = server;
        if (current == null) {
            throw new IllegalStateException("PostgreSQL is not started");
        }
        return current;
    }

    @Override
    public void stop() {
        PostgresServer current = server;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public CompletableFuture<String> onExit() {
        PostgresServer current = server();
        // The postmaster is not our child (pg_ctl daemonizes it), so watch it with the zombie-aware poller.
        return ProcessHandle.of(current.pid())
                .map(postmaster -> Processes.onExit(postmaster)
                        .thenApply(gone -> "postmaster " + current.pid() + " exited"))
                .orElse(CompletableFuture.completedFuture("postmaster " + current.pid() + " is not running"));
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public List<String> describe() {
        PostgresServer current = server();
        return List.of(String.format("PostgreSQL              127.0.0.1:%d, user %s, databases %s",
                        current.port(), current.username(), String.join(", ", databases)),
                String.format("                        psql -h 127.0.0.1 -p %d -U %s %s",
                        current.port(), current.username(), databases.isEmpty() ? "postgres" : databases.get(0)));
    }
}
