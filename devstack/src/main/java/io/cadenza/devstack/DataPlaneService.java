package io.cadenza.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** One data-plane cell of the dev stack, a separate JVM on its own database in the stack's PostgreSQL. */
final class DataPlaneService implements DevService, Crashable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final long SPAWN_POLL_MILLIS = 100;

    private final String name;
    private final String cellId;
    private final Path jar;
    private final int port;
    private final PostgresService postgres;
    private final String database;
    private final Path logFile;
    private final Map<String, String> extraProperties;
    private final List<String> banner;
    private volatile DataPlaneProcess process;
    /** Known before {@link #process} (which only exists once ready), so that Ctrl-C during startup can stop it. */
    private volatile ProcessHandle spawned;

    DataPlaneService(String name, String cellId, Path jar, int port, PostgresService postgres, String database,
                     Path logFile) {
        this(name, cellId, jar, port, postgres, database, logFile, Map.of(), null);
    }

    /**
     * @param extraProperties more {@code -D} properties of the cell (internal token, bootstrap namespaces, ...)
     * @param banner          lines for the ready banner; null for the single-cell default
     */
    DataPlaneService(String name, String cellId, Path jar, int port, PostgresService postgres, String database,
                     Path logFile, Map<String, String> extraProperties, List<String> banner) {
        this.name = name;
        this.cellId = cellId;
        this.jar = jar;
        this.port = port;
        this.postgres = postgres;
        this.database = database;
        this.logFile = logFile;
        this.extraProperties = Map.copyOf(extraProperties);
        this.banner = banner == null ? null : List.copyOf(banner);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(Consumer<ProcessHandle> recordSpawned) throws IOException {
        PostgresServer db = postgres.server();
        DataPlaneProcess.Settings settings = new DataPlaneProcess.Settings(jar, port, cellId, db.jdbcUrl(database),
                db.reactiveUrl(database), db.username(), db.password(), logFile, extraProperties);
        // DataPlaneProcess.start blocks until the cell is ready (seconds). Start it on another thread and record the
        // child's pid as soon as it exists: if this JVM is killed meanwhile, the next run must still find it.
        CompletableFuture<DataPlaneProcess> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return DataPlaneProcess.start(settings);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
        while (!starting.isDone()) {
            if (spawned == null) {
                findChild().ifPresent(child -> {
                    spawned = child;
                    recordSpawned.accept(child);
                });
            }
            try {
                starting.get(SPAWN_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // Still starting, or failed: the loop ends with isDone() and join() below reports the failure.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting " + name, e);
            }
        }
        try {
            DataPlaneProcess started = starting.join();
            process = started;
            spawned = started.toHandle();
            recordSpawned.accept(spawned);
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** Our child whose command line carries this cell's id (zonky's short-lived pg_ctl runs do not). */
    private Optional<ProcessHandle> findChild() {
        String marker = "-Dcadenza.cell-id=" + cellId;
        return ProcessHandle.current().children()
                .filter(child -> Processes.commandLine(child).contains(marker))
                .findFirst();
    }

    @Override
    public void crash() {
        DataPlaneProcess current = process;
        if (current != null && current.isAlive()) {
            current.kill();
        }
    }

    @Override
    public void stop() {
        DataPlaneProcess current = process;
        if (current != null) {
            current.close();
        } else if (spawned != null) {
            Processes.terminate(spawned, STOP_GRACE);
        }
    }

    @Override
    public CompletableFuture<String> onExit() {
        DataPlaneProcess current = process;
        if (current == null) {
            throw new IllegalStateException(name + " is not started");
        }
        return current.onExit().thenApply(code -> "exit code " + code);
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public List<String> describe() {
        if (banner != null) {
            return banner;
        }
        return List.of(
                String.format("Temporal gRPC endpoint  127.0.0.1:%d  (namespace: default, cell %s)", port, cellId),
                String.format("Health                  http://127.0.0.1:%d/q/health/ready", port + 1),
                String.format("Try                     temporal workflow list --address 127.0.0.1:%d", port));
    }
}
